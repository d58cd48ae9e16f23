// Rule `gpu-fractional`: A fractional GPU count.
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
    .id = "gpu-fractional",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "A fractional GPU count.",
    .rationale =
        "Device plugins hand out whole devices: `nvidia.com/gpu: 0.5` or `500m` is rejected by the API server "
        "(extended resources must be integers). Sharing a GPU is done on the node side instead.",
    .fix =
        "Request a whole GPU, or share GPUs with MIG (`nvidia.com/mig-1g.10gb: 1`) or time-slicing configured in the "
        "device plugin.",
    .bad_example = "limits:\n  nvidia.com/gpu: 0.5",
    .good_example = "limits:\n  nvidia.com/mig-1g.10gb: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuFractional final : public Rule {
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
            if (!IsGpuResource(res)) continue;
            auto q = ParseQuantity(d, d.ValueAt(m, i));
            if (!q || q->IsInteger()) continue;
            c.out.Report(kInfo, d.ValueAt(m, i), ct.path + ".resources." + which,
                         c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " asks " +
                             std::string(d.Text(d.ValueAt(m, i))) + " " + Quote(res) +
                             "; GPUs are whole devices. To share one, use a MIG profile "
                             "(nvidia.com/mig-<profile>) or time-slicing in the device plugin");
          }
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuFractionalRule() {
  static const GpuFractional rule;
  return rule;
}

}  // namespace mlspec::lint
