// Rule `service-selects-nothing`: A Service selects no pods of the linted workloads.
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "service-selects-nothing",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "A Service selects no pods of the linted workloads.",
    .rationale =
        "A Service whose selector matches no pod template has no endpoints: clients get connection refused. Checked "
        "only in namespaces where the linted manifests define workloads.",
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
    ReportSelectsNothing(c, kInfo, c.corpus.services, "the Service routes no traffic");
  }
};

}  // namespace

const Rule& ServiceSelectsNothingRule() {
  static const ServiceSelectsNothing rule;
  return rule;
}

}  // namespace mlspec::lint
