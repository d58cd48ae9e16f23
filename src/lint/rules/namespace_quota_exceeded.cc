// Rule `namespace-quota-exceeded`: The workloads of a namespace request more than its quota.
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
    .id = "namespace-quota-exceeded",
    .default_severity = Severity::kError,
    .category = Category::kCluster,
    .summary = "The workloads of a namespace request more than its quota.",
    .rationale =
        "The ResourceQuota of a namespace caps the sum of requests of its pods. When the GPU, CPU or memory requests "
        "of all workloads in the namespace — replicas and parallelism counted — exceed it, the last pods are rejected "
        "at admission and their controllers retry forever.",
    .fix = "Lower replicas or requests, or raise the namespace quota in the spec.",
    .bad_example = "# quota gpu = 4; two Deployments with 3 replicas x 1 GPU",
    .good_example = "# quota gpu = 8",
    .enabled_by_default = true,
    .needs_spec = true,
};

class NamespaceQuotaExceeded final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    if (!c.spec) return;
    struct Sum {
      int64_t gpu = 0, cpu = 0, mem = 0;
      bool g = false, cp = false, m = false;
    };
    std::map<std::string, Sum> sums;
    for (const WorkloadSummary& w : c.corpus.workloads) {
      auto ns = c.spec->namespaces.find(w.ns);
      if (ns == c.spec->namespaces.end() || !ns->second.quota) continue;
      const QuotaSpec& q = *ns->second.quota;
      Sum& s = sums[w.ns];
      s.gpu += w.gpu_total;
      s.cpu += w.cpu_milli_total;
      s.mem += w.memory_total;
      auto report = [&](std::string what, std::string total, std::string quota) {
        c.out.Report(kInfo, w.loc, w.display, "metadata.name",
                     w.display + ": with it, workloads in namespace " + Quote(w.ns) + " request " + total + " " + what +
                         ", above the namespace quota of " + quota +
                         "; pods beyond it are rejected. Lower replicas or raise the quota",
                     w.suppress);
      };
      if (q.gpu && !s.g && s.gpu > *q.gpu) {
        s.g = true;
        report("GPUs", std::to_string(s.gpu), std::to_string(*q.gpu));
      }
      if (q.cpu && !s.cp && s.cpu > q.cpu->MilliValue()) {
        s.cp = true;
        report("CPU", Quantity::FromMilli(s.cpu).Canonical(), q.cpu->Canonical());
      }
      if (q.memory && !s.m && s.mem > q.memory->Value()) {
        s.m = true;
        report("memory", FormatBytes(s.mem), q.memory->Canonical());
      }
    }
  }
};

}  // namespace

const Rule& NamespaceQuotaExceededRule() {
  static const NamespaceQuotaExceeded rule;
  return rule;
}

}  // namespace mlspec::lint
