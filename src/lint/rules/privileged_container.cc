// Rule `privileged-container`: A privileged container.
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
    .id = "privileged-container",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A privileged container.",
    .rationale =
        "A privileged container has every device and capability of the node. GPU workloads do not need it: the NVIDIA "
        "device plugin and container toolkit inject exactly the allocated GPUs; privileged pods instead see every GPU "
        "on the node and bypass the allocation.",
    .fix = "Remove `privileged: true`; request GPUs through `nvidia.com/gpu` and let the device plugin expose them.",
    .bad_example = "securityContext:\n  privileged: true",
    .good_example = "securityContext:\n  allowPrivilegeEscalation: false",
    .enabled_by_default = true,
    .needs_spec = false,
};

class PrivilegedContainer final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        NodeId sc = d.Get(ct.node, "securityContext");
        if (!d.Bool(d.Get(sc, "privileged")).value_or(false)) continue;
        c.out.Report(kInfo, d.KeyNode(sc, "privileged"), ct.path + ".securityContext.privileged",
                     c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) +
                         " is privileged; GPUs do not need it — the NVIDIA device plugin exposes "
                         "the allocated devices. Remove privileged: true");
      }
    }
  }
};

}  // namespace

const Rule& PrivilegedContainerRule() {
  static const PrivilegedContainer rule;
  return rule;
}

}  // namespace mlspec::lint
