// Kueue objects of [queues.*] (model/queues.h), all in manifests/queues/:
// one ResourceFlavor per GPU pool a queue uses (the pool's label, its
// tolerations), one ClusterQueue per queue with its nominal GPUs per flavor
// and the CPU and memory of the nodes those GPUs come with, and a LocalQueue
// of the same name in each of the queue's namespaces. API kueue.x-k8s.io/v1beta2,
// the storage version of Kueue 0.19 (shared/schemas/kueue.x-k8s.io_*.yaml).
// https://kueue.sigs.k8s.io/docs/concepts/cluster_queue/
#include <set>

#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"
#include "model/queues.h"

namespace mlspec {
namespace {

constexpr char kApiVersion[] = "kueue.x-k8s.io/v1beta2";

Json Flavor(const Pool& pool) {
  Json f;
  f["apiVersion"] = kApiVersion;
  f["kind"] = "ResourceFlavor";
  f["metadata"] = Metadata(pool.name, "", "queues");
  f["spec"]["nodeLabels"] = PoolNodeSelector(pool);
  // Kueue adds these to the pods it admits on this flavor.
  Json tolerations = PoolTolerations(pool);
  if (!tolerations.empty()) f["spec"]["tolerations"] = tolerations;
  return f;
}

Json ClusterQueue(const Model& spec, const Queue& q) {
  Json flavors = Json::array();
  for (const FlavorQuota& fq : QueueFlavorQuotas(spec, q)) {
    const Pool& pool = *fq.pool;
    const int64_t per_node = pool.schedulable_gpus_per_node();
    const int64_t nodes = (fq.gpus + per_node - 1) / per_node;
    const std::string cpu = Quantity::FromMilli(pool.node_cpu.MilliValue() * nodes).Canonical();
    const std::string memory =
        Quantity::FromUnits(pool.node_memory.Value() * nodes, Quantity::Format::kBinarySI).Canonical();
    flavors.push_back({{"name", pool.name},
                       {"resources", Json::array({{{"name", "cpu"}, {"nominalQuota", cpu}},
                                                  {{"name", "memory"}, {"nominalQuota", memory}},
                                                  {{"name", "nvidia.com/gpu"}, {"nominalQuota", fq.gpus}}})}});
  }
  Json c;
  c["apiVersion"] = kApiVersion;
  c["kind"] = "ClusterQueue";
  c["metadata"] = Metadata(q.name, "", "queues");
  c["spec"]["namespaceSelector"]["matchExpressions"] =
      Json::array({{{"key", "kubernetes.io/metadata.name"}, {"operator", "In"}, {"values", q.namespaces}}});
  if (!q.cohort.empty()) c["spec"]["cohortName"] = q.cohort;
  c["spec"]["queueingStrategy"] = "BestEffortFIFO";
  // A queue that lent its GPUs to the cohort takes them back by preempting
  // the borrowers.
  if (!q.cohort.empty()) c["spec"]["preemption"] = {{"reclaimWithinCohort", "Any"}};
  c["spec"]["resourceGroups"] =
      Json::array({{{"coveredResources", Json::array({"cpu", "memory", "nvidia.com/gpu"})}, {"flavors", flavors}}});
  return c;
}

Json LocalQueue(const Queue& q, const std::string& ns) {
  Json l;
  l["apiVersion"] = kApiVersion;
  l["kind"] = "LocalQueue";
  l["metadata"] = Metadata(q.name, ns, "queues");
  l["spec"]["clusterQueue"] = q.name;
  return l;
}

}  // namespace

void EmitQueues(const Model& spec, FileSet& out) {
  if (spec.queues.empty()) return;
  std::set<std::string> flavor_pools;
  for (const auto& [name, q] : spec.queues)
    for (const Pool* p : QueuePools(spec, q)) flavor_pools.insert(p->name);
  std::vector<Json> flavors, cluster_queues, local_queues;
  for (const std::string& pool : flavor_pools) flavors.push_back(Flavor(spec.pools.at(pool)));
  for (const auto& [name, q] : spec.queues) {
    cluster_queues.push_back(ClusterQueue(spec, q));
    for (const std::string& ns : q.namespaces) local_queues.push_back(LocalQueue(q, ns));
  }
  AddManifest(spec, out, "manifests/queues/resource-flavors.yaml", flavors);
  AddManifest(spec, out, "manifests/queues/cluster-queues.yaml", cluster_queues);
  AddManifest(spec, out, "manifests/queues/local-queues.yaml", local_queues);
}

}  // namespace mlspec
