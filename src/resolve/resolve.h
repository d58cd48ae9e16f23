// Stage 3: resolves catalog defaults and gives every pool the labels and
// taints its nodes really carry — the spec's own plus those the cloud and the
// platform add. Normalize requires a spec that passed Validate.
#ifndef MLSPEC_SPEC_NORMALIZE_H_
#define MLSPEC_SPEC_NORMALIZE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/model.h"

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
  const GpuType* gpu = nullptr;            // null when unknown or no GPUs
  std::optional<Quantity> node_cpu;        // what one node offers to pods
  std::optional<Quantity> node_memory;
};

ResolvedPool ResolvePool(const Spec& spec, const Pool& pool, const Catalog& catalog);

// Allocatable CPU and memory of a node with `vcpus` and `memory`, after the
// kubelet and system reservations and the eviction threshold.
Quantity AllocatableCpu(int vcpus);
Quantity AllocatableMemory(const Quantity& memory);

// Labels and taints the cloud or the platform put on the pool's nodes, in
// addition to the spec's own (the cloud's documentation is cited in the .cc).
std::map<std::string, std::string> PlatformLabels(const Spec& spec, const Pool& pool,
                                                  const ResolvedPool& resolved);
std::vector<Taint> PlatformTaints(const Spec& spec, const Pool& pool, const ResolvedPool& resolved);

// MIG slices one GPU yields for a profile such as "1g.10gb" (7 / compute
// slices), or 0 when the profile is malformed.
int MigSlicesPerGpu(std::string_view profile);

Spec Normalize(const Spec& spec, const Catalog& catalog);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_NORMALIZE_H_
