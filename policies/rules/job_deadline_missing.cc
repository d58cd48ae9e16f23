// Rule `job-deadline-missing`: A GPU Job or training job without activeDeadlineSeconds.
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
    .id = "job-deadline-missing",
    .default_severity = Severity::kInfo,
    .category = Category::kHygiene,
    .summary = "A GPU Job or training job without activeDeadlineSeconds.",
    .rationale = "A hung training run (NCCL deadlock, stuck data loader) holds its GPUs until someone notices; a deadline bounds the waste.",
    .fix = "Set `spec.activeDeadlineSeconds` (Job, RayJob) or `spec.runPolicy.activeDeadlineSeconds` (Kubeflow).",
    .bad_example = "kind: Job\nspec:\n  template: ...",
    .good_example = "kind: Job\nspec:\n  activeDeadlineSeconds: 172800\n  template: ...",
    .enabled_by_default = true,
    .needs_spec = false,
};

class JobDeadlineMissing final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
  const Document& d = c.doc;
  std::string where;
  NodeId pol = JobPolicy(c, true, &where);
  if (pol == kNoNode || !AnyGpu(c)) return;
  if (d.Get(pol, "activeDeadlineSeconds") != kNoNode) return;
  c.out.Report(kInfo, d.KeyNode(c.obj.root, "spec"), c.obj.path_prefix + where,
               c.obj.Display() + ": GPU job has no activeDeadlineSeconds in " + where +
                   "; a hung run holds its GPUs indefinitely. Set a deadline");
  }
};

}  // namespace

const Rule& JobDeadlineMissingRule() {
  static const JobDeadlineMissing rule;
  return rule;
}

}  // namespace mlspec::lint
