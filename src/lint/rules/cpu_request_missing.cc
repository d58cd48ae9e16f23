// Rule `cpu-request-missing`: A container without a CPU request.
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "cpu-request-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container without a CPU request.",
    .rationale =
        "The scheduler places pods by their requests; with none, a pod lands on full nodes and is throttled to nothing "
        "under contention. A CPU limit alone also sets the request. GPU containers are `gpu-cpu-memory-unset`'s while "
        "that rule runs. A namespace LimitRange whose `default` or `defaultRequest` sets cpu satisfies the rule: one "
        "among the linted manifests, or under `--spec` the namespace's `default_limit` / `default_request`.",
    .fix = "Set resources.requests.cpu.",
    .bad_example = "resources: {}",
    .good_example = "resources:\n  requests:\n    cpu: 500m",
    .enabled_by_default = true,
    .needs_spec = false,
};

class CpuRequestMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override { ReportMissingResource(c, kInfo, "cpu", false); }
};

}  // namespace

const Rule& CpuRequestMissingRule() {
  static const CpuRequestMissing rule;
  return rule;
}

}  // namespace mlspec::lint
