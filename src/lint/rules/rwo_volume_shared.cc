// Rule `rwo-volume-shared`: A ReadWriteOnce claim mounted by pods that can run on several nodes.
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "rwo-volume-shared",
    .default_severity = Severity::kWarning,
    .category = Category::kCrossDocument,
    .summary = "A ReadWriteOnce claim mounted by pods that can run on several nodes.",
    .rationale =
        "A ReadWriteOnce volume attaches to one node at a time: when the pods of a Deployment, StatefulSet or "
        "ReplicaSet with several replicas, a Job with parallelism, a training job's replicas or a DaemonSet land on "
        "different nodes, all but the first node's stay in ContainerCreating with a Multi-Attach error "
        "(https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes). A ReadWriteOncePod claim "
        "is worse: only one pod at all can use it, so the others stay Pending even on the same node; pinning pods "
        "to one node does not help there. Reported only for claims among the linted manifests whose every access "
        "mode is ReadWriteOnce (or ReadWriteOncePod): the mode of a claim that is not linted is unknown, and "
        "guessing would report every shared data volume. Pods pinned to one node (spec.nodeName, a "
        "kubernetes.io/hostname selector) can share a ReadWriteOnce claim. Workloads that each run one pod and "
        "mount the same claim are not reported: they often run one after another (a download Job, then a server).",
    .fix =
        "Use storage with ReadWriteMany (a shared filesystem: NFS, EFS, Filestore, Azure Files, Lustre) for data "
        "every pod reads or writes, give each pod its own claim (StatefulSet volumeClaimTemplates, or an ephemeral "
        "volume), or run one replica.",
    .bad_example =
        "kind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n---\nkind: "
        "Deployment\nspec:\n  replicas: 3\n  template:\n    spec:\n      volumes:\n      - name: data\n        "
        "persistentVolumeClaim: {claimName: data}",
    .good_example =
        "kind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteMany]\n  "
        "storageClassName: nfs",
    .enabled_by_default = true,
    .needs_spec = false,
};

class RwoVolumeShared final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void CheckCorpus(const CorpusContext& c) const override {
    for (const ClaimUse& u : c.corpus.claim_uses) {
      const ClaimSummary* claim = c.corpus.ExclusiveClaim(u.ns, u.claim);
      if (claim == nullptr) continue;
      std::string pods = u.every_node ? "its pods on every node" : std::to_string(u.pods) + " pods";
      std::string msg;
      if (claim->once_pod) {
        msg = u.display + ": " + pods + " mount ReadWriteOncePod claim " + Quote(u.claim) +
              ", which only one pod can use; the others stay Pending";
      } else if (u.one_node) {
        continue;  // pods on one node share a ReadWriteOnce volume
      } else {
        msg = u.display + ": " + pods + " mount ReadWriteOnce claim " + Quote(u.claim) +
              (u.every_node ? "" : " and can run on different nodes") +
              "; the volume attaches to one node at a time, so pods elsewhere stay in ContainerCreating "
              "(Multi-Attach error)";
      }
      c.out.Report(kInfo, u.loc, u.display, u.path, msg, u.suppress);
    }
  }
};

}  // namespace

const Rule& RwoVolumeSharedRule() {
  static const RwoVolumeShared rule;
  return rule;
}

}  // namespace mlspec::lint
