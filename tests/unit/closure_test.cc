// The install closure, judged on the written tree rather than on the model:
// every object in manifests/ lives in a namespace the tree creates in an
// earlier sync wave (or a namespace every cluster has), and every kind it
// uses is either built into Kubernetes or comes from a component that the
// tree installs in an earlier wave or that the spec declares provided. The
// map from API group to component is kept here, independent of the code
// under test; a group it does not know fails the test.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "base/diagnostics.h"
#include "emit/components.h"
#include "emit/emit.h"
#include "model/platform.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;

// API groups every conformant cluster serves.
const std::set<std::string> kBuiltinGroups = {"",
                                              "apps",
                                              "batch",
                                              "policy",
                                              "autoscaling",
                                              "rbac.authorization.k8s.io",
                                              "networking.k8s.io",
                                              "scheduling.k8s.io",
                                              "storage.k8s.io"};

// API group -> the component (a Helm release id, or a [platform] provided id)
// that brings its CRDs.
const std::map<std::string, std::string> kGroupComponent = {
    {"serving.kserve.io", "kserve"},
    {"keda.sh", "keda"},
    {"monitoring.coreos.com", "prometheus-operator"},
    {"cert-manager.io", "cert-manager"},
    {"kubeflow.org", "training-operator"},
    {"gateway.networking.k8s.io", "gateway-api"},
    {"kueue.x-k8s.io", "kueue"},
};

// Helm release ids that bring a component's CRDs.
const std::map<std::string, std::string> kReleaseComponent = {
    {"kserve-crd", "kserve"},         {"keda", "keda"},   {"kube-prometheus-stack", "prometheus-operator"},
    {"cert-manager", "cert-manager"}, {"kueue", "kueue"},
};

struct Tree {
  Model model;
  FileSet files;
  std::vector<Component> components;
};

std::optional<Tree> Compile(const std::string& path, const std::string& toml) {
  Diagnostics diags;
  auto model = ResolveSpecText(path, toml, diags);
  EXPECT_TRUE(model) << diags.ToString();
  if (!model) return std::nullopt;
  Tree t{*model, {}, Components(*model)};
  EmitAll(*model, t.files);
  return t;
}

// Every problem with the tree's closure, one line each.
std::vector<std::string> ClosureProblems(const Tree& t) {
  std::vector<std::string> problems;
  std::set<std::string> provided;
  if (t.model.platform) provided.insert(t.model.platform->provided.begin(), t.model.platform->provided.end());

  // Namespaces the tree creates, and in which wave.
  std::map<std::string, int> namespace_wave;
  std::map<std::string, int> folder_wave;
  std::map<std::string, int> component_wave;  // by provided-id of what a release brings
  for (const Component& c : t.components) {
    if (c.kind == Component::Kind::kManifests) folder_wave[c.id] = c.sync_wave;
    if (c.kind == Component::Kind::kHelmRelease) {
      auto it = kReleaseComponent.find(c.id);
      if (it != kReleaseComponent.end()) component_wave[it->second] = c.sync_wave;
    }
  }
  for (const auto& [path, data] : t.files) {
    if (!path.starts_with("manifests/cluster/")) continue;
    for (const YAML::Node& doc : YAML::LoadAll(data))
      if (doc && doc["kind"] && doc["kind"].as<std::string>() == "Namespace")
        namespace_wave[doc["metadata"]["name"].as<std::string>()] = folder_wave.at("cluster");
  }
  auto namespace_ok = [&](const std::string& ns, int wave, const std::string& who) {
    if (ns == "default" || ns == "kube-system") return;
    auto it = namespace_wave.find(ns);
    if (it == namespace_wave.end()) problems.push_back(who + ": namespace " + ns + " is never created");
    else if (it->second >= wave)
      problems.push_back(who + ": namespace " + ns + " is created in wave " + std::to_string(it->second) +
                         ", not before wave " + std::to_string(wave));
  };
  for (const Component& c : t.components)
    if (c.kind == Component::Kind::kHelmRelease) namespace_ok(c.namespace_name, c.sync_wave, "release " + c.id);

  for (const auto& [path, data] : t.files) {
    if (!path.starts_with("manifests/")) continue;
    // manifests/FOLDER/... where FOLDER may be NS/jobs/NAME: the longest folder that is a component.
    std::string folder;
    for (const auto& [f, wave] : folder_wave)
      if (path.starts_with("manifests/" + f + "/") && f.size() > folder.size()) folder = f;
    if (folder.empty()) {
      problems.push_back(path + ": in no component's folder");
      continue;
    }
    const int wave = folder_wave.at(folder);
    for (const YAML::Node& doc : YAML::LoadAll(data)) {
      if (!doc || !doc["kind"]) continue;
      const std::string kind = doc["kind"].as<std::string>();
      const std::string api = doc["apiVersion"].as<std::string>();
      const std::string group = api.find('/') == std::string::npos ? "" : api.substr(0, api.find('/'));
      const std::string who = path + ": " + kind;
      if (doc["metadata"]["namespace"]) namespace_ok(doc["metadata"]["namespace"].as<std::string>(), wave, who);
      if (kBuiltinGroups.count(group)) continue;
      auto comp = kGroupComponent.find(group);
      if (comp == kGroupComponent.end()) {
        problems.push_back(who + ": API group " + group + " is not mapped to a component in this test");
        continue;
      }
      if (provided.count(comp->second)) continue;
      auto installed = component_wave.find(comp->second);
      if (installed == component_wave.end())
        problems.push_back(who + ": needs " + comp->second + ", which the tree neither installs nor declares provided");
      else if (installed->second >= wave)
        problems.push_back(who + ": needs " + comp->second + ", installed in wave " +
                           std::to_string(installed->second) + ", not before wave " + std::to_string(wave));
    }
  }
  return problems;
}

std::string Lines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

TEST(ClosureTest, EveryExampleTreeIsClosed) {
  int examples = 0;
  for (const auto& e : fs::directory_iterator(testing::SourceDir() / "examples")) {
    if (e.path().extension() != ".toml") continue;
    SCOPED_TRACE(e.path().filename().string());
    ++examples;
    auto tree = Compile(e.path().string(), testing::ReadFileOrDie(e.path()));
    ASSERT_TRUE(tree);
    EXPECT_EQ(Lines(ClosureProblems(*tree)), "");
  }
  EXPECT_GE(examples, 4);
}

// The check above can fail: the same trees with one piece taken away.
TEST(ClosureTest, DroppingANamespaceOrAComponentIsFound) {
  const fs::path spec = testing::SourceDir() / "examples/eks-platform.toml";
  auto tree = Compile(spec.string(), testing::ReadFileOrDie(spec));
  ASSERT_TRUE(tree);
  ASSERT_EQ(Lines(ClosureProblems(*tree)), "");

  Tree no_keda = *tree;
  std::erase_if(no_keda.components, [](const Component& c) { return c.id == "keda"; });
  EXPECT_NE(Lines(ClosureProblems(no_keda)).find("ScaledObject: needs keda"), std::string::npos)
      << Lines(ClosureProblems(no_keda));

  Tree no_kserve_ns = *tree;
  std::string& cluster = no_kserve_ns.files.at("manifests/cluster/namespaces.yaml");
  const size_t at = cluster.find("  name: kserve\n");
  ASSERT_NE(at, std::string::npos) << cluster;
  cluster.replace(at, 15, "  name: kserve-renamed\n");
  EXPECT_NE(Lines(ClosureProblems(no_kserve_ns)).find("release kserve: namespace kserve is never created"),
            std::string::npos)
      << Lines(ClosureProblems(no_kserve_ns));
}

// What the closure check in validate knows, it reports at the spec line.
TEST(ClosureTest, NeedsNameTheSpecLine) {
  const fs::path spec = testing::SourceDir() / "examples/ml-workloads.toml";
  auto tree = Compile(spec.string(), testing::ReadFileOrDie(spec));
  ASSERT_TRUE(tree);
  bool training = false;
  for (const Need& n : Needs(tree->model)) {
    EXPECT_GT(n.loc.line, 0) << n.who;
    training = training || n.what == Prerequisite::kTrainingOperator;
  }
  EXPECT_TRUE(training);
}

}  // namespace
}  // namespace mlspec
