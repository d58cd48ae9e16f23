// Rule `memory-limit-missing`: A container without a memory limit.
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "memory-limit-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container without a memory limit.",
    .rationale =
        "Without a memory limit a container can take the node's memory; the kernel then OOM-kills processes of other "
        "pods (GPU jobs included). GPU containers are `gpu-cpu-memory-unset`'s while that rule runs. A namespace "
        "LimitRange whose `default` sets memory satisfies the rule: one among the linted manifests, or under `--spec` "
        "the namespace's `default_limit`.",
    .fix = "Set resources.limits.memory.",
    .bad_example = "resources:\n  requests:\n    memory: 1Gi",
    .good_example = "resources:\n  limits:\n    memory: 1Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class MemoryLimitMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override { ReportMissingResource(c, kInfo, "memory", true); }
};

}  // namespace

const Rule& MemoryLimitMissingRule() {
  static const MemoryLimitMissing rule;
  return rule;
}

}  // namespace mlspec::lint
