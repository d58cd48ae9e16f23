// Rule `startup-probe-missing`: A GPU server with a liveness probe but no startup probe.
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
    .id = "startup-probe-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A GPU server with a liveness probe but no startup probe.",
    .rationale =
        "Loading a large model takes minutes. A liveness probe without a startup probe starts counting at once, kills "
        "the container before the model is loaded, and the pod restart-loops (CrashLoopBackOff) forever.",
    .fix = "Add a startupProbe with a failureThreshold x periodSeconds longer than the model load time.",
    .bad_example = "livenessProbe:\n  httpGet: {path: /health, port: 8000}",
    .good_example =
        "startupProbe:\n  httpGet: {path: /health, port: 8000}\n  failureThreshold: 60\n  periodSeconds: "
        "10\nlivenessProbe:\n  httpGet: {path: /health, port: 8000}",
    .enabled_by_default = true,
    .needs_spec = false,
};

class StartupProbeMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.init || ContainerGpus(d, ct.node) == 0) continue;
        if (d.Get(ct.node, "livenessProbe") == kNoNode || d.Get(ct.node, "startupProbe") != kNoNode) continue;
        c.out.Report(kInfo, d.KeyNode(ct.node, "livenessProbe"), ct.path + ".livenessProbe",
                     c.obj.Display() + ": GPU container " + Quote(ContainerName(d, ct)) +
                         " has a livenessProbe but no startupProbe; it is killed while the model "
                         "loads. Add a startupProbe");
      }
    }
  }
};

}  // namespace

const Rule& StartupProbeMissingRule() {
  static const StartupProbeMissing rule;
  return rule;
}

}  // namespace mlspec::lint
