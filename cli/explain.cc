// mlspec explain RULE: why a rule exists, a bad and a good example, the fix.
#include <algorithm>
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

// A word rather than a typo ("shm", "toleration"): the rules whose id has
// it as one of its dash-separated parts, in id order.
std::vector<std::string_view> RulesAbout(std::string_view word, const std::vector<std::string_view>& ids) {
  std::vector<std::string_view> out;
  if (word.empty()) return out;
  for (std::string_view id : ids) {
    std::string padded = "-" + std::string(id) + "-";
    if (padded.find("-" + std::string(word) + "-") != std::string::npos) out.push_back(id);
  }
  return out;
}

int RunExplain(const std::string& id) {
  std::string text = ExplainRule(id);
  if (text.empty()) {
    std::vector<std::string_view> ids;
    for (const lint::Rule* r : lint::AllRules()) ids.push_back(r->info().id);
    std::string msg = "unknown rule " + Quote(id);
    if (auto s = DidYouMean(id, ids)) {
      msg += "; did you mean " + Quote(*s) + "?";
    } else if (std::vector<std::string_view> near = RulesAbout(id, ids); !near.empty()) {
      constexpr size_t kMax = 6;
      const size_t shown = std::min(near.size(), kMax);
      msg += "; did you mean ";
      for (size_t i = 0; i < shown; ++i)
        msg += (i ? (i + 1 == shown && shown == near.size() ? " or " : ", ") : "") + Quote(near[i]);
      if (shown < near.size()) msg += " or one of " + std::to_string(near.size() - shown) + " more";
      msg += "?";
    }
    std::fprintf(stderr, "mlspec: error: %s (see `mlspec rules`)\n", msg.c_str());
    return kExitInvalid;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app, Command* selected) {
  auto id = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("explain", "Explain a lint rule: why, bad and good example, fix");
  sub->add_option("RULE", *id, "Rule id, e.g. shm-missing (`mlspec rules` lists them)")->required();
  sub->callback([id, selected] { *selected = [id] { return RunExplain(*id); }; });
}

}  // namespace mlspec
