// Rule `gpu-resource-name-unknown`: A GPU-like resource name no device plugin offers.
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
    .id = "gpu-resource-name-unknown",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "A GPU-like resource name no device plugin offers.",
    .rationale =
        "A misspelt extended resource (`nvidia.com/gpus`, `nvidia.com/GPU`) or the legacy "
        "`alpha.kubernetes.io/nvidia-gpu` (removed with the Accelerators feature gate in Kubernetes 1.11) is never "
        "offered by any node, so the pod stays Pending forever. Names that guides invent (`nvidia.com/gpu-memory`) "
        "are reported too. The resources of GPU and GPU-sharing device plugins are known: NVIDIA (`nvidia.com/gpu`, "
        "`nvidia.com/gpu.shared`, `nvidia.com/mig-<profile>`), AMD (`amd.com/gpu`), Intel (`gpu.intel.com/i915`, "
        "`gpu.intel.com/xe` and their `_monitoring` forms), HAMi (`nvidia.com/gpumem`, "
        "`nvidia.com/gpumem-percentage`, `nvidia.com/gpucores`), Volcano vGPU (`volcano.sh/vgpu-number`, "
        "`volcano.sh/vgpu-memory`, `volcano.sh/vgpu-cores`), Alibaba gpushare (`aliyun.com/gpu-mem`, "
        "`aliyun.com/gpu-count`) and Tencent gpu-manager (`tencent.com/vcuda-core`, `tencent.com/vcuda-memory`).",
    .fix =
        "Use `nvidia.com/gpu` (or `nvidia.com/mig-<profile>` for MIG slices, `amd.com/gpu` for AMD, or the name your "
        "GPU-sharing device plugin documents).",
    .bad_example = "limits:\n  nvidia.com/gpus: 1",
    .good_example = "limits:\n  nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuResourceNameUnknown final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        for (const char* which : {"requests", "limits"}) {
          NodeId m = std::string_view(which) == "requests" ? Requests(d, ct.node) : Limits(d, ct.node);
          for (uint32_t i = 0; d.IsMap(m) && i < d.Size(m); ++i) {
            std::string_view res = d.Text(d.KeyAt(m, i));
            if (!LooksLikeGpuResource(res)) continue;
            std::string hint =
                res == "alpha.kubernetes.io/nvidia-gpu" ? " (the legacy name, removed in Kubernetes 1.11)" : "";
            c.out.Report(kInfo, d.KeyAt(m, i), ct.path + ".resources." + which,
                         c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " asks for " + Quote(res) +
                             hint +
                             ", which no device plugin offers; the pod would stay Pending. Use "
                             "`nvidia.com/gpu`");
          }
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuResourceNameUnknownRule() {
  static const GpuResourceNameUnknown rule;
  return rule;
}

}  // namespace mlspec::lint
