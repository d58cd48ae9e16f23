// mlspec rules: list the lint rules, or print docs/rules.md.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "lint/registry.h"
#include "lint/report.h"

namespace mlspec {
namespace {

int RunRules(const std::string& format) {
  std::string out;
  if (format == "markdown") {
    out = RulesMarkdown();
  } else if (format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const lint::Rule* r : lint::AllRules()) {
      const lint::RuleInfo& i = r->info();
      j.push_back({{"id", i.id},
                   {"severity", SeverityName(i.default_severity)},
                   {"category", lint::CategoryName(i.category)},
                   {"summary", i.summary},
                   {"enabled_by_default", i.enabled_by_default},
                   {"needs_spec", i.needs_spec}});
    }
    out = j.dump(2) + "\n";
  } else if (format == "text") {
    out = RulesText();
  } else {
    std::fprintf(stderr, "mlspec: error: unknown --format %s; use text, markdown or json\n", format.c_str());
    return kExitInvalid;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterRules(CLI::App& app, Command* selected) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* sub = app.add_subcommand("rules", "List the lint rules (markdown: docs/rules.md).");
  sub->add_option("-f,--format", *format, "text (default), markdown or json");
  sub->callback([format, selected] { *selected = [format] { return RunRules(*format); }; });
}

}  // namespace mlspec
