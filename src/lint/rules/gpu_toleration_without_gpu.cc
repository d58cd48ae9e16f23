// Rule `gpu-toleration-without-gpu`: A pod tolerates the GPU taint but asks for no GPU.
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
    .id = "gpu-toleration-without-gpu",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A pod tolerates the GPU taint but asks for no GPU.",
    .rationale =
        "A pod that tolerates `nvidia.com/gpu` (or every taint) without requesting a GPU can be scheduled onto "
        "expensive GPU nodes, taking their CPU and memory and keeping them from scaling down. DaemonSets are exempt: "
        "they run on every node anyway.",
    .fix = "Remove the GPU (or wildcard) toleration, or request the GPU the pod needs.",
    .bad_example = "tolerations:\n- operator: Exists\ncontainers:\n- name: web\n  image: nginx:1.27",
    .good_example = "containers:\n- name: web\n  image: nginx:1.27",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuTolerationWithoutGpu final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    if (c.obj.kind == "DaemonSet") return;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode || IsGpuPod(d, t)) continue;
      for (const Toleration& tol : Tolerations(d, t.spec)) {
        if (!Tolerates(tol, "nvidia.com/gpu", "present", "NoSchedule")) continue;
        bool wildcard = tol.key.empty();
        c.out.Report(kInfo, tol.node, t.path + ".tolerations",
                     c.obj.Display() + ": pod " +
                         (wildcard ? std::string("tolerates every taint")
                                   : std::string("tolerates the `nvidia.com/gpu` taint")) +
                         " but asks for no GPU, so it can squat on GPU nodes. Remove the "
                         "toleration or request a GPU");
      }
    }
  }
};

}  // namespace

const Rule& GpuTolerationWithoutGpuRule() {
  static const GpuTolerationWithoutGpu rule;
  return rule;
}

}  // namespace mlspec::lint
