// AKS: what mlspec knows about Azure Kubernetes Service — the labels and
// taints AKS puts on nodes, its node-pool name and label rules, MIG through
// the node pool's gpu_instance, and the Terraform of a node pool: one
// azurerm_kubernetes_cluster_node_pool per pool, in an existing cluster
// (var.cluster_id).
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
#include <algorithm>
#include <string>

#include "emit/terraform/module.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

using providers::Where;

constexpr char kResource[] = "azurerm_kubernetes_cluster_node_pool";
constexpr char kDocUrl[] =
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool";
// 4.40 is the first release with `gpu_driver`; 5.x is out but the issue
// pins the 4.x line (docs/terraform.md says how to move).
constexpr char kProviderVersion[] = "~> 4.40";

constexpr char kSpotKey[] = "kubernetes.azure.com/scalesetpriority";

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

bool OffersProfile(const GpuType& gpu, const std::string& profile) {
  return std::find(gpu.mig_profiles.begin(), gpu.mig_profiles.end(), profile) != gpu.mig_profiles.end();
}

bool IsMig(const Pool& pool) {
  return pool.has_gpu() && pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig;
}

// Terraform rotates a pool through a temporary pool of this name when a
// ForceNew attribute such as vm_size changes (azurerm 4.16.0+); AKS pool
// names are at most 12 characters.
std::string RotationName(const Pool& pool) { return pool.name.substr(0, 9) + "tmp"; }

bool OperatorInstallsDriver(const Model& model) { return model.gpu_operator && model.gpu_operator->driver; }

void AddPool(const Model& model, const Pool& pool, hcl::Body& file) {
  using namespace terraform;
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("name", hcl::Str(pool.name));
  r.Set("kubernetes_cluster_id", hcl::Ref("var.cluster_id"));
  r.Set("vm_size", hcl::Str(pool.instance_type));
  r.Set("mode", hcl::Str(pool.system ? "System" : "User"));
  r.Set("temporary_name_for_rotation", hcl::Str(RotationName(pool)));
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
    r.Set("gpu_driver", hcl::Str(OperatorInstallsDriver(model) ? "None" : "Install"));
    // Validate rejected every profile AksGpuInstance cannot express.
    if (IsMig(pool)) r.Set("gpu_instance", hcl::Str(AksGpuInstance(pool, pool.gpu_sharing->mig_profile)));
  }
  r.Set("node_labels", LabelMap(pool.node_pool_labels));
  std::vector<std::string> taints;
  for (const Taint& t : pool.node_pool_taints) taints.push_back(t.ToString());
  if (!taints.empty()) r.Set("node_taints", hcl::StrList(taints));
  r.Set("tags", hcl::Ref("var.tags"));
}

class Aks final : public Provider {
 public:
  ProviderKind kind() const override { return ProviderKind::kAks; }
  std::string_view display_name() const override { return "AKS"; }
  std::optional<StarterSpec> starter() const override {
    StarterSpec s;
    s.region = "westeurope";
    s.cpu_instance = "Standard_D4s_v5";
    s.gpu_instance = "Standard_NC24ads_A100_v4";
    s.gpu_instance_note = "1 x A100 80GB, 24 vCPUs, 220 GiB";
    s.system_pool = true;  // https://learn.microsoft.com/azure/aks/use-system-pools
    s.gpu_taint_note = "AKS does not taint GPU nodes itself";
    // https://learn.microsoft.com/azure/aks/gpu-cluster: AKS installs the
    // driver, but the device plugin is the user's to deploy.
    s.gpu_operator_note =
        "AKS can install the NVIDIA driver but no device plugin, so nothing would advertise nvidia.com/gpu\n"
        "without the GPU operator. With driver = true (the default) the operator installs the driver\n"
        "and mlspec tells AKS not to (gpu_driver = \"None\" in terraform/).";
    return s;
  }

  std::map<std::string, std::string> CloudLabels(const Pool& pool) const override {
    // AKS labels every node with its pool name and, for GPU sizes, the
    // accelerator; spot nodes get scalesetpriority=spot:
    // https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels
    // https://learn.microsoft.com/azure/aks/spot-node-pool
    std::map<std::string, std::string> l;
    l["kubernetes.azure.com/agentpool"] = pool.name;
    if (pool.has_gpu()) l["kubernetes.azure.com/accelerator"] = "nvidia";
    if (pool.spot) l[kSpotKey] = "spot";
    return l;
  }
  std::vector<Taint> CloudTaints(const Pool& pool, bool) const override { return DeclaredCloudTaints(pool); }
  // The azurerm docs ask spot pools to declare the label and taint AKS adds
  // (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#priority),
  // else every plan shows drift.
  std::map<std::string, std::string> DeclaredCloudLabels(const Pool& pool) const override {
    if (!pool.spot) return {};
    return {{kSpotKey, "spot"}};
  }
  std::vector<Taint> DeclaredCloudTaints(const Pool& pool) const override {
    if (!pool.spot) return {};
    return {{kSpotKey, "spot", "NoSchedule", {}}};
  }
  bool IsReservedLabel(std::string_view key) const override {
    // AKS reserves kubernetes.azure.com/ for its system labels
    // (https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels),
    // except the spot label that spot pools declare (above).
    return providers::IsOrUnder(providers::LabelPrefix(key), "kubernetes.azure.com") && key != kSpotKey;
  }

  void ValidatePool(const Spec& spec, const Pool& pool, Diagnostics& diags) const override {
    const std::string& n = pool.name;
    // https://learn.microsoft.com/azure/aks/create-node-pools#limitations
    bool ok = n.size() <= 12 && !n.empty() && n[0] >= 'a' && n[0] <= 'z' && n.find('-') == std::string::npos;
    if (!ok)
      diags.Error(
          pool.locs.table,
          Where(pool) +
              ": AKS node pool names must be 1-12 lowercase letters and digits, starting with a letter (no '-')");
    if (spec.pools.count(RotationName(pool)))
      diags.Error(pool.locs.table, Where(pool) + " Terraform rotates this AKS pool through a temporary pool named \"" +
                                       RotationName(pool) +
                                       "\", which is already a pool of the spec; rename one of them");
    for (const auto& [key, value] : pool.labels)
      if (IsReservedLabel(key))
        diags.Error(pool.LabelLoc(key), Where(pool) + " label \"" + key +
                                            "\" uses a prefix that AKS reserves for its own node labels; Terraform "
                                            "cannot declare it, so use your own prefix");
    // (A profile the GPU does not offer at all is reported by Validate.)
    if (IsMig(pool) && pool.gpu && OffersProfile(*pool.gpu, pool.gpu_sharing->mig_profile) &&
        AksGpuInstance(pool, pool.gpu_sharing->mig_profile).empty())
      diags.Error(pool.gpu_sharing->locs.At("profile"),
                  Where(pool) + " AKS cannot create MIG profile \"" + pool.gpu_sharing->mig_profile +
                      "\": its gpu_instance names only the compute slices (MIG1g, MIG2g, MIG3g, MIG4g, MIG7g), "
                      "each with the smallest memory size the GPU offers for it");
  }

  // AKS partitions a MIG pool's GPUs when it creates the node, from the
  // pool's gpu_instance, and the profile cannot change after creation
  // (https://learn.microsoft.com/azure/aks/gpu-multi-instance). The GPU
  // operator's MIG manager must not run there: it labels MIG-capable nodes
  // nvidia.com/mig.config=all-disabled by default and would undo it. The
  // device plugin still advertises the slices (migStrategy single, selected
  // by the node's nvidia.com/device-plugin.config label).
  bool MigManagerPartitions() const override { return false; }

  std::string ScalingNote(const Pool& pool) const override {
    if (pool.min_nodes == pool.max_nodes) return "fixed at " + std::to_string(pool.min_nodes) + " node(s)";
    return "AKS's cluster autoscaler (`auto_scaling_enabled`, " + std::to_string(pool.min_nodes) + "–" +
           std::to_string(pool.max_nodes) +
           " nodes) adds a node when a pod stays Pending for room; a new node serves pods once the VM has booted and "
           "joined" +
           (pool.has_gpu() ? std::string(" and the GPU operator's device plugin advertises nvidia.com/gpu") : "") +
           " (minutes, not seconds)";
  }

  bool BuildTerraform(const Model& model, terraform::Module& m) const override {
    using namespace terraform;
    AddVersions(m.versions, "azurerm", "hashicorp/azurerm", kProviderVersion);
    AddVariable(m.variables, "cluster_id", "string",
                "ID of the existing AKS cluster the node pools join (azurerm_kubernetes_cluster.<name>.id).");
    AddVariable(m.variables, "tags", "map(string)", "Azure tags for every node pool.", "{}");
    m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
    for (const auto& [name, pool] : model.pools) AddPool(model, pool, m.node_pools);
    AddPoolOutput(m.outputs, model, "node_pool_ids", "Azure resource ID of each node pool, by pool name.", kResource,
                  "id");
    AddPoolOutput(m.outputs, model, "node_pool_names", "Name of each node pool in AKS, by pool name.", kResource,
                  "name");
    return true;
  }
};

}  // namespace

const Provider& AksProvider() {
  static const Aks provider;
  return provider;
}

}  // namespace mlspec
