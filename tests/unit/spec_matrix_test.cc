// Every provider × GPU sharing (none, time-slicing, MIG) × capacity (spot,
// on-demand) × pool kind (GPU, CPU), compiled; for every pool the nodes'
// labels and taints (what Terraform declares plus what the cloud adds), the
// GPU operator's device-plugin and MIG ConfigMaps and Helm values, and every
// workload's nodeSelector and tolerations must agree.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "emit/emit.h"
#include "emit/names.h"
#include "pipeline/pipeline.h"
#include "providers/provider.h"
#include "test_util.h"

namespace mlspec {
namespace {

struct Cloud {
  const char* name;
  const char* region;        // "" for kubernetes
  const char* cpu_instance;  // "" : cpu/memory written instead
  const char* gpu_instance;  // a MIG-capable A100 size; "": gpu_type written
  const char* mig_profile;   // offered by that A100, and expressible on the cloud
  const char* tf_resource;   // "" : no Terraform
};
constexpr Cloud kClouds[] = {
    {"aks", "westeurope", "Standard_D4s_v5", "Standard_NC24ads_A100_v4", "1g.10gb",
     "azurerm_kubernetes_cluster_node_pool"},
    {"eks", "us-east-1", "m6i.2xlarge", "p4d.24xlarge", "1g.5gb", "aws_eks_node_group"},
    {"gke", "europe-west4", "e2-standard-4", "a2-highgpu-1g", "1g.5gb", "google_container_node_pool"},
    {"kubernetes", "", "", "", "1g.5gb", ""},
};
enum class Sharing { kNone, kTimeSlicing, kMig };

std::string PoolToml(const Cloud& c, const std::string& name, bool gpu, bool spot) {
  std::string t = "[pools." + name + "]\n";
  const char* instance = gpu ? c.gpu_instance : c.cpu_instance;
  if (*instance) t += "instance_type = \"" + std::string(instance) + "\"\n";
  else
    t +=
        std::string("cpu = \"16\"\nmemory = \"64Gi\"\n") + (gpu ? "gpu_type = \"a100-40gb\"\ngpus_per_node = 1\n" : "");
  t += "min_nodes = " + std::string(spot || gpu ? "0" : "1") + "\nmax_nodes = 2\n";
  if (spot) t += "spot = true\n";
  return t;
}

std::string SpecToml(const Cloud& c, Sharing sharing, bool spot, bool gpu) {
  std::string t = "[cluster]\nname = \"m\"\nprovider = \"" + std::string(c.name) + "\"\n";
  if (*c.region) t += "region = \"" + std::string(c.region) + "\"\n";
  t += "\n" + PoolToml(c, "sys", false, false) + "\n" + PoolToml(c, "x", gpu, spot);
  if (sharing == Sharing::kTimeSlicing) t += "gpu_sharing = { strategy = \"time-slicing\", replicas = 4 }\n";
  if (sharing == Sharing::kMig)
    t += "gpu_sharing = { strategy = \"mig\", profile = \"" + std::string(c.mig_profile) + "\" }\n";
  t += "\n[namespaces.ml]\n\n[profiles.p]\nimage = \"busybox:1\"\npool = \"x\"\ncpu = \"1\"\nmemory = \"1Gi\"\n";
  if (gpu) t += "gpu = 1\n";
  t += "\n[jupyterhub]\nnamespace = \"notebooks\"\nprofiles = [\"p\"]\n\n[gpu_operator]\n\n[preflight]\nimage = "
       "\"ghcr.io/example/preflight:1\"\n";
  return t;
}

// Whether the Helm values name a config for `component` (devicePlugin, migManager).
bool NamesConfig(const YAML::Node& values, const char* component) {
  const YAML::Node c = values[component];
  if (!c || !c.IsMap()) return false;
  const YAML::Node config = c["config"];
  return config && config.IsMap() && config["name"];
}

// ConfigMap `name`'s data keys in `files` (empty when not written).
std::map<std::string, std::string> ConfigMapData(const FileSet& files, const std::string& name) {
  std::map<std::string, std::string> out;
  for (const auto& [path, data] : files)
    if (path.ends_with(".yaml"))
      for (const YAML::Node& doc : YAML::LoadAll(data))
        if (doc["kind"] && doc["kind"].as<std::string>() == "ConfigMap" &&
            doc["metadata"]["name"].as<std::string>() == name)
          for (const auto& kv : doc["data"]) out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return out;
}

TEST(SpecMatrixTest, LabelsTaintsConfigMapsAndWorkloadsAgree) {
  int compiled = 0;
  for (const Cloud& c : kClouds)
    for (Sharing sharing : {Sharing::kNone, Sharing::kTimeSlicing, Sharing::kMig})
      for (bool spot : {false, true})
        for (bool gpu : {true, false}) {
          // Sharing on a CPU pool is invalid by design (validate rejects it:
          // tests/spec/bad/sharing-without-gpu).
          if (!gpu && sharing != Sharing::kNone) continue;
          const std::string toml = SpecToml(c, sharing, spot, gpu);
          SCOPED_TRACE(toml);
          Diagnostics diags;
          auto model = ResolveSpecText("matrix.toml", toml, diags);
          ASSERT_TRUE(model) << diags.ToString();
          FileSet files;
          EmitAll(*model, files);
          ASSERT_FALSE(diags.has_errors()) << diags.ToString();
          ++compiled;

          // Workloads select and tolerate what the nodes carry.
          std::vector<std::string> used;
          for (const std::string& p : testing::PlacementProblems(*model, files, &used)) ADD_FAILURE() << p;
          EXPECT_NE(std::find(used.begin(), used.end(), "x"), used.end()) << "nothing targets pool x";

          // Terraform declares exactly the node-pool labels.
          const Pool& pool = model->pools.at("x");
          if (*c.tf_resource) {
            std::string block = testing::ResourceBlock(files["terraform/node_pools.tf"], c.tf_resource, "x");
            ASSERT_FALSE(block.empty());
            EXPECT_EQ(testing::DeclaredLabels(block), pool.node_pool_labels);
            for (const Taint& t : pool.node_pool_taints)
              EXPECT_NE(block.find(t.key), std::string::npos) << t.ToString();
            if (sharing == Sharing::kMig && c.name == std::string_view("aks"))
              EXPECT_NE(block.find("gpu_instance"), std::string::npos) << "AKS MIG pools partition via gpu_instance";
          }

          // EKS: every pool of a cluster whose pools scale carries the
          // cluster-autoscaler's node-template tags on its Auto Scaling
          // group: each label and taint its nodes get, and the GPUs they
          // advertise, so that a group at zero nodes can be scaled up.
          if (c.tf_resource == std::string_view("aws_eks_node_group")) {
            const std::string& tf = files["terraform/node_pools.tf"];
            for (const auto& [pool_name, p] : model->pools) {
              SCOPED_TRACE(pool_name);
              const std::string block =
                  testing::ResourceBlock(tf, "aws_autoscaling_group_tag", pool_name + "_template");
              ASSERT_FALSE(block.empty()) << tf;
              EXPECT_NE(block.find("aws_eks_node_group." + pool_name + ".resources[0].autoscaling_groups[0].name"),
                        std::string::npos)
                  << block;
              const std::string prefix = "k8s.io/cluster-autoscaler/node-template/";
              std::map<std::string, std::string> want;
              for (const auto& [k, v] : testing::NodeLabels(*model, p))
                if (p.node_pool_labels.count(k) || ProviderFor(model->cluster.provider).CloudLabels(p).count(k))
                  want[prefix + "label/" + k] = v;
              for (const Taint& t : p.effective_taints) want[prefix + "taint/" + t.key] = t.value + ":" + t.effect;
              if (p.has_gpu()) {
                // p4d.24xlarge: 8 A100s, each 4 time-sliced replicas or 7 1g.5gb slices.
                const int advertised = 8 * (sharing == Sharing::kTimeSlicing ? 4 : sharing == Sharing::kMig ? 7 : 1);
                want[prefix + "resources/nvidia.com/gpu"] = std::to_string(advertised);
              }
              EXPECT_EQ(testing::DeclaredMap(block, "for_each"), want);
            }
          }

          // Device plugin and MIG manager: label ↔ ConfigMap entry ↔ Helm values.
          const auto labels = testing::NodeLabels(*model, pool);
          const auto plugin = ConfigMapData(files, kDevicePluginConfigMap);
          const auto mig = ConfigMapData(files, kMigConfigMap);
          const YAML::Node values = YAML::Load(files["helm/gpu-operator.values.yaml"]);
          auto label = [&](const char* k) {
            auto it = labels.find(k);
            return it == labels.end() ? std::string() : it->second;
          };
          const std::string plugin_key = label("nvidia.com/device-plugin.config");
          const std::string mig_key = label("nvidia.com/mig.config");
          if (!plugin_key.empty()) EXPECT_TRUE(plugin.count(plugin_key)) << "no device-plugin config " << plugin_key;
          if (!mig_key.empty()) {
            ASSERT_TRUE(mig.count(kMigConfigKey));
            EXPECT_NE(mig.at(kMigConfigKey).find("  " + mig_key + ":\n"), std::string::npos);
          }
          const bool plugin_named = NamesConfig(values, "devicePlugin");
          const bool mig_named = NamesConfig(values, "migManager");
          EXPECT_EQ(plugin_named, !plugin.empty()) << "Helm names a device-plugin ConfigMap iff one is written";
          EXPECT_EQ(mig_named, !mig.empty()) << "Helm names a MIG ConfigMap iff one is written";
          if (mig_named) EXPECT_TRUE(values["migManager"]["enabled"].as<bool>());
          if (sharing != Sharing::kNone) {
            // Shared either by the operator (label + config) or by the node pool (operator's plugin off).
            const bool by_operator = !plugin_key.empty();
            EXPECT_EQ(values["devicePlugin"]["enabled"].as<bool>(), by_operator);
            if (sharing == Sharing::kMig && by_operator)
              EXPECT_EQ(!mig_key.empty(), values["migManager"]["enabled"].as<bool>())
                  << "the MIG manager runs iff a node selects a MIG config";
          }
        }
  EXPECT_EQ(compiled, 4 * (3 * 2 + 2));  // 4 clouds × (3 sharings × 2 capacities on GPU + 2 on CPU)
}

}  // namespace
}  // namespace mlspec
