// Rule `no-pool-matches`: The pod's node selection matches no pool of the cluster.
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
    .id = "no-pool-matches",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "The pod's node selection matches no pool of the cluster.",
    .rationale =
        "A nodeSelector or required node affinity that no node pool satisfies — the spec's labels plus those the cloud "
        "adds (`kubernetes.azure.com/agentpool`, `cloud.google.com/gke-nodepool`, `eks.amazonaws.com/nodegroup`, ...) "
        "— leaves the pod Pending forever, and no autoscaler can help. A GPU pod that selects only pools without GPUs "
        "is reported too. Label drift between pools and workloads is the most common complaint in ML-platform issue "
        "trackers. The labels every node carries count: `kubernetes.io/os` (linux), "
        "`node.kubernetes.io/instance-type` (the pool's instance type) and their `beta.kubernetes.io/*` forms must "
        "fit; `kubernetes.io/hostname`, `kubernetes.io/arch`, `topology.kubernetes.io/region` and `zone` (and "
        "`failure-domain.beta.kubernetes.io/*`) fit any pool, their values being unknown to the spec. The finding "
        "names the first label no pool satisfies and the pools' values of it.",
    .fix =
        "Select labels that a pool carries: the spec's [pools.*] labels, `mlspec.io/pool=POOL` (on every pool's "
        "nodes), the cloud's own node labels, or the well-known labels.",
    .bad_example = "nodeSelector:\n  node-type: gpu      # the pool is labelled node-type=ai",
    .good_example = "nodeSelector:\n  node-type: ai",
    .enabled_by_default = true,
    .needs_spec = true,
};

class NoPoolMatches final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      NodeSelection sel = ReadNodeSelection(d, t);
      if (!sel.any()) continue;
      std::vector<const Pool*> all = c.pools->Matching(sel, false);
      if (all.empty()) {
        std::string why = c.pools->WhyNoMatch(sel);
        c.out.Report(kInfo, sel.anchor, t.path,
                     c.obj.Display() + ": node selection matches no pool of cluster " + Quote(c.spec->cluster.name) +
                         " (cloud labels included); the pod would stay Pending. Select labels "
                         "that a pool carries" +
                         (why.empty() ? std::string() : ": " + why));
        continue;
      }
      if (IsGpuPod(d, t) && c.pools->Matching(sel, true).empty()) {
        c.out.Report(kInfo, sel.anchor, t.path,
                     c.obj.Display() + ": pod asks for GPUs" + GpuAskNote(d, t) +
                         " but its node selection matches "
                         "only pools without GPUs (" +
                         PoolNames(all) + ")");
      }
    }
  }
};

}  // namespace

const Rule& NoPoolMatchesRule() {
  static const NoPoolMatches rule;
  return rule;
}

}  // namespace mlspec::lint
