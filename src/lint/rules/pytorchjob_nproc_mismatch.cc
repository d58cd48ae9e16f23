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
    .summary = "A PyTorchJob's nprocPerNode, or torchrun's --nproc-per-node, differs from the GPUs per pod.",
    .rationale =
        "The training operator passes `nprocPerNode` to torchrun as `--nproc-per-node`. More processes than GPUs crash "
        "or share a GPU; fewer leave GPUs idle. The same holds for a container of any kind (Job, JobSet, Deployment, "
        "PyTorchJob) that runs torchrun itself (`torchrun`, `python -m torch.distributed.run`): its "
        "`--nproc-per-node`/`--nproc_per_node` is compared with the container's GPUs. Values that are not integers "
        "(`gpu`, `auto`, `$(NPROC)`) and placeholder GPU counts are not checked.",
    .fix = "Set `spec.nprocPerNode` (or torchrun's `--nproc-per-node`) to the pod's GPU count, or to \"gpu\"/\"auto\".",
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
    CheckTorchrun(c);
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

 private:
  // torchrun started by a container's command/args.
  static void CheckTorchrun(const CheckContext& c) {
    const Document& d = c.doc;
    for (const PodTemplate& t : c.obj.templates) {
      for (const ContainerRef& ct : t.containers) {
        if (ct.init) continue;
        std::vector<NodeId> nodes;
        std::vector<std::string_view> words = CommandWords(d, ct.node, &nodes);
        bool torchrun = false;
        for (std::string_view w : words) {
          torchrun = torchrun || w == "torchrun" || w.ends_with("/torchrun") || w == "torch.distributed.run" ||
                     w == "torch.distributed.launch";
        }
        if (!torchrun) continue;
        std::string_view value;
        NodeId at = kNoNode;
        for (size_t i = 0; i < words.size() && at == kNoNode; ++i) {
          for (std::string_view f : {"--nproc-per-node", "--nproc_per_node"}) {
            if (words[i] == f && i + 1 < words.size()) {
              value = words[i + 1];
              at = nodes[i + 1];
            } else if (words[i].starts_with(f) && words[i].size() > f.size() && words[i][f.size()] == '=') {
              value = words[i].substr(f.size() + 1);
              at = nodes[i];
            }
            if (at != kNoNode) break;
          }
        }
        auto procs = ParseInteger(value);
        if (at == kNoNode || !procs) continue;
        ContainerGpuAsk g = ContainerGpuAskOf(d, ct.node);
        if (g.count == 0 || !g.placeholder.empty() || g.count == *procs) continue;
        c.out.Report(kInfo, at, ct.path,
                     c.obj.Display() + ": torchrun in container " + Quote(ContainerName(d, ct)) +
                         " has --nproc-per-node " + std::to_string(*procs) + " but the container gets " +
                         Gpus(g.count) + "; torchrun would start the wrong number of processes. Set it to " +
                         std::to_string(g.count));
      }
    }
  }
};

}  // namespace

const Rule& PytorchjobNprocMismatchRule() {
  static const PytorchjobNprocMismatch rule;
  return rule;
}

}  // namespace mlspec::lint
