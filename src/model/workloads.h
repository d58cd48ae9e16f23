// The workloads mlspec itself puts into namespaces, as data: for each, the
// pods that run at once and what each one requests. Validate sums them
// against namespace quotas and the emitters size their pods from the same
// numbers, so a quota that admits the spec admits the generated tree.
#ifndef MLSPEC_MODEL_WORKLOADS_H_
#define MLSPEC_MODEL_WORKLOADS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/quantity.h"
#include "model/model.h"

namespace mlspec {

// What one pod requests (the sum over its containers).
struct PodRequests {
  int64_t gpu = 0;
  Quantity cpu;
  Quantity memory;
};

struct PlannedWorkload {
  std::string what;  // for messages: "inference `mnist`", "preflight Job of pool `a100`"
  std::string namespace_name;
  int64_t pods = 1;  // running at the same time
  PodRequests per_pod;
  SourceLoc loc;                         // the spec line it comes from
  bool pod_checked_by_validate = false;  // Validate already reports one pod above the quota
  std::string pool;                      // where its pods land
  std::string kind;                      // for tables: "InferenceService", "CronJob", "PyTorchJob", ...
};

// The preflight container's and the node labeler's requests and limits.
inline constexpr char kPreflightCpuRequest[] = "2";
inline constexpr char kPreflightMemoryRequest[] = "4Gi";
inline constexpr char kPreflightCpuLimit[] = "4";
inline constexpr char kPreflightMemoryLimit[] = "8Gi";
inline constexpr char kLabelerCpuRequest[] = "10m";
inline constexpr char kLabelerMemoryRequest[] = "32Mi";

// The object a [jobs.*] entry compiles to, for people: "CronJob", "PyTorchJob", ...
std::string_view JobKindName(Job::Kind kind);

// Pods of the preflight Job of GPU pool `pool`: `[preflight] nodes` (at most
// max_nodes), else the pool's min_nodes, at least 1. Needs spec.preflight.
int PreflightPods(const Model& spec, const Pool& pool);

// GPUs one preflight pod asks for: the whole node, or one replica/slice on a
// shared pool (the device plugin refuses more than one there).
int PreflightGpus(const Pool& pool);

// Every workload of a normalized spec that the emitters write into a
// namespace: InferenceServices at min_replicas, [services.*] at max_replicas
// plus the canary's pod, the preflight Jobs, and the [jobs.*] (workers, or
// parallelism of a sweep; a CronJob runs one at a time).
std::vector<PlannedWorkload> PlannedWorkloads(const Model& spec);

}  // namespace mlspec

#endif  // MLSPEC_MODEL_WORKLOADS_H_
