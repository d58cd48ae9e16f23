// The component table (emit/components.h) is what ArgoCD syncs and what the
// README lists; the emitters write the files. These tests hold the two to
// each other: every manifests folder, Helm values file and the Terraform
// module in the tree is a component, and every component is in the tree.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "base/diagnostics.h"
#include "emit/components.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"
#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;
using testing::ReadFileOrDie;
using testing::SourceDir;

struct Case {
  std::string name;
  std::string toml;
};

// Specs that exercise the folder rules beyond the examples: a namespace that
// shares its folder name with the GPU operator's configs, implicit component
// namespaces, plain Kubernetes (no Terraform), no GitOps.
const char kEdgeSpec[] = R"(
[cluster]
name = "edge"
provider = "kubernetes"

[pools.cpu]
cpu = "8"
memory = "32Gi"
min_nodes = 1
max_nodes = 2

[pools.gpu]
cpu = "16"
memory = "64Gi"
gpu_type = "a100-80gb"
gpus_per_node = 2
min_nodes = 0
max_nodes = 2
gpu_sharing = { strategy = "time-slicing", replicas = 2 }

[namespaces.gpu-operator]
isolation = false
quota = { pods = 200 }

[namespaces.quiet]
isolation = false

[gpu_operator]
namespace = "gpu-operator"

[mlflow]
namespace = "mlflow"
backend_store_secret = "mlflow-db"
artifact_root = "s3://bucket/mlflow"
)";

std::vector<Case> Cases() {
  std::vector<Case> out;
  for (const auto& e : fs::directory_iterator(SourceDir() / "examples"))
    if (e.path().extension() == ".toml") out.push_back({e.path().filename().string(), ReadFileOrDie(e.path())});
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  out.push_back({"edge.toml", kEdgeSpec});
  return out;
}

// "manifests/NAME/" folders, "helm/RELEASE" values files and "terraform" as
// found in a tree.
std::set<std::string> TreeParts(const FileSet& files) {
  std::set<std::string> parts;
  for (const auto& [path, _] : files) {
    if (path.starts_with("manifests/")) parts.insert(path.substr(0, path.rfind('/') + 1));
    else if (path.starts_with("helm/")) parts.insert("helm/" + path.substr(5, path.find(".values.yaml") - 5));
    else if (path.starts_with("terraform/")) parts.insert("terraform");
  }
  return parts;
}

std::set<std::string> ComponentParts(const std::vector<Component>& components) {
  std::set<std::string> parts;
  for (const Component& c : components) {
    switch (c.kind) {
      case Component::Kind::kTerraform:
        parts.insert("terraform");
        break;
      case Component::Kind::kManifests:
        parts.insert("manifests/" + c.id + "/");
        break;
      case Component::Kind::kHelmRelease:
        if (c.values_file) parts.insert("helm/" + c.id);
        break;
    }
  }
  return parts;
}

TEST(ComponentsTest, TableMatchesTheTreeTheEmittersWrite) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Diagnostics diags;
    auto spec = ResolveSpecText(c.name, c.toml, diags);
    ASSERT_TRUE(spec) << diags.ToString();
    FileSet files;
    EmitAll(*spec, files);
    ASSERT_FALSE(diags.has_errors()) << diags.ToString();
    const std::vector<Component> components = Components(*spec);
    EXPECT_EQ(TreeParts(files), ComponentParts(components));
    // Sorted by kind then id, each once.
    for (size_t i = 1; i < components.size(); ++i) {
      const Component& p = components[i - 1];
      const Component& n = components[i];
      EXPECT_TRUE(p.kind < n.kind || (p.kind == n.kind && p.id < n.id)) << p.id << " before " << n.id;
    }
    // With GitOps, one Application per component that ArgoCD syncs, plus root.
    if (spec->gitops) {
      std::set<std::string> apps, expected{"argocd/root.yaml"};
      for (const auto& [path, _] : files)
        if (path.starts_with("argocd/")) apps.insert(path);
      for (const Component& comp : components)
        if (comp.kind != Component::Kind::kTerraform) expected.insert("argocd/" + comp.AppName() + ".yaml");
      EXPECT_EQ(apps, expected);
    }
  }
}

TEST(ComponentsTest, EdgeSpecHasTheFoldersItShould) {
  Diagnostics diags;
  auto spec = ResolveSpecText("edge.toml", kEdgeSpec, diags);
  ASSERT_TRUE(spec) << diags.ToString();
  std::set<std::string> ids;
  for (const Component& c : Components(*spec)) ids.insert(c.id);
  // No Terraform on plain Kubernetes; `quiet` has nothing to put in a folder;
  // `gpu-operator` is one folder for the namespace and the operator's configs.
  EXPECT_EQ(ids, (std::set<std::string>{"cluster", "gpu-operator", "mlflow"}));
}

TEST(ComponentsTest, WavesOrderDependencies) {
  Diagnostics diags;
  auto spec = ResolveSpecText("aks-platform.toml", ReadFileOrDie(SourceDir() / "examples/aks-platform.toml"), diags);
  ASSERT_TRUE(spec) << diags.ToString();
  const std::vector<Component> components = Components(*spec);
  int cluster_wave = 0, operator_wave = 0, preflight_wave = 0;
  for (const Component& c : components) {
    if (c.kind == Component::Kind::kManifests && c.id == "cluster") cluster_wave = c.sync_wave;
    if (c.kind == Component::Kind::kHelmRelease && c.id == "gpu-operator") operator_wave = c.sync_wave;
    if (c.kind == Component::Kind::kManifests && c.id == "preflight") preflight_wave = c.sync_wave;
  }
  // Namespaces before the operator, the operator before preflight.
  EXPECT_LT(cluster_wave, operator_wave);
  EXPECT_LT(operator_wave, preflight_wave);
}

}  // namespace
}  // namespace mlspec
