// Rule `readiness-probe-missing`: A serving container that exposes a port has no readiness probe.
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
    .id = "readiness-probe-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A serving container that exposes a port has no readiness probe.",
    .rationale =
        "Without a readiness probe a Service sends traffic to a pod as soon as it starts — for model servers, minutes "
        "before the model is loaded — and requests fail during every rollout.",
    .fix = "Add a readinessProbe on the serving port (e.g. an HTTP /health or /v2/health/ready endpoint).",
    .bad_example = "ports:\n- containerPort: 8080",
    .good_example = "ports:\n- containerPort: 8080\nreadinessProbe:\n  httpGet:\n    path: /health\n    port: 8080",
    .enabled_by_default = true,
    .needs_spec = false,
};

class ReadinessProbeMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    if (!IsServingKind(c.obj.kind)) return;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.init || d.Size(d.Get(ct.node, "ports")) == 0) continue;
        if (d.Get(ct.node, "readinessProbe") != kNoNode) continue;
        c.out.Report(kInfo, ct.node, ct.path,
                     c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                         " exposes a port but has no readinessProbe; it receives traffic before "
                         "it is ready. Add one");
      }
    }
  }
};

}  // namespace

const Rule& ReadinessProbeMissingRule() {
  static const ReadinessProbeMissing rule;
  return rule;
}

}  // namespace mlspec::lint
