// Rule `hpa-target-missing`: An HPA targets a workload that is not in the manifests.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

constexpr RuleInfo kInfo{
    .id = "hpa-target-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "An HPA targets a workload that is not in the manifests.",
    .rationale =
        "An HPA whose scaleTargetRef names no object does nothing and reports `FailedGetScale`; usually a typo or a "
        "renamed Deployment.",
    .fix = "Point scaleTargetRef at the workload's kind and name (same namespace).",
    .bad_example = "scaleTargetRef:\n  kind: Deployment\n  name: llm-servr",
    .good_example = "scaleTargetRef:\n  kind: Deployment\n  name: llm-server",
    .enabled_by_default = true,
    .needs_spec = false,
};

class HpaTargetMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    for (const HpaSummary& h : c.corpus.hpas) {
      if (h.target_kind.empty() || h.target_kind == "InferenceService") continue;
      if (!c.corpus.WorkloadsNamed(h.ns, h.target_kind, h.target_name).empty()) continue;
      c.out.Report(kInfo, h.target_loc, h.display, "spec.scaleTargetRef",
                   h.display + ": scaleTargetRef " + h.target_kind + " " + Quote(h.target_name) +
                       " is not among the linted manifests in namespace " + Quote(h.ns.empty() ? "default" : h.ns) +
                       "; the HPA would do nothing",
                   h.suppress);
    }
  }
};

}  // namespace

const Rule& HpaTargetMissingRule() {
  static const HpaTargetMissing rule;
  return rule;
}

}  // namespace mlspec::lint
