// Rule `gpu-count-exceeds-node`: A pod asks more GPUs than one node of any matching pool has.
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
    .id = "gpu-count-exceeds-node",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "A pod asks more GPUs than one node of any matching pool has.",
    .rationale =
        "A pod runs on one node; asking more GPUs than a node advertises (gpus_per_node, times the time-slicing "
        "replicas) can never be scheduled, and the autoscaler will not add a node for it.",
    .fix = "Lower the GPU count per pod (spread work over more pods), or select a pool with larger nodes.",
    .bad_example = "limits:\n  nvidia.com/gpu: 8   # pool nodes have 4 GPUs",
    .good_example = "limits:\n  nvidia.com/gpu: 4",
    .enabled_by_default = true,
    .needs_spec = true,
};

class GpuCountExceedsNode final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      int64_t g = PodWholeGpus(d, t);
      if (g == 0) continue;
      std::vector<const Pool*> pools = c.pools->Matching(ReadNodeSelection(d, t), true);
      if (pools.empty()) continue;
      int64_t most = 0;
      for (const Pool* p : pools) most = std::max<int64_t>(most, p->schedulable_gpus_per_node());
      if (g <= most) continue;
      NodeId at = t.spec;
      for (const ContainerRef& ct : t.containers) {
        if (ContainerGpus(d, ct.node) > 0) {
          at = ResourceKey(d, ct.node, "nvidia.com/gpu");
          break;
        }
      }
      c.out.Report(kInfo, at, t.path,
                   c.obj.Display() + ": pod asks for " + Gpus(g) + " but nodes of " + PoolNames(pools) +
                       " offer at most " + std::to_string(most) + "; it can never be scheduled");
    }
  }
};

}  // namespace

const Rule& GpuCountExceedsNodeRule() {
  static const GpuCountExceedsNode rule;
  return rule;
}

}  // namespace mlspec::lint
