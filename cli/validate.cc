// mlspec validate SPEC...: load, validate and resolve specs; write nothing.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "pipeline/pipeline.h"

namespace mlspec {
namespace {

struct ValidateOptions {
  std::vector<std::string> specs;
  bool quiet = false;
};

int RunValidate(const ValidateOptions& opts) {
  int rc = kExitOk;
  for (const std::string& path : opts.specs) {
    Diagnostics diags;
    std::optional<Model> spec = LoadResolvedModel(path, diags);
    PrintDiagnostics(diags);
    if (!spec || diags.has_errors()) {
      rc = kExitInvalid;
      continue;
    }
    if (!opts.quiet)
      std::printf("%s: ok (%zu pools, %zu profiles)\n", path.c_str(), spec->pools.size(), spec->profiles.size());
  }
  return rc;
}

}  // namespace

void RegisterValidate(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check specs: syntax, keys, types, names, references and capacity. Writes nothing.");
  sub->add_option("SPEC", opts->specs, "Spec files (TOML)")->required();
  sub->add_flag("-q,--quiet", opts->quiet, "Print only problems");
  sub->callback([opts, selected] { *selected = [opts] { return RunValidate(*opts); }; });
}

}  // namespace mlspec
