// Rule `mig-profile-unavailable`: A MIG slice that no matching pool provides.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "lint/pool_index.h"
#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {

namespace {

constexpr RuleInfo kInfo{
    .id = "mig-profile-unavailable",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "A MIG slice that no matching pool provides.",
    .rationale =
        "`nvidia.com/mig-<profile>` resources exist only on nodes whose GPUs are partitioned into that profile (the "
        "spec's `gpu_sharing = { strategy = \"mig\", profile = ... }`). Elsewhere the pod stays Pending.",
    .fix = "Request a profile the pool is partitioned into, or change the pool's gpu_sharing.",
    .bad_example = "limits:\n  nvidia.com/mig-3g.40gb: 1   # pool offers 1g.10gb",
    .good_example = "limits:\n  nvidia.com/mig-1g.10gb: 1",
    .enabled_by_default = true,
    .needs_spec = true,
};

class MigProfileUnavailable final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      std::vector<std::string> profiles = PodMigProfiles(d, t);
      if (profiles.empty()) continue;
      std::vector<const Pool*> pools = c.pools->Matching(ReadNodeSelection(d, t), true);
      for (const std::string& prof : profiles) {
        bool ok = false;
        for (const Pool* p : pools) {
          if (p->gpu_sharing && p->gpu_sharing->strategy == GpuSharing::Strategy::kMig &&
              p->gpu_sharing->mig_profile == prof)
            ok = true;
        }
        if (ok) continue;
        NodeId at = t.spec;
        for (const ContainerRef& ct : t.containers) {
          NodeId k = ResourceKey(d, ct.node, "nvidia.com/mig-" + prof);
          if (k != ct.node) {
            at = k;
            break;
          }
        }
        c.out.Report(kInfo, at, t.path,
                     c.obj.Display() +
                         ": no pool the pod can use is partitioned into MIG "
                         "profile " +
                         Quote(prof) +
                         "; the pod would stay Pending. Request a profile "
                         "a pool offers or set gpu_sharing on the pool");
      }
    }
  }
};

}  // namespace

const Rule& MigProfileUnavailableRule() {
  static const MigProfileUnavailable rule;
  return rule;
}

}  // namespace mlspec::lint
