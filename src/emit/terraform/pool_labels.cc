#include "emit/terraform/pool_labels.h"

#include <algorithm>

#include "resolve/resolve.h"

namespace mlspec {
namespace {

constexpr char kAksSpotKey[] = "kubernetes.azure.com/scalesetpriority";

// The DNS prefix of a label key ("a.b/c" -> "a.b"), empty when it has none.
std::string_view Prefix(std::string_view key) {
  size_t slash = key.find('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

bool IsOrUnder(std::string_view prefix, std::string_view domain) {
  return prefix == domain ||
         (prefix.size() > domain.size() && prefix.ends_with(domain) && prefix[prefix.size() - domain.size() - 1] == '.');
}

void AddTaint(std::vector<Taint>& taints, Taint t) {
  if (std::find(taints.begin(), taints.end(), t) == taints.end()) taints.push_back(std::move(t));
}

}  // namespace

bool IsCloudReservedLabel(Provider provider, std::string_view key) {
  const std::string_view prefix = Prefix(key);
  switch (provider) {
    case Provider::kGke:
      // GKE owns cloud.google.com/ on nodes, and node pools reject the
      // kubernetes.io/ and k8s.io/ prefixes:
      // https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels#requirements
      // https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#labels
      return IsOrUnder(prefix, "cloud.google.com") || IsOrUnder(prefix, "kubernetes.io") ||
             IsOrUnder(prefix, "k8s.io");
    case Provider::kEks:
      // Managed node groups own eks.amazonaws.com/ (nodegroup, capacityType, ...):
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
      return IsOrUnder(prefix, "eks.amazonaws.com");
    case Provider::kAks:
      // AKS reserves kubernetes.azure.com/ for its system labels
      // (https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels),
      // except the spot label that the azurerm docs ask spot pools to declare
      // (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster_node_pool#priority).
      return IsOrUnder(prefix, "kubernetes.azure.com") && key != kAksSpotKey;
    case Provider::kKubernetes:
      return false;
  }
  return false;
}

std::map<std::string, std::string> TerraformLabels(const Spec& spec, const Pool& pool) {
  const Provider provider = spec.cluster.provider;
  std::map<std::string, std::string> l;
  for (const auto& [k, v] : pool.labels)
    if (!IsCloudReservedLabel(provider, k)) l[k] = v;
  l[kPoolLabel] = pool.name;
  // On AKS and EKS, GPU sharing goes through the GPU operator's device
  // plugin and MIG manager, which pick their config per node from these
  // labels; the ConfigMap entries carry the same GpuSharing::ConfigName().
  // GKE shares GPUs itself (gpu_sharing_config / gpu_partition_size).
  if (pool.has_gpu() && pool.gpu_sharing && (provider == Provider::kAks || provider == Provider::kEks)) {
    l["nvidia.com/device-plugin.config"] = pool.gpu_sharing->ConfigName();
    if (pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig)
      l["nvidia.com/mig.config"] = pool.gpu_sharing->ConfigName();
  }
  if (provider == Provider::kAks && pool.spot) l[kAksSpotKey] = "spot";
  return l;
}

std::vector<Taint> TerraformTaints(const Spec& spec, const Pool& pool) {
  std::vector<Taint> t;
  for (const Taint& x : pool.taints) AddTaint(t, x);
  // https://learn.microsoft.com/azure/aks/spot-node-pool
  if (spec.cluster.provider == Provider::kAks && pool.spot) AddTaint(t, {kAksSpotKey, "spot", "NoSchedule", {}});
  return t;
}

std::map<std::string, std::string> CloudAddedLabels(const Spec& spec, const Pool& pool) {
  std::map<std::string, std::string> l;
  switch (spec.cluster.provider) {
    case Provider::kAks:
      // https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels
      // https://learn.microsoft.com/azure/aks/spot-node-pool
      l["kubernetes.azure.com/agentpool"] = pool.name;
      if (pool.has_gpu()) l["kubernetes.azure.com/accelerator"] = "nvidia";
      if (pool.spot) l[kAksSpotKey] = "spot";
      break;
    case Provider::kEks:
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
      l["eks.amazonaws.com/nodegroup"] = pool.name;
      l["eks.amazonaws.com/capacityType"] = pool.spot ? "SPOT" : "ON_DEMAND";
      break;
    case Provider::kGke:
      // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus
      // https://cloud.google.com/kubernetes-engine/docs/how-to/spot-vms
      // https://cloud.google.com/kubernetes-engine/docs/how-to/timesharing-gpus
      // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus-multi (MIG)
      l["cloud.google.com/gke-nodepool"] = pool.name;
      if (pool.spot) l["cloud.google.com/gke-spot"] = "true";
      if (pool.has_gpu() && pool.gpu && !pool.gpu->gke_accelerator.empty())
        l["cloud.google.com/gke-accelerator"] = pool.gpu->gke_accelerator;
      if (pool.has_gpu() && pool.gpu_sharing) {
        if (pool.gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing) {
          l["cloud.google.com/gke-gpu-sharing-strategy"] = "time-sharing";
          l["cloud.google.com/gke-max-shared-clients-per-gpu"] = std::to_string(pool.gpu_sharing->replicas);
        } else {
          l["cloud.google.com/gke-gpu-partition-size"] = pool.gpu_sharing->mig_profile;
        }
      }
      break;
    case Provider::kKubernetes:
      break;
  }
  return l;
}

std::vector<Taint> CloudAddedTaints(const Spec& spec, const Pool& pool) {
  std::vector<Taint> t;
  // https://learn.microsoft.com/azure/aks/spot-node-pool
  if (spec.cluster.provider == Provider::kAks && pool.spot) t.push_back({kAksSpotKey, "spot", "NoSchedule", {}});
  // GKE taints GPU nodes itself; its ExtendedResourceToleration admission
  // adds the toleration to pods that request nvidia.com/gpu:
  // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#limitations
  if (spec.cluster.provider == Provider::kGke && pool.has_gpu()) t.push_back({"nvidia.com/gpu", "present", "NoSchedule", {}});
  return t;
}

}  // namespace mlspec
