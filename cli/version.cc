// mlspec version
#include <cstdio>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "base/version.h"
#include "cli/commands.h"

namespace mlspec {

void RegisterVersion(CLI::App& app, Command* selected) {
  CLI::App* sub = app.add_subcommand("version", "Print mlspec's version");
  sub->callback([selected] {
    *selected = [] {
      std::printf("mlspec %s\n", kVersion);
      return static_cast<int>(kExitOk);
    };
  });
}

}  // namespace mlspec
