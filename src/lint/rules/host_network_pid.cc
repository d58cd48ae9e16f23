// Rule `host-network-pid`: A pod uses the host's network or PID namespace.
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
    .id = "host-network-pid",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A pod uses the host's network or PID namespace.",
    .rationale =
        "`hostNetwork` exposes the node's interfaces and ports (and collides on ports between replicas); `hostPID` "
        "lets the pod see and signal every process on the node. ML workloads rarely need either — NCCL works over the "
        "pod network or through RDMA device plugins.",
    .fix = "Remove hostNetwork / hostPID; use a Service or an RDMA/SR-IOV device plugin for fast networking.",
    .bad_example = "hostNetwork: true",
    .good_example = "# use the pod network",
    .enabled_by_default = true,
    .needs_spec = false,
};

class HostNetworkPid final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      for (const char* f : {"hostNetwork", "hostPID"}) {
        if (!d.Bool(d.Get(t.spec, f)).value_or(false)) continue;
        c.out.Report(kInfo, d.KeyNode(t.spec, f), t.path + "." + f,
                     c.obj.Display() + ": pod sets " + f + ": true, sharing the node's " +
                         (std::string_view(f) == "hostPID" ? "processes" : "network") + "; remove it");
      }
    }
  }
};

}  // namespace

const Rule& HostNetworkPidRule() {
  static const HostNetworkPid rule;
  return rule;
}

}  // namespace mlspec::lint
