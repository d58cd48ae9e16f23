// Rule `hpa-cpu-metric-on-gpu-workload`: An HPA scales a GPU workload on CPU utilization.
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
    .id = "hpa-cpu-metric-on-gpu-workload",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "An HPA scales a GPU workload on CPU utilization.",
    .rationale =
        "GPU inference servers are GPU- or queue-bound; their CPU stays low under full load, so a CPU-based HPA never "
        "scales out (or flaps). Scale on GPU utilization (DCGM exporter metrics), request concurrency or queue length "
        "instead.",
    .fix = "Use an External/Pods metric such as `DCGM_FI_DEV_GPU_UTIL` or request concurrency.",
    .bad_example = "metrics:\n- type: Resource\n  resource:\n    name: cpu",
    .good_example = "metrics:\n- type: Pods\n  pods:\n    metric:\n      name: DCGM_FI_DEV_GPU_UTIL",
    .enabled_by_default = true,
    .needs_spec = false,
};

class HpaCpuMetricOnGpuWorkload final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    for (const HpaSummary& h : c.corpus.hpas) {
      if (h.cpu_metric_loc.line == 0) continue;
      for (uint32_t i : c.corpus.WorkloadsNamed(h.ns, h.target_kind, h.target_name)) {
        const WorkloadSummary& w = c.corpus.workloads[i];
        if (!w.gpu) continue;
        c.out.Report(kInfo, h.cpu_metric_loc, h.display, "spec.metrics",
                     h.display + ": scales GPU workload " + Quote(w.display) +
                         " on CPU, which stays low while the GPU is saturated. Scale on a GPU or "
                         "request metric",
                     h.suppress);
        break;
      }
    }
  }
};

}  // namespace

const Rule& HpaCpuMetricOnGpuWorkloadRule() {
  static const HpaCpuMetricOnGpuWorkload rule;
  return rule;
}

}  // namespace mlspec::lint
