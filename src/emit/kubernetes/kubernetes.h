// The Kubernetes manifests under manifests/, one function per concern.
#ifndef MLSPEC_EMIT_KUBERNETES_KUBERNETES_H_
#define MLSPEC_EMIT_KUBERNETES_KUBERNETES_H_

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "base/yaml_writer.h"
#include "model/model.h"

namespace mlspec {

// Writes `docs` to `path` as one YAML stream after the generated header.
void AddManifest(const Model& spec, FileSet& out, const std::string& path, const std::vector<Json>& docs);

// manifests/cluster/: Namespaces, PriorityClasses.
void EmitClusterScoped(const Model& spec, FileSet& out);
// manifests/NAMESPACE/: ResourceQuota, LimitRange, NetworkPolicies.
void EmitNamespacePolicies(const Model& spec, FileSet& out);
// manifests/NAMESPACE/: InferenceServices and their PodDisruptionBudgets.
void EmitInference(const Model& spec, FileSet& out, Diagnostics& diags);
// manifests/gpu-operator/: device-plugin and MIG configs for shared pools.
void EmitGpuOperatorConfig(const Model& spec, FileSet& out);
// manifests/preflight/: one Job per GPU pool, its ServiceAccount and RBAC.
void EmitPreflight(const Model& spec, FileSet& out, Diagnostics& diags);

// Pods of a pool's preflight Job: `[preflight] nodes` (capped at max_nodes),
// else the pool's min_nodes, at least one (for a pool that scales to zero,
// the one pending pod brings up one node). Requires spec.preflight.
int PreflightPods(const Model& spec, const Pool& pool);

// PriorityClass names.
inline constexpr char kServingPriorityClass[] = "mlspec-serving";
inline constexpr char kPreflightPriorityClass[] = "mlspec-preflight";

}  // namespace mlspec

#endif  // MLSPEC_EMIT_KUBERNETES_KUBERNETES_H_
