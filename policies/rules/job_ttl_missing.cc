// Rule `job-ttl-missing`: A GPU Job or training job without ttlSecondsAfterFinished.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <string>

#include "rules/common.h"
#include "rules/rules.h"

namespace mlspec::lint {

namespace {
// The object holding ttlSecondsAfterFinished / activeDeadlineSeconds for
// GPU batch kinds: batch Job spec, Kubeflow training jobs' runPolicy
// (training-operator v1 RunPolicy), JobSet spec, Volcano Job spec, RayJob spec.
NodeId JobPolicy(const CheckContext& c, bool deadline, std::string* where) {
  const Document& d = c.doc;
  std::string_view k = c.obj.kind, g = c.obj.api_group;
  if (k == "Job" && (g == "batch" || g == "batch.volcano.sh") && !(deadline && g != "batch")) {
    *where = "spec";
    return c.obj.spec;
  }
  if (g == "kubeflow.org" && k.ends_with("Job")) {
    *where = "spec.runPolicy";
    NodeId rp = d.Get(c.obj.spec, "runPolicy");
    return rp == kNoNode ? c.obj.spec : rp;
  }
  if (k == "JobSet" && !deadline) { *where = "spec"; return c.obj.spec; }
  if (k == "RayJob" && deadline) { *where = "spec"; return c.obj.spec; }
  return kNoNode;
}
bool AnyGpu(const CheckContext& c) {
  for (const PodTemplate& t : c.obj.templates) if (IsGpuPod(c.doc, t)) return true;
  return false;
}
}  // namespace

namespace {

constexpr RuleInfo kInfo{
    .id = "job-ttl-missing",
    .default_severity = Severity::kWarning,
    .category = Category::kHygiene,
    .summary = "A GPU Job or training job without ttlSecondsAfterFinished.",
    .rationale = "Finished Jobs and training CRs stay forever without a TTL; their pods keep logs and objects around, and with some operators (runPolicy.cleanPodPolicy: None) completed pods keep holding GPUs' node slots.",
    .fix = "Set `spec.ttlSecondsAfterFinished` (Job, JobSet, Volcano) or `spec.runPolicy.ttlSecondsAfterFinished` (Kubeflow).",
    .bad_example = "kind: Job\nspec:\n  template: ...",
    .good_example = "kind: Job\nspec:\n  ttlSecondsAfterFinished: 86400\n  template: ...",
    .enabled_by_default = true,
    .needs_spec = false,
};

class JobTtlMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
  const Document& d = c.doc;
  std::string where;
  NodeId pol = JobPolicy(c, false, &where);
  if (pol == kNoNode || !AnyGpu(c)) return;
  if (d.Get(pol, "ttlSecondsAfterFinished") != kNoNode) return;
  c.out.Report(kInfo, d.KeyNode(c.obj.root, "spec"), c.obj.path_prefix + where,
               c.obj.Display() + ": GPU job has no ttlSecondsAfterFinished in " + where +
                   "; finished runs are never cleaned up. Set one");
  }
};

}  // namespace

const Rule& JobTtlMissingRule() {
  static const JobTtlMissing rule;
  return rule;
}

}  // namespace mlspec::lint
