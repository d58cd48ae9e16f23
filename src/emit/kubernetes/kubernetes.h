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

// The label that puts a job or Deployment into a Kueue LocalQueue.
inline constexpr char kQueueNameLabel[] = "kueue.x-k8s.io/queue-name";

// Writes `docs` to `path` as one YAML stream after the generated header.
void AddManifest(const Model& spec, FileSet& out, const std::string& path, const std::vector<Json>& docs);

// manifests/cluster/: Namespaces, PriorityClasses.
void EmitClusterScoped(const Model& spec, FileSet& out);
// manifests/NAMESPACE/: ResourceQuota, LimitRange, NetworkPolicies.
void EmitNamespacePolicies(const Model& spec, FileSet& out);
// manifests/NAMESPACE/: InferenceServices and their PodDisruptionBudgets.
void EmitInference(const Model& spec, FileSet& out);
// manifests/gpu-operator/: device-plugin and MIG configs for shared pools.
void EmitGpuOperatorConfig(const Model& spec, FileSet& out);
// manifests/preflight/: one Job per GPU pool, its ServiceAccount and RBAC.
void EmitPreflight(const Model& spec, FileSet& out);
// manifests/NS/storage-NAME.yaml: one PersistentVolumeClaim per [storage.*].
void EmitStorage(const Model& spec, FileSet& out);
// [jobs.*]: CronJobs in manifests/NS/, one-shot jobs in manifests/JobAppFolder/.
void EmitJobs(const Model& spec, FileSet& out);
// [services.*]: manifests/NS/service-NAME.yaml, the Deployment(s), Service(s),
// autoscaler, PodDisruptionBudget and HTTPRoute of one model server.
void EmitServices(const Model& spec, FileSet& out);
// manifests/MONITORING-NS/gpu-alerts.yaml (PrometheusRule) and
// gpu-dashboard.yaml (Grafana dashboard ConfigMap), with [monitoring].
void EmitMonitoring(const Model& spec, FileSet& out);
// manifests/queues/: Kueue ResourceFlavors, ClusterQueues and LocalQueues.
void EmitQueues(const Model& spec, FileSet& out);
// [jupyterhub] and [mlflow] with `gateway`: manifests/NS/route-UI.yaml, an
// HTTPRoute to the UI's Service.
void EmitWebRoutes(const Model& spec, FileSet& out);
std::string WebRoutePath(const std::string& ns, const std::string& ui);
// A KEDA ScaledObject that scales `target` (apiVersion, kind) named
// `target_name` on the DCGM exporter's GPU utilisation of the pods whose names
// are POD_PREFIX-<replicaset hash>-<pod hash>, towards `percent` per GPU.
Json GpuScaledObject(const Model& spec, const std::string& name, const std::string& ns, const Json& target,
                     const std::string& target_name, const std::string& pod_prefix, int min_replicas, int max_replicas,
                     int percent, int gpus_per_pod);
// "NS/jobs/NAME": the manifests folder (and ArgoCD Application) of a one-shot job.
std::string JobAppFolder(const Job& job);

// PriorityClass names.
inline constexpr char kServingPriorityClass[] = "mlspec-serving";
inline constexpr char kBatchPriorityClass[] = "mlspec-batch";
inline constexpr char kPreflightPriorityClass[] = "mlspec-preflight";

}  // namespace mlspec

#endif  // MLSPEC_EMIT_KUBERNETES_KUBERNETES_H_
