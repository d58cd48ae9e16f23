// The GPU operator's per-node sharing configs. The device plugin reads one
// ConfigMap with a key per config and picks the key named by the node's
// nvidia.com/device-plugin.config label; the MIG manager does the same with
// nvidia.com/mig.config and its mig-configs file.
// https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html
// https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html
#include <map>

#include "emit/kubernetes/kubernetes.h"
#include "emit/names.h"
#include "emit/scheduling.h"
#include "providers/provider.h"
#include "resolve/resolve.h"

namespace mlspec {

void EmitGpuOperatorConfig(const Model& spec, FileSet& out) {
  if (!spec.gpu_operator) return;
  const Provider& provider = ProviderFor(spec.cluster.provider);
  if (provider.NeedsCriticalPodsQuota()) {
    // The cloud admits system-*-critical pods outside kube-system only under a
    // ResourceQuota scoped to those classes; the operator's DaemonSets use them.
    Json quota;
    quota["apiVersion"] = "v1";
    quota["kind"] = "ResourceQuota";
    quota["metadata"] = Metadata("gpu-operator-critical-pods", spec.gpu_operator->namespace_name, "gpu-operator");
    quota["spec"]["hard"] = {{"pods", "100"}};
    quota["spec"]["scopeSelector"]["matchExpressions"] =
        Json::array({{{"operator", "In"},
                      {"scopeName", "PriorityClass"},
                      {"values", Json::array({"system-node-critical", "system-cluster-critical"})}}});
    AddManifest(spec, out, "manifests/gpu-operator/critical-pods-quota.yaml", {quota});
  }
  if (!provider.DevicePluginShares()) return;  // sharing is a node pool setting (Terraform)
  std::map<std::string, std::string> plugin;   // config name → config.yaml text
  std::map<std::string, std::string> mig;      // config name → MIG profile
  for (const auto& [name, pool] : spec.pools) {
    if (!pool.has_gpu() || !pool.gpu_sharing) continue;
    const GpuSharing& g = *pool.gpu_sharing;
    const std::string key = g.ConfigName();
    if (g.strategy == GpuSharing::Strategy::kTimeSlicing) {
      plugin[key] =
          "version: v1\n"
          "flags:\n"
          "  migStrategy: none\n"
          "sharing:\n"
          "  timeSlicing:\n"
          "    renameByDefault: false\n"
          "    failRequestsGreaterThanOne: true\n"
          "    resources:\n"
          "    - name: nvidia.com/gpu\n"
          "      replicas: " +
          std::to_string(g.replicas) + "\n";
    } else {
      // With migStrategy single every MIG slice is advertised as nvidia.com/gpu.
      plugin[key] =
          "version: v1\n"
          "flags:\n"
          "  migStrategy: single\n";
      // Where the node pool partitions MIG GPUs itself (AKS's gpu_instance)
      // the MIG manager is off and needs no config.
      if (provider.MigManagerPartitions()) mig[key] = g.mig_profile;
    }
  }
  if (plugin.empty()) return;
  const std::string& ns = spec.gpu_operator->namespace_name;
  std::vector<Json> docs;
  Json cm;
  cm["apiVersion"] = "v1";
  cm["kind"] = "ConfigMap";
  cm["metadata"] = Metadata(kDevicePluginConfigMap, ns, "gpu-operator");
  cm["data"] = Json::object();
  for (const auto& [k, v] : plugin) cm["data"][k] = v;
  docs.push_back(std::move(cm));
  AddManifest(spec, out, "manifests/gpu-operator/device-plugin-config.yaml", docs);
  if (mig.empty()) return;
  std::string text = "version: v1\nmig-configs:\n  all-disabled:\n  - devices: all\n    mig-enabled: false\n";
  for (const auto& [k, profile] : mig) {
    text += "  " + k + ":\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n";
    // Fill each GPU with as many instances of the profile as fit.
    const int count = MigSlicesPerGpu(profile);
    text += "      \"" + profile + "\": " + std::to_string(count) + "\n";
  }
  Json mcm;
  mcm["apiVersion"] = "v1";
  mcm["kind"] = "ConfigMap";
  mcm["metadata"] = Metadata(kMigConfigMap, ns, "gpu-operator");
  mcm["data"] = {{kMigConfigKey, text}};
  AddManifest(spec, out, "manifests/gpu-operator/mig-config.yaml", {mcm});
}

}  // namespace mlspec
