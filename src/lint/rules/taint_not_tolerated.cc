// Rule `taint-not-tolerated`: Every pool the pod could use has a taint it does not tolerate.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/pool_index.h"
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

constexpr RuleInfo kInfo{
    .id = "taint-not-tolerated",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "Every pool the pod could use has a taint it does not tolerate.",
    .rationale =
        "A NoSchedule/NoExecute taint on every matching pool keeps the pod Pending. The clouds add taints of their "
        "own: AKS spot pools carry `kubernetes.azure.com/scalesetpriority=spot:NoSchedule`, GKE GPU pools "
        "`nvidia.com/gpu=present:NoSchedule` (GKE adds the toleration itself only to pods that request GPUs). For GPU "
        "pods, GPU taints are left to `gpu-toleration-missing`.",
    .fix = "Add tolerations for the pool's taints, or select a pool without them.",
    .bad_example = "# pool ai is a spot pool on AKS\nnodeSelector:\n  agentpool: ai",
    .good_example =
        "nodeSelector:\n  agentpool: ai\ntolerations:\n- key: kubernetes.azure.com/scalesetpriority\n  operator: "
        "Equal\n  value: spot\n  effect: NoSchedule",
    .enabled_by_default = true,
    .needs_spec = true,
};

class TaintNotTolerated final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      bool gpu = IsGpuPod(d, t);
      NodeSelection sel = ReadNodeSelection(d, t);
      std::vector<const Pool*> pools = c.pools->Matching(sel, gpu);
      if (pools.empty()) continue;
      std::vector<Toleration> tols = Tolerations(d, t.spec);
      std::string missing;
      bool some_ok = false;
      for (const Pool* p : pools) {
        bool ok = true;
        for (const Taint* tn : UntoleratedTaints(*p, tols)) {
          if (gpu && IsGpuTaint(*tn)) continue;
          ok = false;
          if (!missing.empty()) missing += ", ";
          missing += Quote(tn->ToString()) + " (pool " + Quote(p->name) + ")";
        }
        if (ok) some_ok = true;
      }
      if (some_ok) continue;
      NodeId at = d.KeyNode(t.spec, "tolerations");
      if (at == kNoNode) at = PodAnchor(d, t);
      c.out.Report(kInfo, at, t.path,
                   c.obj.Display() +
                       ": every pool the pod can use has a taint it does not "
                       "tolerate: " +
                       missing + "; it would stay Pending. Add tolerations");
    }
  }
};

}  // namespace

const Rule& TaintNotToleratedRule() {
  static const TaintNotTolerated rule;
  return rule;
}

}  // namespace mlspec::lint
