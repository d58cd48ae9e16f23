// Rule `hpa-min-replicas-zero`: An HPA with minReplicas 0.
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
    .id = "hpa-min-replicas-zero",
    .default_severity = Severity::kError,
    .category = Category::kCrossDocument,
    .summary = "An HPA with minReplicas 0.",
    .rationale =
        "`minReplicas: 0` is rejected unless the alpha feature gate HPAScaleToZero is on, which managed clusters do "
        "not allow. Scale-to-zero for inference is done by KServe/Knative or KEDA.",
    .fix = "Set minReplicas to 1 or more, or use KEDA/KServe for scale-to-zero.",
    .bad_example = "spec:\n  minReplicas: 0",
    .good_example = "spec:\n  minReplicas: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class HpaMinReplicasZero final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    if (c.obj.kind != "HorizontalPodAutoscaler") return;
    NodeId m = c.doc.Get(c.obj.spec, "minReplicas");
    if (auto v = c.doc.Int(m); !v || *v != 0) return;
    c.out.Report(kInfo, m, c.obj.path_prefix + "spec.minReplicas",
                 c.obj.Display() +
                     ": minReplicas 0 is rejected unless the alpha HPAScaleToZero "
                     "feature gate is on; set 1 or use KEDA/KServe for scale-to-zero");
  }
};

}  // namespace

const Rule& HpaMinReplicasZeroRule() {
  static const HpaMinReplicasZero rule;
  return rule;
}

}  // namespace mlspec::lint
