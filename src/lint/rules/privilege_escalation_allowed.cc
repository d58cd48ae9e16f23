// Rule `privilege-escalation-allowed`: A container explicitly allows privilege escalation.
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
    .id = "privilege-escalation-allowed",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A container explicitly allows privilege escalation.",
    .rationale =
        "`allowPrivilegeEscalation: true` lets processes gain more privileges than their parent (setuid binaries); the "
        "restricted Pod Security Standard forbids it.",
    .fix = "Set `allowPrivilegeEscalation: false` (or leave it out).",
    .bad_example = "securityContext:\n  allowPrivilegeEscalation: true",
    .good_example = "securityContext:\n  allowPrivilegeEscalation: false",
    .enabled_by_default = true,
    .needs_spec = false,
};

class PrivilegeEscalationAllowed final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        NodeId sc = d.Get(ct.node, "securityContext");
        if (!d.Bool(d.Get(sc, "allowPrivilegeEscalation")).value_or(false)) continue;
        c.out.Report(kInfo, d.KeyNode(sc, "allowPrivilegeEscalation"),
                     ct.path + ".securityContext.allowPrivilegeEscalation",
                     c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                         " allows privilege escalation; set allowPrivilegeEscalation: false");
      }
    }
  }
};

}  // namespace

const Rule& PrivilegeEscalationAllowedRule() {
  static const PrivilegeEscalationAllowed rule;
  return rule;
}

}  // namespace mlspec::lint
