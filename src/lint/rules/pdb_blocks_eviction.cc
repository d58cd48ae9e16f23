// Rule `pdb-blocks-eviction`: A PDB that blocks node drains for a single-replica GPU workload.
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
    .id = "pdb-blocks-eviction",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "A PDB that blocks node drains for a single-replica GPU workload.",
    .rationale =
        "`minAvailable: 1` (or `maxUnavailable: 0`) on a workload with one replica makes every eviction fail: node "
        "drains, GPU driver upgrades by the GPU operator and cluster-autoscaler scale-down all hang on that node.",
    .fix = "Run at least two replicas, or use `maxUnavailable: 1` for single-replica GPU servers.",
    .bad_example = "spec:\n  minAvailable: 1   # Deployment has replicas: 1",
    .good_example = "spec:\n  maxUnavailable: 1",
    .enabled_by_default = true,
    .needs_spec = false,
};

class PdbBlocksEviction final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    for (const SelectorSummary& s : c.corpus.pdbs) {
      if (!s.blocks_single || s.selector.empty()) continue;
      // Only workloads with the selector's first label can match it.
      const auto& [key, value] = s.selector.front();
      for (uint32_t i : c.corpus.WorkloadsLabeled(s.ns, key, value)) {
        const WorkloadSummary& w = c.corpus.workloads[i];
        if (!w.gpu || w.replicas > 1 || !LabelsSubset(s.selector, w.pod_labels)) continue;
        c.out.Report(kInfo, s.loc, s.display, "spec.selector",
                     s.display + ": allows no disruption of single-replica GPU workload " + Quote(w.display) +
                         "; node drains and GPU driver upgrades hang. Use "
                         "maxUnavailable: 1 or run 2+ replicas",
                     s.suppress);
        break;
      }
    }
  }
};

}  // namespace

const Rule& PdbBlocksEvictionRule() {
  static const PdbBlocksEviction rule;
  return rule;
}

}  // namespace mlspec::lint
