// Rule `resources-exceed-node`: A pod requests more CPU or memory than a node of any matching pool offers.
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
    .id = "resources-exceed-node",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "A pod requests more CPU or memory than a node of any matching pool offers.",
    .rationale =
        "The scheduler places a pod on one node; requests above the node's allocatable CPU or memory keep it Pending, "
        "and scaling the pool up never helps.",
    .fix = "Lower the requests or select a pool with larger nodes.",
    .bad_example = "requests:\n  memory: 512Gi   # nodes offer 220Gi",
    .good_example = "requests:\n  memory: 200Gi",
    .enabled_by_default = true,
    .needs_spec = true,
};

class ResourcesExceedNode final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      std::vector<const Pool*> pools = c.pools->Matching(ReadNodeSelection(d, t), IsGpuPod(d, t));
      if (pools.empty()) continue;
      int64_t cpu = 0, mem = 0, icpu = 0, imem = 0;
      for (const ContainerRef& ct : t.containers) {
        int64_t cm = ContainerRequestMilli(d, ct.node, "cpu");
        int64_t mm = ContainerRequestValue(d, ct.node, "memory");
        if (ct.init) {
          icpu = std::max(icpu, cm);
          imem = std::max(imem, mm);
        } else {
          cpu += cm;
          mem += mm;
        }
      }
      cpu = std::max(cpu, icpu);
      mem = std::max(mem, imem);
      bool fits = false;
      int64_t best_cpu = 0, best_mem = 0;
      for (const Pool* p : pools) {
        best_cpu = std::max(best_cpu, p->node_cpu.MilliValue());
        best_mem = std::max(best_mem, p->node_memory.Value());
        if (cpu <= p->node_cpu.MilliValue() && mem <= p->node_memory.Value()) fits = true;
      }
      if (fits) continue;
      std::string what = cpu > best_cpu ? Quantity::FromMilli(cpu).Canonical() + " CPU" : FormatBytes(mem) + " memory";
      std::string offer =
          cpu > best_cpu ? Quantity::FromMilli(best_cpu).Canonical() + " CPU" : FormatBytes(best_mem) + " memory";
      c.out.Report(kInfo, t.containers.empty() ? t.spec : t.containers[0].node, t.path,
                   c.obj.Display() + ": pod requests " + what + " but nodes of " + PoolNames(pools) +
                       " offer at most " + offer + "; it can never be scheduled");
    }
  }
};

}  // namespace

const Rule& ResourcesExceedNodeRule() {
  static const ResourcesExceedNode rule;
  return rule;
}

}  // namespace mlspec::lint
