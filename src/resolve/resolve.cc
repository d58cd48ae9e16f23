#include "resolve/resolve.h"

#include <algorithm>

namespace mlspec {
namespace {

constexpr int64_t kMi = 1LL << 20;
constexpr int64_t kGi = 1LL << 30;

std::string MigConfigName(const std::string& profile) { return "all-" + profile; }

}  // namespace

std::string GpuSharing::ConfigName() const {
  if (strategy == Strategy::kMig) return MigConfigName(mig_profile);
  return "time-slicing-" + std::to_string(replicas);
}

int MigSlicesPerGpu(std::string_view profile) {
  // "<N>g.<mem>": N compute slices of the 7 a MIG-capable GPU has
  // (https://docs.nvidia.com/datacenter/tesla/mig-user-guide/#supported-mig-profiles).
  if (profile.size() < 3 || profile[0] < '1' || profile[0] > '7' || profile[1] != 'g') return 0;
  return 7 / (profile[0] - '0');
}

int Pool::schedulable_gpus_per_node() const {
  if (!gpu_sharing) return gpus_per_node;
  if (gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing)
    return gpus_per_node * gpu_sharing->replicas;
  return gpus_per_node * MigSlicesPerGpu(gpu_sharing->mig_profile);
}

// Reservations as GKE documents them, used here as the estimate for every
// provider (AKS's and EKS's are of the same order):
// https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations
// CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25%
// of every core above four.
Quantity AllocatableCpu(int vcpus) {
  int64_t milli = static_cast<int64_t>(vcpus) * 1000;
  int64_t reserved = 60;                                        // 6% of core 1
  if (vcpus > 1) reserved += 10;                                // 1% of core 2
  reserved += std::clamp<int64_t>(vcpus - 2, 0, 2) * 5;         // 0.5% of cores 3-4
  // 0.25% of each core above four, in milli-cores, rounded up.
  reserved += (std::max<int64_t>(vcpus - 4, 0) * 25 + 9) / 10;
  return Quantity::FromMilli(milli - reserved);
}

// Memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6%
// of the next 112, 2% above 128 GiB, plus the 100 MiB eviction threshold.
Quantity AllocatableMemory(const Quantity& memory) {
  const int64_t bytes = memory.Value();
  struct Band { int64_t upto; int percent; };
  static constexpr Band kBands[] = {{4 * kGi, 25}, {8 * kGi, 20}, {16 * kGi, 10}, {128 * kGi, 6}, {INT64_MAX, 2}};
  int64_t reserved = 0, lower = 0;
  for (const Band& b : kBands) {
    if (bytes <= lower) break;
    int64_t in_band = std::min(bytes, b.upto) - lower;
    reserved += in_band / 100 * b.percent;
    lower = b.upto;
  }
  reserved += 100 * kMi;
  int64_t mib = std::max<int64_t>((bytes - reserved) / kMi, 0);
  return Quantity::FromUnits(mib * kMi, Quantity::Format::kBinarySI);
}

ResolvedPool ResolvePool(const Spec& spec, const Pool& pool, const Catalog& catalog) {
  ResolvedPool r;
  r.instance = pool.instance_type.empty() ? nullptr : catalog.FindInstance(pool.instance_type);
  r.gpu_type = pool.gpu_type;
  if (r.gpu_type.empty() && r.instance) r.gpu_type = r.instance->gpu_type;
  if (pool.gpus_per_node_set) r.gpus_per_node = *pool.gpus_per_node_set;
  else if (r.instance) r.gpus_per_node = r.instance->gpus;
  else if (!r.gpu_type.empty()) r.gpus_per_node = 1;
  if (!r.gpu_type.empty()) {
    auto user = spec.gpu_types.find(r.gpu_type);  // [gpu_types.*] overrides the catalog
    r.gpu = user != spec.gpu_types.end() ? &user->second : catalog.FindGpu(r.gpu_type);
  }
  if (pool.cpu) r.node_cpu = pool.cpu;
  else if (r.instance) r.node_cpu = AllocatableCpu(r.instance->vcpus);
  if (pool.memory) r.node_memory = pool.memory;
  else if (r.instance) r.node_memory = AllocatableMemory(r.instance->memory);
  return r;
}

std::map<std::string, std::string> PlatformLabels(const Spec& spec, const Pool& pool,
                                                  const ResolvedPool& resolved) {
  std::map<std::string, std::string> l;
  l[kPoolLabel] = pool.name;
  const bool gpu = resolved.gpus_per_node > 0;
  switch (spec.cluster.provider) {
    case Provider::kAks:
      // AKS labels every node with its pool name and, for GPU sizes, the
      // accelerator; spot nodes get scalesetpriority=spot:
      // https://learn.microsoft.com/azure/aks/use-labels#reserved-system-labels
      // https://learn.microsoft.com/azure/aks/spot-node-pool
      l["kubernetes.azure.com/agentpool"] = pool.name;
      if (gpu) l["kubernetes.azure.com/accelerator"] = "nvidia";
      if (pool.spot) l["kubernetes.azure.com/scalesetpriority"] = "spot";
      break;
    case Provider::kEks:
      // Managed node groups label nodes with their group and capacity type:
      // https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html
      l["eks.amazonaws.com/nodegroup"] = pool.name;
      l["eks.amazonaws.com/capacityType"] = pool.spot ? "SPOT" : "ON_DEMAND";
      break;
    case Provider::kGke:
      // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#multiple_gpus
      // https://cloud.google.com/kubernetes-engine/docs/how-to/spot-vms
      // https://cloud.google.com/kubernetes-engine/docs/how-to/timesharing-gpus
      l["cloud.google.com/gke-nodepool"] = pool.name;
      if (gpu && resolved.gpu && !resolved.gpu->gke_accelerator.empty())
        l["cloud.google.com/gke-accelerator"] = resolved.gpu->gke_accelerator;
      if (pool.spot) l["cloud.google.com/gke-spot"] = "true";
      if (gpu && pool.gpu_sharing) {
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
  // Elsewhere sharing goes through the GPU operator's device plugin, which
  // picks its config per node from these labels:
  // https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html
  // https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html
  // On AKS the node pool partitions its GPUs itself (gpu_instance), so the
  // MIG manager must not act on those nodes: no mig.config label there.
  if (gpu && pool.gpu_sharing && spec.cluster.provider != Provider::kGke) {
    l["nvidia.com/device-plugin.config"] = pool.gpu_sharing->ConfigName();
    if (pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig && spec.cluster.provider != Provider::kAks)
      l["nvidia.com/mig.config"] = pool.gpu_sharing->ConfigName();
  }
  return l;
}

std::vector<Taint> PlatformTaints(const Spec& spec, const Pool& pool, const ResolvedPool& resolved) {
  std::vector<Taint> t;
  if (spec.cluster.provider == Provider::kAks && pool.spot)
    t.push_back({"kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule", {}});
  // GKE taints GPU nodes itself (and its ExtendedResourceToleration admission
  // adds the toleration to pods that request nvidia.com/gpu):
  // https://cloud.google.com/kubernetes-engine/docs/how-to/gpus#create-gpu-pool-auto-drivers
  if (spec.cluster.provider == Provider::kGke && resolved.gpus_per_node > 0)
    t.push_back({"nvidia.com/gpu", "present", "NoSchedule", {}});
  return t;
}

Spec Normalize(const Spec& in, const Catalog& catalog) {
  Spec spec = in;
  for (auto& [name, pool] : spec.pools) {
    ResolvedPool r = ResolvePool(in, in.pools.at(name), catalog);
    pool.gpu_type = r.gpu_type;
    pool.gpus_per_node = r.gpus_per_node;
    if (r.gpu) pool.gpu = *r.gpu;
    pool.node_cpu = r.node_cpu.value_or(Quantity{});
    pool.node_memory = r.node_memory.value_or(Quantity{});
    pool.effective_labels.clear();
    pool.effective_labels.insert(pool.labels.begin(), pool.labels.end());
    for (auto& [k, v] : PlatformLabels(in, pool, r)) pool.effective_labels[k] = v;
    pool.effective_taints = pool.taints;
    for (const Taint& t : PlatformTaints(in, pool, r))
      if (std::find(pool.effective_taints.begin(), pool.effective_taints.end(), t) == pool.effective_taints.end())
        pool.effective_taints.push_back(t);
  }
  // Every namespace a component uses exists, declared or not.
  auto ensure = [&](const std::string& ns) {
    if (ns.empty() || spec.namespaces.count(ns)) return;
    Namespace n;
    n.name = ns;
    n.declared = false;
    n.isolation = false;
    spec.namespaces.emplace(ns, std::move(n));
  };
  if (spec.jupyterhub) ensure(spec.jupyterhub->namespace_name);
  if (spec.mlflow) ensure(spec.mlflow->namespace_name);
  if (spec.gpu_operator) ensure(spec.gpu_operator->namespace_name);
  if (spec.preflight) ensure(spec.preflight->namespace_name);
  for (const auto& [name, inf] : spec.inference) ensure(inf.namespace_name);
  return spec;
}

}  // namespace mlspec
