// helm/gpu-operator.values.yaml for the NVIDIA gpu-operator chart.
//
// The chart publishes no values schema, so every key below was read from the
// chart we pin (emit/names.h kDefaultGpuOperatorChart = v24.9.2):
// NVIDIA/gpu-operator at tag v24.9.2 (a7551902048c92e8f8166cf2dd27c7ac22a073bc),
//   deployments/gpu-operator/values.yaml: driver.enabled, toolkit.enabled,
//     toolkit.installDir, hostPaths.driverInstallDir, cdi.enabled, cdi.default,
//     mig.strategy, daemonsets.tolerations, devicePlugin.enabled,
//     devicePlugin.config.{name,default}, migManager.enabled,
//     migManager.config.{name,default}, dcgmExporter.enabled,
//     dcgmExporter.serviceMonitor.enabled, operator.tolerations;
//   deployments/gpu-operator/templates/operator.yaml: .Values.operator.nodeSelector;
//   deployments/gpu-operator/charts/node-feature-discovery/values.yaml:
//     master.{nodeSelector,tolerations}, gc.{nodeSelector,tolerations},
//     worker.tolerations;
//   controllers/object_controls.go: the device-plugin config manager runs with
//     FALLBACK_STRATEGIES=empty, so a node without the
//     nvidia.com/device-plugin.config label and an empty default gets the
//     plugin's built-in (unshared) configuration.
#include "emit/emit.h"
#include "emit/helm/helm_values.h"
#include "emit/names.h"
#include "emit/scheduling.h"
#include "providers/provider.h"

namespace mlspec {

namespace {

bool AnySharing(const Model& spec, std::optional<GpuSharing::Strategy> only) {
  for (const auto& [name, pool] : spec.pools)
    if (pool.has_gpu() && pool.gpu_sharing && (!only || pool.gpu_sharing->strategy == *only)) return true;
  return false;
}

}  // namespace

Json GpuOperatorValues(const Model& spec) {
  using helm_internal::ServiceNodeSelector;
  using helm_internal::ServiceTolerations;
  const GpuOperator& op = *spec.gpu_operator;
  const Provider& provider = ProviderFor(spec.cluster.provider);
  Json v = Json::object();

  // The operator Deployment and NFD's master and garbage collector are
  // cluster services: keep them on the service pool, off the GPU nodes.
  v["operator"] = {{"nodeSelector", ServiceNodeSelector(spec)}, {"tolerations", ServiceTolerations(spec)}};
  Json nfd = Json::object();
  nfd["master"] = {{"nodeSelector", ServiceNodeSelector(spec)}, {"tolerations", ServiceTolerations(spec)}};
  nfd["gc"] = {{"nodeSelector", ServiceNodeSelector(spec)}, {"tolerations", ServiceTolerations(spec)}};
  // The NFD worker labels every GPU node (pci-10de), which is what makes the
  // operator deploy its operands there: it must tolerate every GPU pool's
  // taints, spot taints included (the chart's default only tolerates
  // nvidia.com/gpu:NoSchedule).
  nfd["worker"] = {{"tolerations", AllGpuPoolTolerations(spec)}};
  v["node-feature-discovery"] = nfd;

  // Operands (driver, toolkit, device plugin, GFD, DCGM exporter, MIG
  // manager, validator) are DaemonSets that must reach every GPU node.
  v["daemonsets"] = {{"tolerations", AllGpuPoolTolerations(spec)}};

  v["driver"] = {{"enabled", op.driver}};
  Json toolkit = {{"enabled", op.toolkit}};
  if (const std::string dir = provider.DriverInstallDir(); !dir.empty()) {
    // The cloud installs the driver and toolkit in its own directory (GKE:
    // providers/gke.cc); the operator must look there, with CDI on and default.
    toolkit["installDir"] = dir;
    v["hostPaths"] = {{"driverInstallDir", dir}};
    // cdi.default exists up to chart v25.3 (values.yaml at v25.3.0); from
    // v25.10.0 CDI is on by default and the key is gone.
    Json cdi = {{"enabled", true}};
    const std::string version = op.chart_version.empty() ? kDefaultGpuOperatorChart : op.chart_version;
    if (helm_internal::ChartMajor(version).value_or(0) < 25 || version.rfind("v25.3.", 0) == 0) cdi["default"] = true;
    v["cdi"] = cdi;
  }
  v["toolkit"] = toolkit;

  // MIG strategy "single": every MIG pool uses an all-<profile> layout (one
  // profile on every GPU of the node), so the device plugin can advertise
  // each slice as nvidia.com/gpu and profiles request MIG slices exactly as
  // they request whole GPUs. "mixed" would advertise nvidia.com/mig-<profile>
  // instead, which no mlspec workload requests.
  v["mig"] = {{"strategy", "single"}};

  Json device_plugin = Json::object();
  if (!provider.DevicePluginShares()) {
    // The cloud's own device plugin advertises nvidia.com/gpu and applies the
    // pool's sharing settings (GKE: the cloud.google.com/gke-gpu-sharing-strategy
    // / gke-gpu-partition-size node labels). A second device plugin would
    // compete for the same resource, so the operator's stays off.
    device_plugin["enabled"] = false;
  } else {
    device_plugin["enabled"] = true;
    if (AnySharing(spec, std::nullopt)) device_plugin["config"] = {{"name", kDevicePluginConfigMap}, {"default", ""}};
  }
  v["devicePlugin"] = device_plugin;

  Json mig_manager = Json::object();
  if (!provider.MigManagerPartitions()) {
    // The node pool partitions MIG GPUs when it creates the node (GKE's
    // gpu_partition_size, AKS's gpu_instance); the MIG manager would label
    // those nodes all-disabled by default and undo it.
    mig_manager["enabled"] = false;
  } else {
    mig_manager["enabled"] = true;
    // Nodes without the nvidia.com/mig.config label get "all-disabled", as
    // with the chart's default config; the ConfigMap must define it.
    if (AnySharing(spec, GpuSharing::Strategy::kMig))
      mig_manager["config"] = {{"name", kMigConfigMap}, {"default", "all-disabled"}};
  }
  v["migManager"] = mig_manager;

  Json service_monitor = {{"enabled", op.dcgm_exporter && op.service_monitor}};
  // Every GPU series gets the node it comes from, so that alerts and the
  // dashboard can join it to the node's pool (kubernetes/monitoring.cc).
  if (op.dcgm_exporter && op.service_monitor)
    service_monitor["relabelings"] = Json::array({{{"action", "replace"},
                                                   {"sourceLabels", Json::array({"__meta_kubernetes_pod_node_name"})},
                                                   {"targetLabel", "node"}}});
  v["dcgmExporter"] = {{"enabled", op.dcgm_exporter}, {"serviceMonitor", service_monitor}};
  return v;
}

}  // namespace mlspec
