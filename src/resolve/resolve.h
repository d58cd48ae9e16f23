// Stage 3: Spec → Model. Applies the catalog's and the provider's defaults
// and gives every pool the labels and taints its nodes really carry — the
// spec's own plus those the cloud and the platform add. This is the only
// place effective labels and taints are computed. Resolve never fails;
// Validate runs it too and reports what the result cannot be built from.
#ifndef MLSPEC_RESOLVE_RESOLVE_H_
#define MLSPEC_RESOLVE_RESOLVE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/model.h"
#include "spec/spec.h"

namespace mlspec {

// The label every pool's nodes carry so that workloads can select the pool
// on any provider (Terraform sets it; on provider = "kubernetes" the nodes
// must be labelled by whoever creates them).
inline constexpr char kPoolLabel[] = "mlspec.io/pool";

// A pool's GPU and capacity after catalog defaults; fields Validate needs too.
struct ResolvedPool {
  const InstanceType* instance = nullptr;  // null when not in the catalog
  std::string gpu_type;
  int gpus_per_node = 0;
  const GpuType* gpu = nullptr;      // null when unknown or no GPUs
  std::optional<Quantity> node_cpu;  // what one node offers to pods
  std::optional<Quantity> node_memory;
};

ResolvedPool ResolvePool(const Spec& spec, const PoolSpec& pool, const Catalog& catalog);

// Allocatable CPU and memory of a node with `vcpus` and `memory`, after the
// kubelet and system reservations and the eviction threshold.
Quantity AllocatableCpu(int vcpus);
Quantity AllocatableMemory(const Quantity& memory);

// Labels mlspec itself puts on a resolved pool's nodes: mlspec.io/pool and,
// where the GPU operator's device plugin (and MIG manager) share the GPUs,
// the labels that select the pool's sharing config.
std::map<std::string, std::string> PlatformLabels(ProviderKind provider, const Pool& pool);

// MIG slices one GPU yields for a profile such as "1g.10gb" (7 / compute
// slices), or 0 when the profile is malformed.
int MigSlicesPerGpu(std::string_view profile);

Model Resolve(const Spec& spec, const Catalog& catalog);

}  // namespace mlspec

#endif  // MLSPEC_RESOLVE_RESOLVE_H_
