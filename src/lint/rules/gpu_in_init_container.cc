// Rule `gpu-in-init-container`: An init container requests a GPU.
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
    .id = "gpu-in-init-container",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "An init container requests a GPU.",
    .rationale =
        "GPUs given to an init container are held by the pod for its whole life (the pod's effective request is the "
        "larger of the init and app containers'), and init work rarely needs a GPU.",
    .fix = "Move GPU work into the app container, or drop the GPU from the init container.",
    .bad_example = "initContainers:\n- name: warmup\n  resources:\n    limits:\n      nvidia.com/gpu: 1",
    .good_example = "initContainers:\n- name: warmup\n  resources:\n    limits:\n      cpu: \"1\"",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuInInitContainer final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (!ct.init || ContainerGpus(d, ct.node) == 0) continue;
        c.out.Report(kInfo, ct.node, ct.path,
                     c.obj.Display() + ": init container " + Quote(ContainerName(d, ct)) +
                         " requests GPUs; they stay reserved for the pod. Do GPU work in the app "
                         "container");
      }
    }
  }
};

}  // namespace

const Rule& GpuInInitContainerRule() {
  static const GpuInInitContainer rule;
  return rule;
}

}  // namespace mlspec::lint
