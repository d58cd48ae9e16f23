// Rule `pdb-selects-nothing`: A PodDisruptionBudget selects no pods of the linted workloads.
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "pdb-selects-nothing",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "A PodDisruptionBudget selects no pods of the linted workloads.",
    .rationale =
        "A PDB that matches no pods protects nothing during drains and upgrades. Checked only in namespaces where the "
        "linted manifests define workloads.",
    .fix = "Make spec.selector.matchLabels a subset of the pod template's labels.",
    .bad_example = "selector:\n  matchLabels: {app: trainer-x}",
    .good_example = "selector:\n  matchLabels: {app: trainer}",
    .enabled_by_default = true,
    .needs_spec = false,
};

class PdbSelectsNothing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    ReportSelectsNothing(c, kInfo, c.corpus.pdbs, "the PodDisruptionBudget protects nothing");
  }
};

}  // namespace

const Rule& PdbSelectsNothingRule() {
  static const PdbSelectsNothing rule;
  return rule;
}

}  // namespace mlspec::lint
