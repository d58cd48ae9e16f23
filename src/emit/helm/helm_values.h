// The Helm values emitter's parts: one builder per chart, each a pure
// function of the resolved Model returning the values document (ordered
// JSON, printed by ToYaml). EmitHelm (helm.cc) writes them under helm/.
//
// Every key written here was checked against the chart version mlspec pins
// (emit/names.h); the source file and commit are cited beside each builder.
#ifndef MLSPEC_EMIT_HELM_HELM_VALUES_H_
#define MLSPEC_EMIT_HELM_HELM_VALUES_H_

#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "base/quantity.h"
#include "base/yaml_writer.h"
#include "model/model.h"

namespace mlspec {

// helm/gpu-operator.values.yaml (NVIDIA gpu-operator chart). Requires
// spec.gpu_operator.
Json GpuOperatorValues(const Model& spec);

// helm/jupyterhub.values.yaml (zero-to-jupyterhub chart). Requires
// spec.jupyterhub. Reports a diagnostic when no CPU pool can host the hub.
Json JupyterHubValues(const Model& spec);

// helm/mlflow.values.yaml (community-charts mlflow chart). Requires
// spec.mlflow. Reports a diagnostic when no CPU pool can host it.
Json MLflowValues(const Model& spec);

// helm/cert-manager.values.yaml, helm/keda.values.yaml and
// helm/kube-prometheus-stack.values.yaml: the platform components the tree
// installs (model/platform.h), every controller on the service pool.
Json CertManagerValues(const Model& spec);
Json KedaValues(const Model& spec);
Json KubePrometheusStackValues(const Model& spec);
Json ClusterAutoscalerValues(const Model& spec);
Json KueueValues(const Model& spec);

namespace helm_internal {

// A memory quantity as JupyterHub's ByteSpecification trait accepts it:
// K/M/G/T suffixes are powers of 1024 and the number before them is parsed as
// a float, so "16Gi" is rejected and "16G" means 16Gi. Picks the largest
// suffix that represents the value exactly ("16G", "1536M"), else whole
// bytes as a string ("1000000000").
std::string KubeSpawnerBytes(const Quantity& q);

// A CPU quantity as KubeSpawner's Float traits take it: a YAML number
// (4, 0.5, 0.25).
Json KubeSpawnerCpu(const Quantity& q);

// The major version of a chart version string ("3.3.8" -> 3, "v24.9.2" ->
// 24); nullopt when it does not start with a number.
std::optional<int> ChartMajor(const std::string& version);

// The node selector and tolerations of the pool that hosts platform
// services; an empty selector and list when there is none.
Json ServiceNodeSelector(const Model& spec);
Json ServiceTolerations(const Model& spec);

}  // namespace helm_internal
}  // namespace mlspec

#endif  // MLSPEC_EMIT_HELM_HELM_VALUES_H_
