// Rule `gpu-cpu-memory-unset`: A GPU container without a CPU request or memory limit.
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
    .id = "gpu-cpu-memory-unset",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A GPU container without a CPU request or memory limit.",
    .rationale =
        "A GPU container with no CPU request is starved by its neighbours (data loading stalls the GPU), and one with "
        "no memory limit can take the node's memory and be OOM-killed with the GPU's work lost.",
    .fix = "Set `resources.requests.cpu` and `resources.limits.memory` on GPU containers.",
    .bad_example = "resources:\n  limits:\n    nvidia.com/gpu: 1",
    .good_example =
        "resources:\n  requests:\n    cpu: \"8\"\n    memory: 32Gi\n  limits:\n    memory: 32Gi\n    nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuCpuMemoryUnset final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ContainerGpus(d, ct.node) == 0) continue;
        bool cpu = d.Get(Requests(d, ct.node), "cpu") != kNoNode || d.Get(Limits(d, ct.node), "cpu") != kNoNode;
        bool mem = d.Get(Limits(d, ct.node), "memory") != kNoNode;
        if (cpu && mem) continue;
        std::string what = !cpu && !mem ? "CPU request or memory limit" : !cpu ? "CPU request" : "memory limit";
        c.out.Report(kInfo, ct.node, ct.path,
                     c.obj.Display() + ": GPU container " + Quote(ContainerName(d, ct)) + " has no " + what +
                         "; set them so the GPU is neither starved nor "
                         "lost to an OOM kill");
      }
    }
  }
};

}  // namespace

const Rule& GpuCpuMemoryUnsetRule() {
  static const GpuCpuMemoryUnset rule;
  return rule;
}

}  // namespace mlspec::lint
