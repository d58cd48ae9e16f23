// GKE: what mlspec knows about Google Kubernetes Engine — the labels and
// taints GKE puts on nodes, its node-pool name and label rules, which machine
// types carry or accept which GPUs, how GKE shares GPUs itself, and the
// Terraform of a node pool: one google_container_node_pool per pool, in an
// existing Standard cluster (var.project / var.location / var.cluster).
//
// Resource reference (google 6.x; checked against
// website/docs/r/container_node_pool.html.markdown and, for node_config,
// website/docs/r/container_cluster.html.markdown):
// https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool
// https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#nested_node_config
//   autoscaling { total_min_node_count total_max_node_count }: totals for the
//                  pool (GKE 1.24.1+), so regional clusters keep the spec's
//                  numbers; min_node_count / max_node_count would be per zone
//   initial_node_count  per zone, ForceNew: ignored after creation
//   node_config.machine_type, .spot, .labels (kubernetes.io/ and k8s.io/
//                  rejected), .taint { key value effect = NO_SCHEDULE | ... }
//   node_config.guest_accelerator { type count
//     gpu_driver_installation_config { gpu_driver_version =
//       "LATEST" | "DEFAULT" | "INSTALLATION_DISABLED" | ... }
//     gpu_sharing_config { gpu_sharing_strategy = "TIME_SHARING" | "MPS"
//                          max_shared_clients_per_gpu }
//     gpu_partition_size = "1g.5gb" ... (MIG) }   block syntax only since 6.0
#include <string>

#include "emit/terraform/module.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

using providers::Where;

constexpr char kResource[] = "google_container_node_pool";
constexpr char kDocUrl[] =
    "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool";
// The issue pins the 6.x line; 7.x (August 2025) changed nothing this module
// uses (website/docs/guides/version_7_upgrade.html.markdown).
constexpr char kProviderVersion[] = "~> 6.0";

// GPUs attach to N1 general-purpose machine types (any n1-standard-*,
// n1-highmem-*, n1-highcpu-*; not the shared-core f1-micro / g1-small):
// T4, V100, P4 and P100, 1, 2, 4 (V100 also 8) per VM, each count with a
// largest vCPU count. A2, A3 and G2 machine types carry fixed GPUs instead
// (the catalog's gpu_type / gpus). Google, "GPU machine types", N1 section:
// https://cloud.google.com/compute/docs/gpus
struct N1Gpu {
  std::string_view gpu_key;  // profiles/gpus.toml
  struct Count {
    int gpus;
    int max_vcpus;
  };
  std::vector<Count> counts;
};
const std::vector<N1Gpu>& N1Gpus() {
  static const std::vector<N1Gpu> kGpus = {
      {"t4", {{1, 48}, {2, 48}, {4, 96}}},
      {"v100-16gb", {{1, 12}, {2, 24}, {4, 48}, {8, 96}}},
      {"p4", {{1, 24}, {2, 48}, {4, 96}}},
      {"p100", {{1, 16}, {2, 32}, {4, 64}}},
  };
  return kGpus;
}

bool IsN1(std::string_view machine_type) { return machine_type.starts_with("n1-"); }

bool OperatorInstallsDriver(const Model& model) { return model.gpu_operator && model.gpu_operator->driver; }

void AddGuestAccelerator(const Model& model, const Pool& pool, hcl::Body& node_config) {
  hcl::Body& acc = node_config.AddBlock("guest_accelerator");
  acc.Set("type", hcl::Str(pool.gpu->gke_accelerator));
  acc.Set("count", hcl::Int(pool.gpus_per_node));
  if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig)
    acc.Set("gpu_partition_size", hcl::Str(pool.gpu_sharing->mig_profile));
  // GKE installs the driver unless the GPU operator does:
  // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#create-gpu-pool-auto-drivers
  acc.AddBlock("gpu_driver_installation_config")
      .Set("gpu_driver_version", hcl::Str(OperatorInstallsDriver(model) ? "INSTALLATION_DISABLED" : "LATEST"));
  if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing) {
    // https://cloud.google.com/kubernetes-engine/docs/how-to/timesharing-gpus
    hcl::Body& share = acc.AddBlock("gpu_sharing_config");
    share.Set("gpu_sharing_strategy", hcl::Str("TIME_SHARING"));
    share.Set("max_shared_clients_per_gpu", hcl::Int(pool.gpu_sharing->replicas));
  }
}

void AddPool(const Model& model, const Pool& pool, hcl::Body& file) {
  using namespace terraform;
  hcl::Body& r = file.AddBlock("resource", {kResource, ResourceName(pool)});
  r.Set("name", hcl::Str(pool.name));
  r.Set("project", hcl::Ref("var.project"));
  r.Set("location", hcl::Ref("var.location"));
  r.Set("cluster", hcl::Ref("var.cluster"));
  // Per zone: a regional cluster starts with min_nodes in each zone and the
  // autoscaler then settles within the totals below.
  r.Set("initial_node_count", hcl::Int(pool.min_nodes));

  hcl::Body& scaling = r.AddBlock("autoscaling");
  scaling.Set("total_min_node_count", hcl::Int(pool.min_nodes));
  scaling.Set("total_max_node_count", hcl::Int(pool.max_nodes));

  hcl::Body& nc = r.AddBlock("node_config");
  nc.Set("machine_type", hcl::Str(pool.instance_type));
  // https://cloud.google.com/kubernetes-engine/docs/how-to/spot-vms
  if (pool.spot) nc.Set("spot", hcl::Bool(true));
  nc.Set("service_account", hcl::Ref("var.service_account"));
  nc.Set("oauth_scopes", hcl::StrList({"https://www.googleapis.com/auth/cloud-platform"}));
  nc.Set("labels", LabelMap(pool.node_pool_labels));
  nc.Set("resource_labels", hcl::Ref("var.resource_labels"));
  // Every GPU pool: A2/A3/G2 machine types require the block naming their
  // own GPU, and N1 ones get their GPUs only from it. Validate made sure the
  // GPU has an accelerator name.
  if (pool.has_gpu() && pool.gpu) AddGuestAccelerator(model, pool, nc);
  for (const Taint& t : pool.node_pool_taints) {
    hcl::Body& b = nc.AddBlock("taint");
    b.Set("key", hcl::Str(t.key));
    b.Set("value", hcl::Str(t.value));  // required by the provider; "" for KEY:EFFECT
    b.Set("effect", hcl::Str(UpperSnakeEffect(t.effect)));
  }

  r.AddBlock("lifecycle").Set("ignore_changes", hcl::Value::List({hcl::Ref("initial_node_count")}));
}

class Gke final : public Provider {
 public:
  ProviderKind kind() const override { return ProviderKind::kGke; }
  std::string_view display_name() const override { return "GKE"; }
  std::optional<StarterSpec> starter() const override {
    StarterSpec s;
    s.region = "europe-west4";
    s.cpu_instance = "e2-standard-4";
    s.gpu_instance = "g2-standard-8";
    s.gpu_instance_note = "1 x L4 24GB, 8 vCPUs, 32 GiB";
    // CloudTaints above: GKE taints GPU nodes when a CPU pool exists.
    s.gpu_taint = false;
    s.gpu_taint_note =
        "GKE taints these nodes itself (nvidia.com/gpu=present:NoSchedule) and adds the toleration to\n"
        "pods that request GPUs, so the spec declares no taint";
    s.gpu_operator = false;
    s.gpu_operator_note =
        "GKE installs the NVIDIA driver and its own device plugin on GPU nodes, so no GPU operator is\n"
        "needed. Add a [gpu_operator] table (docs/spec.md) for what GKE lacks, e.g. DCGM metrics.";
    return s;
  }

  std::map<std::string, std::string> CloudLabels(const Pool& pool) const override {
    // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#multiple_gpus
    // https://cloud.google.com/kubernetes-engine/docs/how-to/spot-vms
    // https://cloud.google.com/kubernetes-engine/docs/how-to/timesharing-gpus
    // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus-multi (MIG)
    std::map<std::string, std::string> l;
    l["cloud.google.com/gke-nodepool"] = pool.name;
    if (pool.has_gpu() && pool.gpu && !pool.gpu->gke_accelerator.empty())
      l["cloud.google.com/gke-accelerator"] = pool.gpu->gke_accelerator;
    if (pool.spot) l["cloud.google.com/gke-spot"] = "true";
    if (pool.has_gpu() && pool.gpu_sharing) {
      if (pool.gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing) {
        l["cloud.google.com/gke-gpu-sharing-strategy"] = "time-sharing";
        l["cloud.google.com/gke-max-shared-clients-per-gpu"] = std::to_string(pool.gpu_sharing->replicas);
      } else {
        l["cloud.google.com/gke-gpu-partition-size"] = pool.gpu_sharing->mig_profile;
      }
    }
    return l;
  }
  std::vector<Taint> CloudTaints(const Pool& pool, bool has_cpu_pool) const override {
    // "When you add a GPU node pool to an existing cluster that already runs
    // a non-GPU node pool, GKE automatically taints the GPU nodes"
    // (nvidia.com/gpu=present:NoSchedule), and its ExtendedResourceToleration
    // admission adds the toleration to pods that request nvidia.com/gpu:
    // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#create
    // Without a CPU pool in the spec the model does not assume the taint.
    if (!pool.has_gpu() || !has_cpu_pool) return {};
    return {{"nvidia.com/gpu", "present", "NoSchedule", {}}};
  }
  bool IsReservedLabel(std::string_view key) const override {
    // GKE owns cloud.google.com/ on nodes, and node pools reject the
    // kubernetes.io/ and k8s.io/ prefixes:
    // https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels#requirements
    const std::string_view prefix = providers::LabelPrefix(key);
    return providers::IsOrUnder(prefix, "cloud.google.com") || IsKubernetesPrefix(prefix);
  }
  bool AddsGpuTolerationToPods() const override { return true; }

  void ValidatePool(const Spec&, const Pool& pool, Diagnostics& diags) const override {
    const std::string& n = pool.name;
    // https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters.nodePools
    if (n.size() > 40 || n[0] < 'a' || n[0] > 'z')
      diags.Error(pool.locs.table,
                  Where(pool) + ": GKE node pool names must be at most 40 characters and start with a letter");
    for (const auto& [key, value] : pool.labels) {
      if (IsKubernetesPrefix(providers::LabelPrefix(key)))
        diags.Error(
            pool.LabelLoc(key),
            Where(pool) + " label \"" + key +
                "\": GKE rejects node labels with the kubernetes.io/ and k8s.io/ prefixes; use your own prefix");
      else if (IsReservedLabel(key))
        diags.Error(pool.LabelLoc(key), Where(pool) + " label \"" + key +
                                            "\" uses a prefix that GKE reserves for its own node labels; Terraform "
                                            "cannot declare it, so use your own prefix");
    }
    if (pool.has_gpu() && pool.gpu && pool.gpu->gke_accelerator.empty())
      diags.Error(pool.locs.table, Where(pool) + " GPU type \"" + pool.gpu_type +
                                       "\" has no GKE accelerator type, so GKE cannot attach it; use a GPU GKE offers "
                                       "or set `gke_accelerator` in [gpu_types." +
                                       pool.gpu_type + "]");
  }

  std::vector<GpuMisfit> CheckGpuFit(const InstanceType& instance, const std::string& gpu_key, int gpus,
                                     bool gpu_type_set, bool gpus_set) const override {
    if (!instance.gpu_type.empty() || !IsN1(instance.name) || !gpu_type_set)
      return Provider::CheckGpuFit(instance, gpu_key, gpus, gpu_type_set, gpus_set);
    const std::string& name = instance.name;
    for (const N1Gpu& g : N1Gpus()) {
      if (g.gpu_key != gpu_key) continue;
      std::string counts;
      for (const N1Gpu::Count& c : g.counts) {
        if (c.gpus == gpus) {
          if (instance.vcpus <= c.max_vcpus) return {};
          return {GpuMisfit{gpus_set ? "gpus_per_node" : "instance_type",
                            "instance type \"" + name + "\" has " + std::to_string(instance.vcpus) +
                                " vCPUs; GKE attaches " + std::to_string(gpus) + " \"" + gpu_key +
                                "\" GPU(s) only to N1 machine types with at most " + std::to_string(c.max_vcpus) +
                                " vCPUs; use a smaller machine type or more GPUs"}};
        }
        counts += (counts.empty() ? "" : ", ") + std::to_string(c.gpus);
      }
      return {GpuMisfit{"gpus_per_node", "GKE attaches " + counts + " \"" + gpu_key +
                                             "\" GPU(s) to an N1 machine type, not " + std::to_string(gpus)}};
    }
    std::string keys;
    for (const N1Gpu& g : N1Gpus()) keys += (keys.empty() ? "\"" : ", \"") + std::string(g.gpu_key) + "\"";
    return {GpuMisfit{"gpu_type", "instance type \"" + name +
                                      "\" is an N1 machine type, which accepts only the GPU types " + keys +
                                      ", not \"" + gpu_key + "\""}};
  }

  // GKE shares and partitions GPUs itself, from the node pool's
  // gpu_sharing_config / gpu_partition_size, with its own device plugin; the
  // GPU operator's device plugin and MIG manager must stay off.
  bool DevicePluginShares() const override { return false; }
  bool MigManagerPartitions() const override { return false; }
  // NVIDIA, "GPU Operator with Google GKE", Using the Google driver installer
  // (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/google-gke.html):
  // driver and toolkit under /home/kubernetes/bin/nvidia, CDI on; the
  // operator's DaemonSets run as system-node-critical, which GKE admits
  // outside kube-system only under a ResourceQuota scoped to that class.
  std::string DriverInstallDir() const override { return "/home/kubernetes/bin/nvidia"; }
  bool NeedsCriticalPodsQuota() const override { return true; }

  std::string ScalingNote(const Pool& pool) const override {
    if (pool.min_nodes == pool.max_nodes) return "fixed at " + std::to_string(pool.min_nodes) + " node(s)";
    return "GKE's cluster autoscaler (`autoscaling`, " + std::to_string(pool.min_nodes) + "–" +
           std::to_string(pool.max_nodes) +
           " nodes in total) adds a node when a pod stays Pending for room; a new node serves pods once it has booted "
           "and joined" +
           (pool.has_gpu() ? std::string(" and GKE's driver installer and device plugin advertise nvidia.com/gpu")
                           : "") +
           " (minutes, not seconds)";
  }

  bool BuildTerraform(const Model& model, terraform::Module& m) const override {
    using namespace terraform;
    AddVersions(m.versions, "google", "hashicorp/google", kProviderVersion);
    AddVariable(m.variables, "project", "string", "ID of the Google Cloud project that holds the cluster.");
    AddVariable(m.variables, "location", "string", "Region or zone of the existing GKE cluster.");
    AddVariable(m.variables, "cluster", "string", "Name of the existing GKE Standard cluster the node pools join.");
    AddVariable(m.variables, "service_account", "string",
                "Email of the service account the nodes run as; null uses the Compute Engine default.", "null");
    AddVariable(m.variables, "resource_labels", "map(string)",
                "Google Cloud labels for every node's VM (not Kubernetes labels).", "{}");
    m.node_pools.Comment(std::string("One ") + kResource + " per pool of the spec:\n" + kDocUrl);
    for (const auto& [name, pool] : model.pools) AddPool(model, pool, m.node_pools);
    AddPoolOutput(m.outputs, model, "node_pool_ids", "ID of each node pool, by pool name.", kResource, "id");
    AddPoolOutput(m.outputs, model, "node_pool_names", "Name of each node pool in GKE, by pool name.", kResource,
                  "name");
    return true;
  }

 private:
  static bool IsKubernetesPrefix(std::string_view prefix) {
    return providers::IsOrUnder(prefix, "kubernetes.io") || providers::IsOrUnder(prefix, "k8s.io");
  }
};

}  // namespace

const Provider& GkeProvider() {
  static const Gke provider;
  return provider;
}

}  // namespace mlspec
