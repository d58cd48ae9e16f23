// AKS: one azurerm_kubernetes_cluster_node_pool per pool, in an existing
// cluster (var.cluster_id).
//
// Resource reference (azurerm 4.x; checked against
// website/docs/r/kubernetes_cluster_node_pool.html.markdown and
// internal/services/containers/kubernetes_cluster_node_pool_resource.go):
// https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool
//   auto_scaling_enabled  (renamed from enable_auto_scaling in 4.0)
//   min_count / max_count 0..1000; node_count left out: it defaults to
//                         min_count and is then the autoscaler's
//   mode                  "System" | "User"
//   priority              "Regular" | "Spot"; eviction_policy "Delete" |
//                         "Deallocate"; spot_max_price -1 (on-demand price
//                         cap) or a positive price
//   node_labels (map), node_taints (list of "key=value:Effect")
//   gpu_instance          "MIG1g" | "MIG2g" | "MIG3g" | "MIG4g" | "MIG7g"
//   gpu_driver            "Install" | "None" — added in azurerm 4.40.0
//                         (CHANGELOG-v4.md, #29954), hence the pin below
//   temporary_name_for_rotation  a valid pool name; lets vm_size and
//                         friends change by cycling the pool (4.16.0)
#include <string>

#include "emit/terraform/module.h"
#include "emit/terraform/pool_labels.h"

namespace mlspec::terraform {
namespace {

constexpr char kResource[] = "azurerm_kubernetes_cluster_node_pool";
constexpr char kDocUrl[] =
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool";
// 4.40 is the first release with `gpu_driver`; 5.x is out but the issue
// pins the 4.x line (docs/terraform.md says how to move).
constexpr char kProviderVersion[] = "~> 4.40";

// AKS names the MIG profile by its compute slices only ("MIG1g"); the memory
// follows from the GPU (https://learn.microsoft.com/azure/aks/gpu-multi-instance).
// Returns "" when `profile` cannot be expressed that way: a malformed
// profile, or one that is not the smallest-memory profile with its slice
// count on this GPU (e.g. "1g.20gb" on an A100 80GB, where MIG1g is 1g.10gb).
std::string AksGpuInstance(const Pool& pool, const std::string& profile) {
  if (profile.size() < 3 || profile[1] != 'g' || profile[2] != '.') return "";
  const char slices = profile[0];
  if (slices != '1' && slices != '2' && slices != '3' && slices != '4' && slices != '7') return "";
  // The catalog lists each GPU's profiles smallest memory first.
  if (pool.gpu)
    for (const std::string& p : pool.gpu->mig_profiles)
      if (p.size() > 2 && p[0] == slices && p[1] == 'g') {
        if (p != profile) return "";
        break;
      }
  return std::string("MIG") + slices + "g";
}

void AddPool(const Spec& spec, const Pool& pool, hcl::Body& file, Diagnostics& diags) {
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("name", hcl::Str(pool.name));
  r.Set("kubernetes_cluster_id", hcl::Ref("var.cluster_id"));
  r.Set("vm_size", hcl::Str(pool.instance_type));
  r.Set("mode", hcl::Str(pool.system ? "System" : "User"));
  // AKS pool names are at most 12 characters (Validate checks the pool's).
  r.Set("temporary_name_for_rotation", hcl::Str(pool.name.substr(0, 9) + "tmp"));
  if (spec.pools.count(pool.name.substr(0, 9) + "tmp"))
    diags.Error(pool.locs.table, "[pools." + pool.name + "] Terraform rotates this AKS pool through a temporary pool named \"" +
                                     pool.name.substr(0, 9) + "tmp\", which is already a pool of the spec; rename one of them");
  r.Set("auto_scaling_enabled", hcl::Bool(true));
  r.Set("min_count", hcl::Int(pool.min_nodes));
  r.Set("max_count", hcl::Int(pool.max_nodes));
  if (pool.spot) {
    // https://learn.microsoft.com/azure/aks/spot-node-pool
    r.Set("priority", hcl::Str("Spot"));
    r.Set("eviction_policy", hcl::Str("Delete"));
    r.Set("spot_max_price", hcl::Number(pool.spot_max_price.value_or(-1)));
  }
  if (pool.has_gpu()) {
    // AKS-installed drivers and the GPU operator's are mutually exclusive:
    // https://learn.microsoft.com/azure/aks/gpu-cluster#skip-gpu-driver-installation
    r.Set("gpu_driver", hcl::Str(OperatorInstallsDriver(spec) ? "None" : "Install"));
    if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig) {
      std::string instance = AksGpuInstance(pool, pool.gpu_sharing->mig_profile);
      if (instance.empty())
        diags.Error(pool.gpu_sharing->locs.At("profile"),
                    "[pools." + pool.name + "] AKS cannot create MIG profile \"" + pool.gpu_sharing->mig_profile +
                        "\": its gpu_instance names only the compute slices (MIG1g, MIG2g, MIG3g, MIG4g, MIG7g), "
                        "each with the smallest memory size the GPU offers for it");
      else
        r.Set("gpu_instance", hcl::Str(instance));
    }
  }
  r.Set("node_labels", LabelMap(TerraformLabels(spec, pool)));
  std::vector<std::string> taints;
  for (const Taint& t : TerraformTaints(spec, pool)) taints.push_back(t.ToString());
  if (!taints.empty()) r.Set("node_taints", hcl::StrList(taints));
  r.Set("tags", hcl::Ref("var.tags"));
}

}  // namespace

void BuildAks(const Spec& spec, Module& m, Diagnostics& diags) {
  AddVersions(m.versions, "azurerm", "hashicorp/azurerm", kProviderVersion);

  AddVariable(m.variables, "cluster_id", "string",
              "ID of the existing AKS cluster the node pools join (azurerm_kubernetes_cluster.<name>.id).");
  AddVariable(m.variables, "tags", "map(string)", "Azure tags for every node pool.", "{}");

  m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
  for (const auto& [name, pool] : spec.pools) AddPool(spec, pool, m.node_pools, diags);

  AddPoolOutput(m.outputs, spec, "node_pool_ids", "Azure resource ID of each node pool, by pool name.", kResource, "id");
  AddPoolOutput(m.outputs, spec, "node_pool_names", "Name of each node pool in AKS, by pool name.", kResource, "name");
}

}  // namespace mlspec::terraform
