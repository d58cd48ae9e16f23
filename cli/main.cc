// mlspec: parses the command line and hands over to one subcommand.
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "base/version.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "mlspec: compile one TOML spec of a GPU ML platform into a GitOps tree, and lint\n"
      "Kubernetes manifests for the GPU mistakes that leave pods Pending or OOM-killed.\n\n"
      "Exit codes: 0 success; 1 findings at or above --fail-on (lint) or drift (compile --check, --diff);\n"
      "2 invalid input or usage.",
      "mlspec"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mlspec ") + mlspec::kVersion, "Print mlspec's version and exit");
  app.footer("Run `mlspec help COMMAND` (or `mlspec COMMAND --help`) for a command's options and examples.");
  mlspec::Command selected;
  mlspec::RegisterInit(app, &selected);
  mlspec::RegisterValidate(app, &selected);
  mlspec::RegisterCompile(app, &selected);
  mlspec::RegisterLint(app, &selected);
  mlspec::RegisterRules(app, &selected);
  mlspec::RegisterExplain(app, &selected);
  mlspec::RegisterCatalog(app, &selected);
  mlspec::RegisterHelp(app, &selected);
  mlspec::RegisterVersion(app, &selected);
  mlspec::AddExamples(app);

  // Before CLI11 sees them: no command at all shows the commands; a word that
  // is no command gets "did you mean" instead of CLI11's generic message.
  if (argc < 2) {
    std::string help = mlspec::TopLevelHelp(app);
    std::fprintf(stderr, "mlspec: error: a command is required\n\n%s", help.c_str());
    return mlspec::kExitInvalid;
  }
  std::string_view first = argv[1];
  if (!first.starts_with("-") && !mlspec::FindCommand(app, first)) return mlspec::UnknownCommand(app, first);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return mlspec::kExitInvalid;
  }
  return selected ? selected() : mlspec::kExitInvalid;
}
