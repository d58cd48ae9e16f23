// Rule `gpu-node-selector-missing`: A GPU pod does not choose GPU nodes.
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
    .id = "gpu-node-selector-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A GPU pod does not choose GPU nodes.",
    .rationale =
        "Without a nodeSelector or required node affinity, a GPU pod relies on taints alone; it can be placed on the "
        "wrong GPU type, and cluster autoscalers cannot tell which pool to grow. A KServe InferenceService or "
        "ServingRuntime annotated `serving.kserve.io/gke-accelerator` selects `cloud.google.com/gke-accelerator` "
        "through KServe's webhook. Not checked where placement comes from elsewhere: a Kubeflow Trainer TrainJob (its "
        "runtime), a KAITO Workspace (KAITO sets affinity and tolerations), an LLMInferenceService with `baseRefs` "
        "and an LLMInferenceServiceConfig.",
    .fix =
        "Select the GPU pool by a node label, e.g. `nodeSelector: {accelerator: nvidia-gpu}` or the cloud's label "
        "(`cloud.google.com/gke-accelerator`, `kubernetes.azure.com/accelerator`).",
    .bad_example = "spec:\n  containers:\n  - name: train\n    resources:\n      limits:\n        nvidia.com/gpu: 1",
    .good_example =
        "spec:\n  nodeSelector:\n    accelerator: nvidia-gpu\n  containers:\n  - name: train\n    resources:\n      "
        "limits:\n        nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuNodeSelectorMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode || !IsGpuPod(d, t)) continue;
      if (ReadNodeSelection(d, t).any()) continue;
      c.out.Report(kInfo, t.spec, t.path,
                   c.obj.Display() + ": pod asks for GPUs" + GpuAskNote(d, t) +
                       " but selects no GPU nodes (no "
                       "nodeSelector or required node affinity). Select the GPU pool by label");
    }
  }
};

}  // namespace

const Rule& GpuNodeSelectorMissingRule() {
  static const GpuNodeSelectorMissing rule;
  return rule;
}

}  // namespace mlspec::lint
