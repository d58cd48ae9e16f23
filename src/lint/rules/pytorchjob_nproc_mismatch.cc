// Rule `pytorchjob-nproc-mismatch`: A PyTorchJob's nprocPerNode differs from the GPUs per pod.
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
    .id = "pytorchjob-nproc-mismatch",
    .default_severity = Severity::kWarning,
    .category = Category::kGpu,
    .summary = "A PyTorchJob's nprocPerNode differs from the GPUs per pod.",
    .rationale =
        "The training operator passes `nprocPerNode` to torchrun as `--nproc-per-node`. More processes than GPUs crash "
        "or share a GPU; fewer leave GPUs idle.",
    .fix = "Set `spec.nprocPerNode` to the pod's GPU count (or to \"gpu\"/\"auto\").",
    .bad_example =
        "spec:\n  nprocPerNode: \"8\"\n  pytorchReplicaSpecs:\n    Worker:\n      template: ... nvidia.com/gpu: 4",
    .good_example =
        "spec:\n  nprocPerNode: \"4\"\n  pytorchReplicaSpecs:\n    Worker:\n      template: ... nvidia.com/gpu: 4",
    .enabled_by_default = true,
    .needs_spec = false,
};

class PytorchjobNprocMismatch final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void Check(const CheckContext& c) const override {
    const Document& d = c.doc;
    if (c.obj.kind != "PyTorchJob") return;
    NodeId n = d.Get(c.obj.spec, "nprocPerNode");
    if (n == kNoNode) n = d.GetPath(c.obj.spec, "elasticPolicy.nProcPerNode");
    auto procs = d.Int(n);
    if (!procs) return;
    for (const PodTemplate& t : c.obj.templates) {
      int64_t g = PodWholeGpus(d, t);
      if (g == 0 || g == *procs) continue;
      c.out.Report(kInfo, n, "spec.nprocPerNode",
                   c.obj.Display() + ": nprocPerNode is " + std::to_string(*procs) + " but " +
                       (t.role.empty() ? std::string("a pod") : Quote(t.role) + " pods") + " get " + Gpus(g) +
                       "; torchrun would start the wrong number of processes. "
                       "Set nprocPerNode to " +
                       std::to_string(g));
      return;
    }
  }
};

}  // namespace

const Rule& PytorchjobNprocMismatchRule() {
  static const PytorchjobNprocMismatch rule;
  return rule;
}

}  // namespace mlspec::lint
