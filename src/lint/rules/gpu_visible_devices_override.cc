// Rule `gpu-visible-devices-override`: CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES set by hand.
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
    .id = "gpu-visible-devices-override",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES set by hand.",
    .rationale =
        "The NVIDIA device plugin and container toolkit choose which devices a container sees. Setting "
        "`NVIDIA_VISIBLE_DEVICES` or `CUDA_VISIBLE_DEVICES` by hand in a container that gets GPUs from the device "
        "plugin makes it use GPUs it was not allocated (colliding with other pods) or hides the ones it was given.",
    .fix = "Remove the variable; request the number of GPUs you need instead.",
    .bad_example = "env:\n- name: CUDA_VISIBLE_DEVICES\n  value: \"0,1\"",
    .good_example = "resources:\n  limits:\n    nvidia.com/gpu: 2",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuVisibleDevicesOverride final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ContainerGpus(d, ct.node) == 0) continue;
        NodeId env = d.Get(ct.node, "env");
        for (uint32_t i = 0; d.IsSeq(env) && i < d.Size(env); ++i) {
          NodeId e = d.Item(env, i);
          std::string_view name = d.Text(d.Get(e, "name"));
          if (name != "CUDA_VISIBLE_DEVICES" && name != "NVIDIA_VISIBLE_DEVICES") continue;
          c.out.Report(kInfo, d.Get(e, "name"), ct.path + ".env[" + std::to_string(i) + "]",
                       c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " sets " + std::string(name) +
                           " by hand although the device plugin allocates its GPUs; it may use "
                           "GPUs of other pods. Remove it");
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuVisibleDevicesOverrideRule() {
  static const GpuVisibleDevicesOverride rule;
  return rule;
}

}  // namespace mlspec::lint
