// Rule `gpu-request-limit-mismatch`: GPU request and limit differ.
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
    .id = "gpu-request-limit-mismatch",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "GPU request and limit differ.",
    .rationale =
        "Extended resources cannot be overcommitted, so Kubernetes requires the request of a GPU resource to equal its "
        "limit. The API server rejects the pod otherwise.",
    .fix = "Make `requests` and `limits` equal for the GPU resource, or set only `limits`.",
    .bad_example = "resources:\n  requests:\n    nvidia.com/gpu: 1\n  limits:\n    nvidia.com/gpu: 2",
    .good_example = "resources:\n  limits:\n    nvidia.com/gpu: 2",
    .enabled_by_default = true,
    .needs_spec = false,
};

class GpuRequestLimitMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        NodeId req = Requests(d, ct.node), lim = Limits(d, ct.node);
        for (uint32_t i = 0; d.IsMap(req) && i < d.Size(req); ++i) {
          std::string_view res = d.Text(d.KeyAt(req, i));
          if (!IsGpuResource(res)) continue;
          NodeId lv = d.Get(lim, res);
          auto rq = ParseQuantity(d, d.ValueAt(req, i));
          auto lq = ParseQuantity(d, lv);
          if (!rq || !lq || *rq == *lq) continue;
          c.out.Report(kInfo, d.KeyNode(lim, res), ct.path + ".resources.limits",
                       c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " requests " + rq->Canonical() +
                           " " + Quote(res) + " but limits it to " + lq->Canonical() +
                           "; GPU requests must equal limits. Set both to the "
                           "same count");
        }
      }
    }
  }
};

}  // namespace

const Rule& GpuRequestLimitMismatchRule() {
  static const GpuRequestLimitMismatch rule;
  return rule;
}

}  // namespace mlspec::lint
