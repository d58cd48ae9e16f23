// Kueue, judged offline on the EKS example's tree: the queued PyTorchJob is
// created suspended in a LocalQueue whose ClusterQueue has a flavor that
// Kueue can admit it on — the flavor's node labels are the job's node
// selector, its tolerations are the job's, and its nominal quota holds every
// pod of the job at once — and the ClusterQueues of one cohort never hold
// more GPUs on a pool than the pool has at max_nodes.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "base/quantity.h"
#include "emit/emit.h"
#include "model/queues.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {

using testing::ReadFileOrDie;
using testing::SourceDir;

std::vector<YAML::Node> Docs(const FileSet& files, const std::string& path) {
  auto it = files.find(path);
  EXPECT_NE(it, files.end()) << path;
  return it == files.end() ? std::vector<YAML::Node>{} : YAML::LoadAll(it->second);
}

int64_t Milli(const YAML::Node& n) {
  std::string err;
  auto q = Quantity::Parse(n.as<std::string>(), &err);
  EXPECT_TRUE(q) << err;
  return q ? q->MilliValue() : 0;
}

TEST(QueuesTest, QueuedPyTorchJobIsAdmissibleOnItsGpuFlavor) {
  Diagnostics diags;
  const auto spec = SourceDir() / "examples/eks-platform.toml";
  auto model = ResolveSpecText("eks-platform.toml", ReadFileOrDie(spec), diags);
  ASSERT_TRUE(model) << diags.ToString();
  FileSet files;
  EmitAll(*model, files);

  const YAML::Node job = Docs(files, "manifests/training/jobs/ddp-a100/job.yaml").at(0);
  ASSERT_EQ(job["kind"].as<std::string>(), "PyTorchJob");
  EXPECT_TRUE(job["spec"]["runPolicy"]["suspend"].as<bool>()) << "created suspended, Kueue starts it";
  const std::string local_queue = job["metadata"]["labels"]["kueue.x-k8s.io/queue-name"].as<std::string>();
  const std::string ns = job["metadata"]["namespace"].as<std::string>();

  // LocalQueue NAME in the job's namespace -> its ClusterQueue.
  std::string cluster_queue;
  for (const YAML::Node& lq : Docs(files, "manifests/queues/local-queues.yaml"))
    if (lq["metadata"]["name"].as<std::string>() == local_queue && lq["metadata"]["namespace"].as<std::string>() == ns)
      cluster_queue = lq["spec"]["clusterQueue"].as<std::string>();
  ASSERT_FALSE(cluster_queue.empty()) << "no LocalQueue " << local_queue << " in " << ns;

  // Every pod of the job at once, and their placement (Master and Worker agree).
  std::map<std::string, int64_t> need;  // resource -> milli-units
  YAML::Node selector, tolerations;
  for (const auto& replica : job["spec"]["pytorchReplicaSpecs"]) {
    const int64_t n = replica.second["replicas"].as<int64_t>();
    const YAML::Node pod = replica.second["template"]["spec"];
    selector = pod["nodeSelector"];
    tolerations = pod["tolerations"];
    for (const YAML::Node& c : pod["containers"])
      for (const auto& r : c["resources"]["requests"]) need[r.first.as<std::string>()] += n * Milli(r.second);
  }
  EXPECT_EQ(need["nvidia.com/gpu"], 2000) << "2 workers × 1 GPU";

  // The ClusterQueue's flavor whose node labels the job selects.
  YAML::Node cq;
  for (const YAML::Node& d : Docs(files, "manifests/queues/cluster-queues.yaml"))
    if (d["metadata"]["name"].as<std::string>() == cluster_queue) cq = d;
  ASSERT_TRUE(cq) << cluster_queue;
  std::map<std::string, YAML::Node> flavors;
  for (const YAML::Node& f : Docs(files, "manifests/queues/resource-flavors.yaml"))
    flavors[f["metadata"]["name"].as<std::string>()] = f;
  int matched = 0;
  for (const YAML::Node& f : cq["spec"]["resourceGroups"][0]["flavors"]) {
    const YAML::Node rf = flavors.at(f["name"].as<std::string>());
    bool labels_match = true;
    for (const auto& l : rf["spec"]["nodeLabels"])
      labels_match = labels_match && selector[l.first.as<std::string>()] &&
                     selector[l.first.as<std::string>()].as<std::string>() == l.second.as<std::string>();
    if (!labels_match) continue;
    ++matched;
    EXPECT_EQ(YAML::Dump(rf["spec"]["tolerations"]), YAML::Dump(tolerations))
        << "the flavor tolerates the pool's taints";
    for (const YAML::Node& r : f["resources"]) {
      const std::string name = r["name"].as<std::string>();
      const int64_t nominal = r["nominalQuota"].IsScalar() ? Milli(r["nominalQuota"]) : 0;
      EXPECT_LE(need[name], nominal) << name << " of every pod at once must fit the flavor's nominal quota";
    }
  }
  EXPECT_EQ(matched, 1) << "exactly one flavor of " << cluster_queue << " matches the job's node selector";
  EXPECT_EQ(cq["spec"]["cohortName"].as<std::string>(), "research");
}

TEST(QueuesTest, CohortsNeverPromiseMoreGpusThanPoolsHold) {
  Diagnostics diags;
  auto model = ResolveSpecText("eks-platform.toml", ReadFileOrDie(SourceDir() / "examples/eks-platform.toml"), diags);
  ASSERT_TRUE(model) << diags.ToString();
  ASSERT_GE(model->queues.size(), 2u);
  std::map<std::string, int64_t> per_pool;
  for (const auto& [name, q] : model->queues) {
    int64_t sum = 0;
    for (const FlavorQuota& f : QueueFlavorQuotas(*model, q)) {
      per_pool[f.pool->name] += f.gpus;
      sum += f.gpus;
    }
    EXPECT_EQ(sum, q.gpus) << name << ": every nominal GPU lands on a pool";
  }
  for (const auto& [pool, gpus] : per_pool) EXPECT_LE(gpus, PoolGpuCapacity(model->pools.at(pool))) << pool;
}

}  // namespace
}  // namespace mlspec
