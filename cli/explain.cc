// mlspec explain RULE: why a rule exists, a bad and a good example, the fix.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "base/text.h"
#include "cli/commands.h"
#include "lint/registry.h"
#include "lint/report.h"

namespace mlspec {
namespace {

int RunExplain(const std::string& id) {
  std::string text = ExplainRule(id);
  if (text.empty()) {
    std::vector<std::string_view> ids;
    for (const lint::Rule* r : lint::AllRules()) ids.push_back(r->info().id);
    std::string msg = "unknown rule " + Quote(id);
    if (auto s = DidYouMean(id, ids)) msg += "; did you mean " + Quote(*s) + "?";
    std::fprintf(stderr, "mlspec: error: %s (see `mlspec rules`)\n", msg.c_str());
    return kExitInvalid;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app, Command* selected) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("explain", "Explain a lint rule: why, bad and good example, fix.");
  sub->add_option("RULE", *id, "Rule id, e.g. shm-missing")->required();
  sub->callback([id, selected] { *selected = [id] { return RunExplain(*id); }; });
}

}  // namespace mlspec
