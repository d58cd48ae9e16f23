// Rule `job-ttl-missing`: A GPU Job or training job without ttlSecondsAfterFinished.
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "job-ttl-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A GPU Job or training job without ttlSecondsAfterFinished.",
    .rationale =
        "Finished Jobs and training CRs stay forever without a TTL; their pods keep logs and objects around, and with "
        "some operators (runPolicy.cleanPodPolicy: None) completed pods keep holding GPUs' node slots. Kubeflow "
        "Trainer TrainJobs and their runtimes are not checked: the Trainer has no TTL of its own.",
    .fix =
        "Set `spec.ttlSecondsAfterFinished` (Job, JobSet, Volcano) or `spec.runPolicy.ttlSecondsAfterFinished` "
        "(Kubeflow training operator, MPIJob).",
    .bad_example = "kind: Job\nspec:\n  template: ...",
    .good_example = "kind: Job\nspec:\n  ttlSecondsAfterFinished: 86400\n  template: ...",
    .enabled_by_default = true,
    .needs_spec = false,
};

class JobTtlMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    ReportMissingJobField(c, kInfo, false, "finished runs are never cleaned up. Set one");
  }
};

}  // namespace

const Rule& JobTtlMissingRule() {
  static const JobTtlMissing rule;
  return rule;
}

}  // namespace mlspec::lint
