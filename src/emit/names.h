// Names shared between emitters that must agree: the ConfigMaps the GPU
// operator reads (emitted under manifests/gpu-operator/, referenced from
// helm/gpu-operator.values.yaml) and the pinned chart defaults.
#ifndef MLSPEC_EMIT_NAMES_H_
#define MLSPEC_EMIT_NAMES_H_

namespace mlspec {

// Device-plugin configs, one key per sharing setup (GpuSharing::ConfigName()),
// selected per node by the nvidia.com/device-plugin.config label.
inline constexpr char kDevicePluginConfigMap[] = "mlspec-device-plugin-config";
// MIG manager configs ("mig-configs" with one entry per ConfigName()),
// selected per node by the nvidia.com/mig.config label.
inline constexpr char kMigConfigMap[] = "mlspec-mig-config";
inline constexpr char kMigConfigKey[] = "config.yaml";

// Chart versions used when the spec pins none (each tested in conformance).
inline constexpr char kDefaultGpuOperatorChart[] = "v24.9.2";
inline constexpr char kDefaultJupyterHubChart[] = "3.3.8";
inline constexpr char kDefaultMLflowChart[] = "1.11.5";
inline constexpr char kDefaultKServeChart[] = "v0.14.1";
// Platform components the tree installs (model/platform.h), pinned to the
// chart sources in shared/charts-src (SOURCES.tsv).
inline constexpr char kCertManagerChart[] = "v1.21.1";
inline constexpr char kKedaChart[] = "2.20.2";
inline constexpr char kKubePrometheusStackChart[] = "88.0.1";
inline constexpr char kClusterAutoscalerChart[] = "9.59.0";
inline constexpr char kKueueChart[] = "0.19.0";
// Where cluster-autoscaler runs and the ServiceAccount its IAM role is bound
// to (EKS Pod Identity, providers/eks.cc).
inline constexpr char kClusterAutoscalerNamespace[] = "kube-system";
inline constexpr char kClusterAutoscalerServiceAccount[] = "cluster-autoscaler";

// Chart repositories.
inline constexpr char kGpuOperatorRepo[] = "https://helm.ngc.nvidia.com/nvidia";
inline constexpr char kJupyterHubRepo[] = "https://hub.jupyter.org/helm-chart/";
inline constexpr char kMLflowRepo[] = "https://community-charts.github.io/helm-charts";
inline constexpr char kCertManagerRepo[] = "https://charts.jetstack.io";
inline constexpr char kKedaRepo[] = "https://kedacore.github.io/charts";
inline constexpr char kPrometheusCommunityRepo[] = "https://prometheus-community.github.io/helm-charts";
inline constexpr char kAutoscalerRepo[] = "https://kubernetes.github.io/autoscaler";
// Kueue publishes its chart as an OCI artifact.
inline constexpr char kKueueRepo[] = "registry.k8s.io/kueue/charts";

}  // namespace mlspec

#endif  // MLSPEC_EMIT_NAMES_H_
