// Placement helpers shared by placement_test and spec_matrix_test (test_util.h).
#include <yaml-cpp/yaml.h>

#include "test_util.h"

#include "providers/provider.h"
#include "resolve/resolve.h"

namespace mlspec::testing {
namespace {

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

}  // namespace

std::map<std::string, std::string> NodeLabels(const Model& model, const Pool& pool) {
  std::map<std::string, std::string> l = pool.node_pool_labels;
  for (const auto& [k, v] : ProviderFor(model.cluster.provider).CloudLabels(pool)) l[k] = v;
  return l;
}

std::vector<Taint> NodeTaints(const Model& model, const Pool& pool) {
  bool has_cpu_pool = false;
  for (const auto& [name, p] : model.pools) has_cpu_pool |= !p.has_gpu();
  std::vector<Taint> t = pool.node_pool_taints;
  for (const Taint& x : ProviderFor(model.cluster.provider).CloudTaints(pool, has_cpu_pool)) t.push_back(x);
  return t;
}

std::vector<std::string> PlacementProblems(const Model& model, const FileSet& files,
                                           std::vector<std::string>* pools_used) {
  std::vector<std::string> problems;
  std::vector<PodRef> pods;
  for (const auto& [path, data] : files)
    if (path.ends_with(".yaml"))
      for (const YAML::Node& doc : YAML::LoadAll(data)) FindPods(doc, path, pods);
  for (const PodRef& pod : pods) {
    std::string pool_name = pod.selector[kPoolLabel].as<std::string>();
    auto it = model.pools.find(pool_name);
    if (it == model.pools.end()) {
      problems.push_back(pod.file + " selects unknown pool " + pool_name);
      continue;
    }
    if (pools_used) pools_used->push_back(pool_name);
    const auto labels = NodeLabels(model, it->second);
    for (const auto& kv : pod.selector) {
      std::string k = kv.first.as<std::string>(), v = kv.second.as<std::string>();
      auto label = labels.find(k);
      if (label == labels.end() || label->second != v)
        problems.push_back(pod.file + ": selects " + k + "=" + v + " but nodes of pool " + pool_name +
                           " do not carry it");
    }
    for (const Taint& t : NodeTaints(model, it->second))
      if (!Tolerates(pod.tolerations, t))
        problems.push_back(pod.file + ": a pod on pool " + pool_name + " does not tolerate " + t.ToString());
  }
  return problems;
}

std::string ResourceBlock(const std::string& tf, const std::string& type, const std::string& name) {
  const std::string open = "resource \"" + type + "\" \"" + name + "\" {\n";
  size_t start = tf.find(open);
  if (start == std::string::npos) return "";
  size_t end = tf.find("\n}\n", start);
  return tf.substr(start, end == std::string::npos ? std::string::npos : end + 3 - start);
}

std::map<std::string, std::string> DeclaredLabels(const std::string& block) { return DeclaredMap(block, "labels"); }

std::map<std::string, std::string> DeclaredMap(const std::string& block, const std::string& attribute) {
  // Every line `"key" = "value"` of the block's map attribute.
  std::map<std::string, std::string> got;
  size_t open = block.find(attribute + " = {\n");
  if (open == std::string::npos) return got;
  size_t close = block.find("}\n", open);
  std::string body = block.substr(open, close - open);
  for (size_t q = body.find("\n"); q != std::string::npos && q + 1 < body.size(); q = body.find('\n', q + 1)) {
    size_t k1 = body.find('"', q), k2 = body.find('"', k1 + 1);
    size_t v1 = body.find('"', k2 + 1), v2 = body.find('"', v1 + 1);
    if (k1 == std::string::npos || v2 == std::string::npos) break;
    got[body.substr(k1 + 1, k2 - k1 - 1)] = body.substr(v1 + 1, v2 - v1 - 1);
  }
  return got;
}

}  // namespace mlspec::testing
