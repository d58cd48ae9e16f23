// Rule `time-slicing-multi-gpu`: More than one GPU asked on a time-sliced pool.
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
    .id = "time-slicing-multi-gpu",
    .default_severity = Severity::kWarning,
    .category = Category::kCluster,
    .summary = "More than one GPU asked on a time-sliced pool.",
    .rationale =
        "With time-slicing, the device plugin advertises each GPU several times; a container asking for 2 "
        "`nvidia.com/gpu` may get two slices of the same physical GPU and gains no compute, only contention.",
    .fix = "Ask for one GPU on time-sliced pools, or run multi-GPU work on a pool without sharing.",
    .bad_example = "limits:\n  nvidia.com/gpu: 2   # pool uses time-slicing",
    .good_example = "limits:\n  nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = true,
};

class TimeSlicingMultiGpu final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      std::vector<const Pool*> pools = c.pools->Matching(ReadNodeSelection(d, t), true);
      if (pools.empty()) continue;
      bool all_sliced = true;
      for (const Pool* p : pools) {
        if (!p->gpu_sharing || p->gpu_sharing->strategy != GpuSharing::Strategy::kTimeSlicing) all_sliced = false;
      }
      if (!all_sliced) continue;
      for (const ContainerRef& ct : t.containers) {
        auto q = ParseQuantity(d, d.Get(Limits(d, ct.node), "nvidia.com/gpu"));
        if (!q) q = ParseQuantity(d, d.Get(Requests(d, ct.node), "nvidia.com/gpu"));
        if (!q || q->Value() <= 1) continue;
        c.out.Report(kInfo, ResourceKey(d, ct.node, "nvidia.com/gpu"), ct.path + ".resources",
                     c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " asks for " + Gpus(q->Value()) +
                         " on time-sliced pool(s) " + PoolNames(pools) +
                         "; slices may share one physical GPU and add no compute. Ask for 1");
      }
    }
  }
};

}  // namespace

const Rule& TimeSlicingMultiGpuRule() {
  static const TimeSlicingMultiGpu rule;
  return rule;
}

}  // namespace mlspec::lint
