// mlspec help [COMMAND], the examples every command's --help ends with, and
// "did you mean" for a mistyped command.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "base/text.h"
#include "cli/commands.h"

namespace mlspec {
namespace {

// Two real examples per command, each with what it is for. They run as
// written from a checkout of the repository (tests/unit/help_cli_test.cc
// runs every one), so they name the bundled example specs.
struct Example {
  std::string_view command_line;
  std::string_view what;
};
struct CommandExamples {
  std::string_view command;
  Example examples[2];
};
constexpr CommandExamples kExamples[] = {
    {"init",
     {{"mlspec init --provider aks > platform.toml", "a commented starter spec for AKS"},
      {"mlspec init --provider kubernetes > platform.toml", "the same for nodes you create yourself"}}},
    {"validate",
     {{"mlspec validate examples/aks-platform.toml", "check one spec; writes nothing"},
      {"mlspec validate -q examples/aks-platform.toml examples/eks-platform.toml", "several, printing only problems"}}},
    {"compile",
     {{"mlspec compile examples/aks-platform.toml -o output", "write the GitOps tree to output/"},
      {"mlspec compile examples/aks-platform.toml --check -o output", "exit 1 when output/ is out of date (CI)"}}},
    {"lint",
     {{"mlspec lint --spec examples/aks-platform.toml output/manifests", "lint manifests against the spec's pools"},
      {"mlspec lint --format sarif --output mlspec.sarif output/manifests", "write SARIF for code scanning"}}},
    {"rules",
     {{"mlspec rules", "every lint rule with its severity"}, {"mlspec rules --format json", "the same as JSON"}}},
    {"explain",
     {{"mlspec explain shm-missing", "why a rule exists, a bad and a good example, the fix"},
      {"mlspec explain gpu-toleration-missing", "another rule"}}},
    {"catalog",
     {{"mlspec catalog gpus", "every GPU type: memory, bandwidth, TFLOP/s, MIG profiles"},
      {"mlspec catalog instances --provider aks", "AKS instance types with their GPUs, vCPUs and memory"}}},
    {"help", {{"mlspec help", "every command"}, {"mlspec help compile", "one command's options and examples"}}},
    {"version", {{"mlspec version", "the version"}, {"mlspec --version", "the same"}}},
};

std::string ExamplesFooter(const CommandExamples& e) {
  std::string out = "Examples:\n";
  for (const Example& x : e.examples) {
    out += "  ";
    out += x.command_line;
    out += "\n      ";
    out += x.what;
    out += "\n";
  }
  out.pop_back();  // CLI11 ends the footer with its own newline
  return out;
}

std::vector<std::string_view> CommandNames(const CLI::App& app) {
  std::vector<std::string_view> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

}  // namespace

std::string TopLevelHelp(const CLI::App& app) {
  // Not app.help(): after parsing it describes the selected subcommand.
  return app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
}

void AddExamples(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    for (const CommandExamples& e : kExamples)
      if (sub->get_name() == e.command) {
        // After what the command says in its own footer (lint: formats, --fail-on, suppressions).
        const std::string own = sub->get_footer();
        sub->footer(own.empty() ? ExamplesFooter(e) : own + "\n\n" + ExamplesFooter(e));
      }
}

int UnknownCommand(const CLI::App& app, std::string_view name) {
  std::vector<std::string_view> names = CommandNames(app);
  std::string msg = "unknown command " + Quote(name);
  if (auto s = DidYouMean(name, names)) msg += "; did you mean " + Quote(*s) + "?";
  std::fprintf(stderr, "mlspec: error: %s (see `mlspec help`)\n", msg.c_str());
  return kExitInvalid;
}

const CLI::App* FindCommand(const CLI::App& app, std::string_view name) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

void RegisterHelp(CLI::App& app, Command* selected) {
  auto command = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("help", "Print the commands, or one command's options and examples");
  sub->add_option("COMMAND", *command, "A command, e.g. compile");
  const CLI::App* root = &app;
  sub->callback([command, selected, root] {
    *selected = [command, root] {
      if (command->empty()) {
        std::string text = TopLevelHelp(*root);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return static_cast<int>(kExitOk);
      }
      const CLI::App* target = FindCommand(*root, *command);
      if (!target) return UnknownCommand(*root, *command);
      std::string text = target->help(root->get_name());
      std::fwrite(text.data(), 1, text.size(), stdout);
      return static_cast<int>(kExitOk);
    };
  });
}

}  // namespace mlspec
