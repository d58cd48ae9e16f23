// Rule `service-selects-nothing`: A Service selects no pods of the linted workloads.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "rules/common.h"
#include "rules/rules.h"

namespace mlspec::lint {

namespace {
bool Subset(const Labels& sel, const Labels& labels) {
  for (const auto& [k, v] : sel) {
    bool found = false;
    for (const auto& [lk, lv] : labels) if (lk == k && lv == v) found = true;
    if (!found) return false;
  }
  return true;
}
}  // namespace

namespace {

constexpr RuleInfo kInfo{
    .id = "service-selects-nothing",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "A Service selects no pods of the linted workloads.",
    .rationale = "A Service whose selector matches no pod template has no endpoints: clients get connection refused. Checked only in namespaces where the linted manifests define workloads.",
    .fix = "Make the selector a subset of the pod template's labels.",
    .bad_example = "selector:\n  app: llm-server   # pods are labelled app: llm",
    .good_example = "selector:\n  app: llm",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ServiceSelectsNothing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
  for (const SelectorSummary& s : c.corpus.services) {
    if (s.selector.empty() || s.has_expressions) continue;
    if (!c.corpus.HasWorkloads(s.ns)) continue;
    // Only workloads with the selector's first label can match it.
    const auto& [key, value] = s.selector.front();
    bool matched = false;
    for (uint32_t i : c.corpus.WorkloadsLabeled(s.ns, key, value)) {
      if (Subset(s.selector, c.corpus.workloads[i].pod_labels)) { matched = true; break; }
    }
    if (matched) continue;
    c.out.Report(kInfo, s.loc, s.display, "spec.selector",
                 s.display + ": selector matches the pods of no workload in namespace " +
                     Quote(s.ns.empty() ? "default" : s.ns) + "; the Service routes no traffic",
                 s.suppress);
  }
  }
};

}  // namespace

const Rule& ServiceSelectsNothingRule() {
  static const ServiceSelectsNothing rule;
  return rule;
}

}  // namespace mlspec::lint
