// The promise of compile, checked end to end: every pod mlspec emits that
// selects a pool (manifests, InferenceServices, preflight Jobs, JupyterHub
// profiles, MLflow, hub and proxy) selects only labels that the pool's nodes
// really carry and tolerates every taint they really carry — where "really"
// means what Terraform declares plus what the cloud adds by itself, computed
// independently of the model the workload emitters read.
#include <filesystem>
#include <set>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "emit/emit.h"
#include "emit/terraform/pool_labels.h"
#include "resolve/resolve.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;

struct PodRef {
  std::string file;
  YAML::Node selector;
  YAML::Node tolerations;
};

// Every map holding a node selector (Kubernetes `nodeSelector`, KubeSpawner
// `node_selector`) naming an mlspec pool.
void FindPods(const YAML::Node& n, const std::string& file, std::vector<PodRef>& out) {
  if (n.IsMap()) {
    for (const char* key : {"nodeSelector", "node_selector"}) {
      YAML::Node sel = n[key];
      if (sel && sel.IsMap() && sel[kPoolLabel]) out.push_back({file, sel, n["tolerations"]});
    }
    for (const auto& kv : n) FindPods(kv.second, file, out);
  } else if (n.IsSequence()) {
    for (const auto& e : n) FindPods(e, file, out);
  }
}

bool Tolerates(const YAML::Node& tolerations, const Taint& t) {
  if (!tolerations || !tolerations.IsSequence()) return false;
  for (const auto& tol : tolerations) {
    std::string key = tol["key"] ? tol["key"].as<std::string>() : "";
    std::string op = tol["operator"] ? tol["operator"].as<std::string>() : "Equal";
    std::string effect = tol["effect"] ? tol["effect"].as<std::string>() : "";
    if (!effect.empty() && effect != t.effect) continue;
    if (op == "Exists" && (key.empty() || key == t.key)) return true;
    std::string value = tol["value"] ? tol["value"].as<std::string>() : "";
    if (op == "Equal" && key == t.key && value == t.value) return true;
  }
  return false;
}

TEST(PlacementTest, EveryWorkloadSelectsAndToleratesWhatItsPoolsNodesCarry) {
  for (const auto& e : fs::directory_iterator(testing::SourceDir() / "examples")) {
    std::string rel = "examples/" + e.path().filename().string();
    SCOPED_TRACE(rel);
    Diagnostics diags;
    auto spec = NormalizeSpecText(rel, testing::ReadFileOrDie(e.path()), diags);
    ASSERT_TRUE(spec) << diags.ToString();
    FileSet files;
    EmitAll(*spec, files, diags);
    ASSERT_FALSE(diags.has_errors());

    std::vector<PodRef> pods;
    for (const auto& [path, data] : files)
      if (path.ends_with(".yaml"))
        for (const YAML::Node& doc : YAML::LoadAll(data)) FindPods(doc, path, pods);
    ASSERT_GE(pods.size(), 3u);

    std::set<std::string> pools_used;
    for (const PodRef& pod : pods) {
      std::string pool_name = pod.selector[kPoolLabel].as<std::string>();
      auto it = spec->pools.find(pool_name);
      ASSERT_NE(it, spec->pools.end()) << pod.file << " selects unknown pool " << pool_name;
      const Pool& pool = it->second;
      pools_used.insert(pool_name);
      auto node_labels = TerraformLabels(*spec, pool);
      for (const auto& [k, v] : CloudAddedLabels(*spec, pool)) node_labels[k] = v;
      std::vector<Taint> node_taints = TerraformTaints(*spec, pool);
      for (const Taint& t : CloudAddedTaints(*spec, pool)) node_taints.push_back(t);
      for (const auto& kv : pod.selector) {
        std::string k = kv.first.as<std::string>(), v = kv.second.as<std::string>();
        auto label = node_labels.find(k);
        EXPECT_TRUE(label != node_labels.end() && label->second == v)
            << pod.file << ": selects " << k << "=" << v << " but nodes of pool " << pool_name << " do not carry it";
      }
      for (const Taint& t : node_taints)
        EXPECT_TRUE(Tolerates(pod.tolerations, t))
            << pod.file << ": a pod on pool " << pool_name << " does not tolerate " << t.ToString();
    }
    // Every GPU pool has at least its preflight Job on it.
    for (const auto& [name, pool] : spec->pools)
      if (pool.has_gpu() && spec->preflight) EXPECT_TRUE(pools_used.count(name)) << "nothing targets GPU pool " << name;
  }
}

}  // namespace
}  // namespace mlspec
