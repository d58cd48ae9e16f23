// Rule `gpu-toleration-missing`: A GPU pod tolerates no GPU taint.
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
    .id = "gpu-toleration-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A GPU pod tolerates no GPU taint.",
    .rationale =
        "GPU node pools are usually tainted (`nvidia.com/gpu:NoSchedule`, GKE adds "
        "`nvidia.com/gpu=present:NoSchedule`) so that only GPU pods land there. A GPU pod without the matching "
        "toleration stays Pending. With `--spec` the rule checks the real taints of the pools that could run the pod; "
        "it is silent where the cluster's admission adds the toleration (GKE's ExtendedResourceToleration, or "
        "`extended_resource_toleration = true` in the lint config), and where placement comes from elsewhere: a "
        "Kubeflow Trainer TrainJob (its runtime), a KAITO Workspace, an LLMInferenceService with `baseRefs` and an "
        "LLMInferenceServiceConfig.",
    .fix = "Add a toleration for the GPU taint, e.g. `{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}`.",
    .bad_example = "spec:\n  containers:\n  - name: train\n    resources:\n      limits:\n        nvidia.com/gpu: 1",
    .good_example =
        "spec:\n  tolerations:\n  - key: nvidia.com/gpu\n    operator: Exists\n    effect: NoSchedule\n  containers:\n "
        " - name: train\n    resources:\n      limits:\n        nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuTolerationMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    if (ClusterAddsGpuToleration(c.spec, c.config)) return;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode || !IsGpuPod(d, t)) continue;
      std::vector<Toleration> tols = Tolerations(d, t.spec);
      NodeId at = d.KeyNode(t.spec, "tolerations");
      if (at == kNoNode) at = t.spec;
      if (!c.spec) {
        if (ToleratesAny(tols, "nvidia.com/gpu", "", "NoSchedule") ||
            ToleratesAny(tols, "nvidia.com/gpu", "present", "NoSchedule") ||
            ToleratesAny(tols, "nvidia.com/gpu", "true", "NoSchedule"))
          continue;
        c.out.Report(kInfo, at, t.path,
                     c.obj.Display() + ": pod asks for GPUs" + GpuAskNote(d, t) +
                         " but tolerates no `nvidia.com/gpu` "
                         "taint; on tainted GPU nodes it stays Pending. Add a toleration "
                         "{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}");
        continue;
      }
      std::vector<const Pool*> pools = c.pools->Matching(ReadNodeSelection(d, t), true);
      if (pools.empty()) continue;
      std::string missing;
      bool some_pool_ok = false;
      for (const Pool* p : pools) {
        bool ok = true;
        for (const Taint* tn : UntoleratedTaints(*p, tols)) {
          if (!IsGpuTaint(*tn)) continue;
          ok = false;
          if (missing.find(tn->ToString()) == std::string::npos) {
            if (!missing.empty()) missing += ", ";
            missing += Quote(tn->ToString()) + " (pool " + Quote(p->name) + ")";
          }
        }
        if (ok) some_pool_ok = true;
      }
      if (some_pool_ok) continue;
      c.out.Report(kInfo, at, t.path,
                   c.obj.Display() + ": pod asks for GPUs" + GpuAskNote(d, t) +
                       " but does not tolerate the GPU taint " + missing +
                       "; it would stay Pending. Add a matching toleration");
    }
  }
};

}  // namespace

const Rule& GpuTolerationMissingRule() {
  static const GpuTolerationMissing rule;
  return rule;
}

}  // namespace mlspec::lint
