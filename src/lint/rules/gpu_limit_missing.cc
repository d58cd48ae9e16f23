// Rule `gpu-limit-missing`: A GPU is requested but not limited.
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
    .id = "gpu-limit-missing",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "A GPU is requested but not limited.",
    .rationale =
        "Extended resources such as `nvidia.com/gpu` cannot be overcommitted: Kubernetes requires a limit for them, "
        "equal to the request if both are set. The API server rejects a container that requests a GPU without a limit.",
    .fix =
        "Set `resources.limits` for the GPU resource to the same count as the request (setting only the limit is "
        "enough: the request defaults to it).",
    .bad_example = "resources:\n  requests:\n    nvidia.com/gpu: 1",
    .good_example = "resources:\n  limits:\n    nvidia.com/gpu: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuLimitMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.partial) continue;  // the limit may come with the rest
        NodeId req = Requests(d, ct.node), lim = Limits(d, ct.node);
        for (uint32_t i = 0; d.IsMap(req) && i < d.Size(req); ++i) {
          std::string_view res = d.Text(d.KeyAt(req, i));
          if (!IsGpuResource(res) || d.Get(lim, res) != kNoNode) continue;
          c.out.Report(kInfo, d.KeyAt(req, i), ct.path + ".resources.requests",
                       c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " requests " + Quote(res) +
                           " but sets no limit for it; the API server rejects extended "
                           "resources without limits. Set limits." +
                           std::string(res) + " to " + std::string(d.Text(d.ValueAt(req, i))));
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuLimitMissingRule() {
  static const GpuLimitMissing rule;
  return rule;
}

}  // namespace mlspec::lint
