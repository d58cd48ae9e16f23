// Rule `request-exceeds-limit`: A resource request above its limit.
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
    .id = "request-exceeds-limit",
    .default_severity = Severity::kError,
    .category = Category::kGpu,
    .summary = "A resource request above its limit.",
    .rationale =
        "Kubernetes validation requires every request to be at most its limit; the API server rejects the object.",
    .fix = "Lower the request or raise the limit.",
    .bad_example = "resources:\n  requests:\n    memory: 8Gi\n  limits:\n    memory: 4Gi",
    .good_example = "resources:\n  requests:\n    memory: 4Gi\n  limits:\n    memory: 8Gi",
    .enabled_by_default = true,
    .needs_spec = false,
};

class RequestExceedsLimit final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        NodeId req = Requests(d, ct.node), lim = Limits(d, ct.node);
        for (uint32_t i = 0; d.IsMap(req) && i < d.Size(req); ++i) {
          std::string_view res = d.Text(d.KeyAt(req, i));
          if (IsGpuResource(res)) continue;  // gpu-request-limit-mismatch
          auto rq = ParseQuantity(d, d.ValueAt(req, i));
          auto lq = ParseQuantity(d, d.Get(lim, res));
          if (!rq || !lq || *rq <= *lq) continue;
          c.out.Report(kInfo, d.ValueAt(req, i), ct.path + ".resources.requests",
                       c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " requests " + rq->Canonical() +
                           " " + std::string(res) + " but limits it to " + lq->Canonical() +
                           "; the API server rejects requests above limits");
        }
      }
    }
  }
};

}  // namespace

const Rule& RequestExceedsLimitRule() {
  static const RequestExceedsLimit rule;
  return rule;
}

}  // namespace mlspec::lint
