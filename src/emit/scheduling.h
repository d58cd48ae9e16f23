// The pieces every emitted workload is built from, derived from the
// resolved model so that each lands on its pool by construction: the
// tolerations for exactly the taints the pool's nodes carry, the selector for
// the pool's label, resources from a profile, /dev/shm, and the restricted
// security context.
#ifndef MLSPEC_EMIT_SCHEDULING_H_
#define MLSPEC_EMIT_SCHEDULING_H_

#include <string>

#include "base/yaml_writer.h"
#include "model/model.h"

namespace mlspec {

// One toleration per effective taint of the pool (operator Equal, or Exists
// for a taint without value), in the pool's taint order.
Json PoolTolerations(const Pool& pool);

// Tolerations for the taints of every GPU pool, deduplicated and sorted: for
// DaemonSets that must reach every GPU node (GPU operator, DCGM exporter).
Json AllGpuPoolTolerations(const Model& spec);

// {"mlspec.io/pool": NAME}: the label Terraform puts on the pool's nodes.
Json PoolNodeSelector(const Pool& pool);

// requests/limits of a container from a profile: cpu, memory, and
// nvidia.com/gpu in both when the profile has GPUs.
Json ProfileResources(const Profile& profile);

// The pool where platform services (JupyterHub's hub and proxy, MLflow) run:
// a pool without GPUs, preferring regular user pools over system and spot
// pools. Null when there is none (Validate rejects such specs when a
// component needs one).
const Pool* ServicePool(const Model& spec);

// Container securityContext: no privilege escalation, all capabilities
// dropped, RuntimeDefault seccomp, and runAsNonRoot with `uid` when set.
Json ContainerSecurityContext(bool read_only_root, std::optional<int64_t> uid);

// Pod securityContext: runAsNonRoot (when uid given), RuntimeDefault seccomp.
Json PodSecurityContext(std::optional<int64_t> uid);

// The /dev/shm volume (emptyDir, medium Memory, sizeLimit) and its mount.
Json ShmVolume(const Quantity& size);
Json ShmVolumeMount();

// The /dev/shm size of a job's or server's pods: the profile's `shm`, or for
// GPU and distributed pods without one a quarter of the memory limit
// (PyTorch's data loaders and NCCL use shared memory; the container default
// is 64 MiB). nullopt: no /dev/shm volume.
std::optional<Quantity> WorkloadShmSize(const Profile& prof, bool distributed);

// The container of a [jobs.*] or [services.*]: image (the profile's unless
// set), command, args, env, resources from the profile, the restricted
// security context as `uid`, and the storage and /dev/shm mounts.
// `extra_env` follows the spec's env.
Json WorkloadContainer(const Model& spec, const ContainerSpec& c, const Profile& prof, const std::string& name,
                       int64_t uid, bool shm, const Json& extra_env = Json::array());

// The pod volumes that go with WorkloadContainer: one claim per storage, and
// /dev/shm when `shm` is set.
Json WorkloadVolumes(const ContainerSpec& c, const std::optional<Quantity>& shm);

// Standard labels of every object mlspec emits.
Json CommonLabels(const std::string& component);

// Object metadata with name, optional namespace, and the common labels.
Json Metadata(const std::string& name, const std::string& ns, const std::string& component);

}  // namespace mlspec

#endif  // MLSPEC_EMIT_SCHEDULING_H_
