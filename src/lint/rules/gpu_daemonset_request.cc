// Rule `gpu-daemonset-request`: A DaemonSet requests GPUs.
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
    .id = "gpu-daemonset-request",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A DaemonSet requests GPUs.",
    .rationale =
        "A DaemonSet runs on every matching node, so a GPU request takes a GPU from every GPU node for an agent. Node "
        "agents (exporters, device plugins) reach GPUs through the driver, not through the device plugin.",
    .fix = "Drop the GPU request from the DaemonSet; run GPU work as a Deployment or Job.",
    .bad_example = "kind: DaemonSet\n...\n      resources:\n        limits:\n          nvidia.com/gpu: 1",
    .good_example = "kind: DaemonSet\n...\n      resources:\n        limits:\n          memory: 128Mi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuDaemonsetRequest final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    if (c.obj.kind != "DaemonSet") return;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ContainerGpus(d, ct.node) == 0) continue;
        c.out.Report(kInfo, ResourceKey(d, ct.node, "nvidia.com/gpu"), ct.path + ".resources",
                     c.obj.Display() + ": DaemonSet container " + Quote(ContainerName(d, ct)) +
                         " requests GPUs, taking one on every GPU node. Remove the request");
      }
    }
  }
};

}  // namespace

const Rule& GpuDaemonsetRequestRule() {
  static const GpuDaemonsetRequest rule;
  return rule;
}

}  // namespace mlspec::lint
