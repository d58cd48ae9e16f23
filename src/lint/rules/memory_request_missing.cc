// Rule `memory-request-missing`: A container without a memory request.
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "memory-request-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container without a memory request.",
    .rationale =
        "Without a memory request the scheduler assumes the pod needs none, overpacks the node, and the pod is the "
        "first evicted under memory pressure (BestEffort/Burstable QoS). A memory limit alone also sets the request. "
        "A namespace LimitRange whose `default` or `defaultRequest` sets memory satisfies the rule: one among the "
        "linted manifests, or under `--spec` the namespace's `default_limit` / `default_request`.",
    .fix = "Set resources.requests.memory.",
    .bad_example = "resources: {}",
    .good_example = "resources:\n  requests:\n    memory: 1Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class MemoryRequestMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override { ReportMissingResource(c, kInfo, "memory", false); }
};

}  // namespace

const Rule& MemoryRequestMissingRule() {
  static const MemoryRequestMissing rule;
  return rule;
}

}  // namespace mlspec::lint
