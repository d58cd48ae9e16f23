// Rule `run-as-root`: A pod or container explicitly runs as root.
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
    .id = "run-as-root",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A pod or container explicitly runs as root.",
    .rationale =
        "`runAsUser: 0` or `runAsNonRoot: false` runs the workload as root; a container escape then owns the node (and "
        "its GPUs' other tenants).",
    .fix = "Run as a non-root user: `runAsNonRoot: true` and a non-zero `runAsUser`.",
    .bad_example = "securityContext:\n  runAsUser: 0",
    .good_example = "securityContext:\n  runAsNonRoot: true\n  runAsUser: 1000",
    .enabled_by_default = true,
    .needs_spec = false,
};

class RunAsRoot final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    auto check = [&](NodeId sc, const std::string& path, const std::string& who) {
      NodeId u = d.Get(sc, "runAsUser");
      NodeId nr = d.Get(sc, "runAsNonRoot");
      NodeId at = kNoNode;
      if (auto v = d.Int(u); v && *v == 0) at = d.KeyNode(sc, "runAsUser");
      else if (d.Bool(nr) == false) at = d.KeyNode(sc, "runAsNonRoot");
      if (at == kNoNode) return;
      c.out.Report(kInfo, at, path + ".securityContext",
                   c.obj.Display() + ": " + who +
                       " runs as root; set runAsNonRoot: true and a "
                       "non-zero runAsUser");
    };
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec != kNoNode) check(d.Get(t.spec, "securityContext"), t.path, "pod");
      for (const ContainerRef& ct : t.containers) {
        check(d.Get(ct.node, "securityContext"), ct.path, "container " + Quote(ContainerName(d, ct)));
      }
    }
  }
};

}  // namespace

const Rule& RunAsRootRule() {
  static const RunAsRoot rule;
  return rule;
}

}  // namespace mlspec::lint
