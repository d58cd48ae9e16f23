// mlspec: parses the command line and hands over to one subcommand.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "mlspec: compile one TOML spec of a GPU ML platform into a GitOps tree, and lint\n"
      "Kubernetes manifests for the GPU mistakes that leave pods Pending or OOM-killed.\n\n"
      "Exit codes: 0 success; 1 findings at or above --fail-on (lint) or drift (compile --check);\n"
      "2 invalid input or usage."};
  app.require_subcommand(1);
  mlspec::Command selected;
  mlspec::RegisterValidate(app, &selected);
  mlspec::RegisterCompile(app, &selected);
  mlspec::RegisterLint(app, &selected);
  mlspec::RegisterRules(app, &selected);
  mlspec::RegisterExplain(app, &selected);
  mlspec::RegisterInit(app, &selected);
  mlspec::RegisterVersion(app, &selected);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return mlspec::kExitInvalid;
  }
  return selected ? selected() : mlspec::kExitInvalid;
}
