// Rule `job-restart-policy-invalid`: A Job or CronJob pod template whose restartPolicy is not Never or OnFailure.
#include <string>
#include <string_view>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "job-restart-policy-invalid",
    .default_severity = Severity::kError,
    .category = Category::kHygiene,
    .summary = "A Job or CronJob pod template whose restartPolicy is missing or not Never/OnFailure.",
    .rationale =
        "For Jobs and CronJobs the API server accepts only `restartPolicy: Never` or `OnFailure` in the pod template "
        "(https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template: \"Only a RestartPolicy equal to "
        "Never or OnFailure is allowed\"). A template without one gets the pod default `Always`, so `kubectl apply` "
        "fails with `spec.template.spec.restartPolicy: Unsupported value: \"Always\"` and a GitOps sync stays "
        "degraded; the GPU job never starts.",
    .fix =
        "Set `restartPolicy: Never` (the Job controller retries in a new pod, up to backoffLimit) or `OnFailure` (the "
        "kubelet restarts the container in place) in `spec.template.spec` (CronJob: "
        "`spec.jobTemplate.spec.template.spec`).",
    .bad_example = "kind: Job\nspec:\n  template:\n    spec:\n      containers: [...]",
    .good_example = "kind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [...]",
    .enabled_by_default = true,
    .needs_spec = false,
};

class JobRestartPolicyInvalid final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    if (c.obj.api_group != "batch" || (c.obj.kind != "Job" && c.obj.kind != "CronJob")) return;
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      if (t.spec == kNoNode) continue;
      NodeId policy = d.Get(t.spec, "restartPolicy");
      if (policy == kNoNode) {
        NodeId at = d.KeyNode(t.anchor, "spec");
        c.out.Report(kInfo, at == kNoNode ? t.spec : at, t.path + ".restartPolicy",
                     c.obj.Display() +
                         ": pod template sets no restartPolicy, so it defaults to Always, which the "
                         "API server rejects for a " +
                         std::string(c.obj.kind) + ". Set restartPolicy: Never or OnFailure");
        continue;
      }
      std::string_view v = d.Text(policy);
      if (v == "Never" || v == "OnFailure") continue;
      c.out.Report(kInfo, policy, t.path + ".restartPolicy",
                   c.obj.Display() + ": restartPolicy " + Quote(v) + " is not allowed for a " +
                       std::string(c.obj.kind) + " (only Never or OnFailure); the API server rejects it");
    }
  }
};

}  // namespace

const Rule& JobRestartPolicyInvalidRule() {
  static const JobRestartPolicyInvalid rule;
  return rule;
}

}  // namespace mlspec::lint
