// Rule `cpu-limit-missing`: A container without a CPU limit (off by default).
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "cpu-limit-missing",
    .default_severity = Severity::kInfo,
    .category = Category::kHygiene,
    .summary = "A container without a CPU limit (off by default).",
    .rationale =
        "CPU limits cap bursts and keep noisy neighbours in check, but they also cause CFS throttling of "
        "latency-sensitive work, so many teams leave them off; enable this rule where your policy requires them. A "
        "namespace LimitRange whose `default` sets cpu satisfies the rule: one among the linted manifests, or under "
        "`--spec` the namespace's `default_limit`.",
    .fix = "Set resources.limits.cpu.",
    .bad_example = "resources:\n  requests:\n    cpu: \"1\"",
    .good_example = "resources:\n  limits:\n    cpu: \"2\"",
    .enabled_by_default = false,
    .needs_spec = false,
};

class CpuLimitMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override { ReportMissingResource(c, kInfo, "cpu", true); }
};

}  // namespace

const Rule& CpuLimitMissingRule() {
  static const CpuLimitMissing rule;
  return rule;
}

}  // namespace mlspec::lint
