#include "resolve/resolve.h"

#include <algorithm>

#include "model/platform.h"
#include "providers/provider.h"

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

std::map<std::string, std::string> WellKnownNodeLabels(const PoolSpec& pool) {
  // The kubelet and the cloud's node controller label every node with its OS
  // and instance type, in the GA and the legacy beta forms (k8s.io/api/core/v1
  // well_known_labels.go; kubelet_node_status.go initialNode).
  std::map<std::string, std::string> out = {{"kubernetes.io/os", "linux"}, {"beta.kubernetes.io/os", "linux"}};
  if (!pool.instance_type.empty()) {
    out.emplace("node.kubernetes.io/instance-type", pool.instance_type);
    out.emplace("beta.kubernetes.io/instance-type", pool.instance_type);
  }
  return out;
}

int Pool::schedulable_gpus_per_node() const {
  if (!gpu_sharing) return gpus_per_node;
  if (gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing) return gpus_per_node * gpu_sharing->replicas;
  return gpus_per_node * MigSlicesPerGpu(gpu_sharing->mig_profile);
}

// Reservations as GKE documents them, used here as the estimate for every
// provider (AKS's and EKS's are of the same order):
// https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations
// CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25%
// of every core above four.
Quantity AllocatableCpu(int vcpus) {
  int64_t milli = static_cast<int64_t>(vcpus) * 1000;
  int64_t reserved = 60;                                 // 6% of core 1
  if (vcpus > 1) reserved += 10;                         // 1% of core 2
  reserved += std::clamp<int64_t>(vcpus - 2, 0, 2) * 5;  // 0.5% of cores 3-4
  // 0.25% of each core above four, in milli-cores, rounded up.
  reserved += (std::max<int64_t>(vcpus - 4, 0) * 25 + 9) / 10;
  return Quantity::FromMilli(milli - reserved);
}

// Memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6%
// of the next 112, 2% above 128 GiB, plus the 100 MiB eviction threshold.
Quantity AllocatableMemory(const Quantity& memory) {
  const int64_t bytes = memory.Value();
  struct Band {
    int64_t upto;
    int percent;
  };
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

ResolvedPool ResolvePool(const Spec& spec, const PoolSpec& pool, const Catalog& catalog) {
  ResolvedPool r;
  r.instance = pool.instance_type.empty() ? nullptr : catalog.FindInstance(pool.instance_type);
  r.gpu_type = pool.gpu_type;
  if (r.gpu_type.empty() && r.instance) r.gpu_type = r.instance->gpu_type;
  if (pool.gpus_per_node_set) r.gpus_per_node = *pool.gpus_per_node_set;
  else if (r.instance && r.instance->gpus > 0) r.gpus_per_node = r.instance->gpus;
  // A GPU named for an instance that carries none (GKE's N1 machine types,
  // or a size outside the catalog) is one per node unless the spec says more.
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

std::map<std::string, std::string> PlatformLabels(ProviderKind kind, const Pool& pool) {
  const Provider& provider = ProviderFor(kind);
  std::map<std::string, std::string> l;
  l[kPoolLabel] = pool.name;
  // Where the GPU operator shares GPUs, its device plugin and MIG manager
  // pick their config per node from these labels; the ConfigMap entries carry
  // the same GpuSharing::ConfigName():
  // https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html
  // https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html
  if (pool.has_gpu() && pool.gpu_sharing && provider.DevicePluginShares()) {
    l["nvidia.com/device-plugin.config"] = pool.gpu_sharing->ConfigName();
    if (pool.gpu_sharing->strategy == GpuSharing::Strategy::kMig && provider.MigManagerPartitions())
      l["nvidia.com/mig.config"] = pool.gpu_sharing->ConfigName();
  }
  return l;
}

namespace {

void AddTaint(std::vector<Taint>& taints, const Taint& t) {
  if (std::find(taints.begin(), taints.end(), t) == taints.end()) taints.push_back(t);
}

}  // namespace

Model Resolve(const Spec& spec, const Catalog& catalog) {
  const Provider& provider = ProviderFor(spec.cluster.provider);
  Model model;
  model.path = spec.path;
  model.source_sha256 = spec.source_sha256;
  model.cluster = spec.cluster;
  model.gpu_types = spec.gpu_types;
  bool has_cpu_pool = false;
  for (const auto& [name, in] : spec.pools) {
    ResolvedPool r = ResolvePool(spec, in, catalog);
    Pool pool;
    static_cast<PoolSpec&>(pool) = in;
    pool.gpu_type = r.gpu_type;
    pool.gpus_per_node = r.gpus_per_node;
    if (r.gpu) pool.gpu = *r.gpu;
    pool.node_cpu = r.node_cpu.value_or(Quantity{});
    pool.node_memory = r.node_memory.value_or(Quantity{});
    if (!pool.has_gpu()) has_cpu_pool = true;
    model.pools.emplace(name, std::move(pool));
  }
  for (auto& [name, pool] : model.pools) {
    pool.node_pool_labels = pool.labels;
    for (auto& [k, v] : PlatformLabels(spec.cluster.provider, pool)) pool.node_pool_labels[k] = v;
    for (auto& [k, v] : provider.DeclaredCloudLabels(pool)) pool.node_pool_labels[k] = v;
    pool.effective_labels.clear();
    pool.effective_labels.insert(pool.node_pool_labels.begin(), pool.node_pool_labels.end());
    for (auto& [k, v] : provider.CloudLabels(pool)) pool.effective_labels[k] = v;
    for (auto& [k, v] : WellKnownNodeLabels(pool)) pool.effective_labels.emplace(k, v);
    pool.node_pool_taints.clear();
    for (const Taint& t : pool.taints) AddTaint(pool.node_pool_taints, t);
    for (const Taint& t : provider.DeclaredCloudTaints(pool)) AddTaint(pool.node_pool_taints, t);
    pool.effective_taints = pool.node_pool_taints;
    for (const Taint& t : provider.CloudTaints(pool, has_cpu_pool)) AddTaint(pool.effective_taints, t);
  }
  for (const auto& [name, ns] : spec.namespaces) {
    Namespace n;
    static_cast<NamespaceSpec&>(n) = ns;
    model.namespaces.emplace(name, std::move(n));
  }
  static_cast<AsWritten&>(model) = spec;
  if (spec.gpu_operator) {
    const GpuOperatorSpec& in = *spec.gpu_operator;
    GpuOperator op;
    op.locs = in.locs;
    op.namespace_name = in.namespace_name;
    op.chart_version = in.chart_version;
    // Where the node image ships the driver / toolkit, the operator's are off.
    op.driver = in.driver.value_or(!provider.ImageHasDriver());
    op.toolkit = in.toolkit.value_or(!provider.ImageHasToolkit());
    op.dcgm_exporter = in.dcgm_exporter;
    // The DCGM ServiceMonitor is a Prometheus Operator kind: on by default
    // only where the tree installs the operator or the cluster provides it.
    // (model.platform and model.monitoring are already copied above.)
    const bool has_prometheus_operator =
        IsProvided(model, Prerequisite::kPrometheusOperator) || Installs(model, Prerequisite::kPrometheusOperator);
    op.service_monitor = in.service_monitor.value_or(in.dcgm_exporter && has_prometheus_operator);
    model.gpu_operator = op;
  }
  // Every namespace a component uses exists, declared or not.
  auto ensure = [&](const std::string& ns) {
    // kube-system is every cluster's own; the tree never creates or labels it.
    if (ns.empty() || ns == "kube-system" || model.namespaces.count(ns)) return;
    Namespace n;
    n.name = ns;
    n.declared = false;
    n.isolation = false;
    model.namespaces.emplace(ns, std::move(n));
  };
  if (model.jupyterhub) ensure(model.jupyterhub->namespace_name);
  if (model.mlflow) ensure(model.mlflow->namespace_name);
  if (model.gpu_operator) ensure(model.gpu_operator->namespace_name);
  if (model.preflight) ensure(model.preflight->namespace_name);
  for (const auto& [name, inf] : model.inference) ensure(inf.namespace_name);
  if (HasGpuMonitoring(model)) ensure(model.monitoring->namespace_name);  // the GPU alerts and dashboard
  // And the namespaces of the platform components the tree installs.
  for (std::string_view id : PrerequisiteIds()) {
    const Prerequisite p = *ParsePrerequisite(id);
    if (Installs(model, p)) ensure(InstallNamespace(model, p));
  }
  return model;
}

}  // namespace mlspec
