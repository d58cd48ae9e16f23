// Rule `job-deadline-missing`: A GPU Job or training job without activeDeadlineSeconds.
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "job-deadline-missing",
    .default_severity = Severity::kInfo,
    .category = Category::kHygiene,
    .summary = "A GPU Job or training job without activeDeadlineSeconds.",
    .rationale =
        "A hung training run (NCCL deadlock, stuck data loader) holds its GPUs until someone notices; a deadline "
        "bounds the waste.",
    .fix =
        "Set `spec.activeDeadlineSeconds` (Job, RayJob, Kubeflow Trainer TrainJob from v2.2) or "
        "`spec.runPolicy.activeDeadlineSeconds` (Kubeflow training operator, MPIJob).",
    .bad_example = "kind: Job\nspec:\n  template: ...",
    .good_example = "kind: Job\nspec:\n  activeDeadlineSeconds: 172800\n  template: ...",
    .enabled_by_default = true,
    .needs_spec = false,
};

class JobDeadlineMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    ReportMissingJobField(c, kInfo, true, "a hung run holds its GPUs indefinitely. Set a deadline");
  }
};

}  // namespace

const Rule& JobDeadlineMissingRule() {
  static const JobDeadlineMissing rule;
  return rule;
}

}  // namespace mlspec::lint
