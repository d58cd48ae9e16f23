#include "emit/components.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "emit/kubernetes/kubernetes.h"
#include "emit/names.h"
#include "model/platform.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

Component Release(std::string id, std::string ns, int wave, std::string repo, std::string chart, std::string version,
                  bool values_file, std::string why) {
  Component c;
  c.kind = Component::Kind::kHelmRelease;
  c.id = std::move(id);
  c.namespace_name = std::move(ns);
  c.sync_wave = wave;
  c.repo = std::move(repo);
  c.chart = std::move(chart);
  c.version = std::move(version);
  c.values_file = values_file;
  c.why = std::move(why);
  return c;
}

Component Folder(std::string folder, int wave, std::string why) {
  Component c;
  c.kind = Component::Kind::kManifests;
  c.id = std::move(folder);
  c.sync_wave = wave;
  c.why = std::move(why);
  return c;
}

bool HasInferenceIn(const Model& spec, const std::string& ns) {
  for (const auto& [name, inf] : spec.inference)
    if (inf.namespace_name == ns) return true;
  return false;
}

// Storage, services, CronJobs and the UIs' routes live in their namespace's folder; one-shot
// jobs in folders of their own.
bool HasFolderWorkloadsIn(const Model& spec, const std::string& ns) {
  for (const auto& [name, st] : spec.storage)
    if (st.namespace_name == ns) return true;
  for (const auto& [name, svc] : spec.services)
    if (svc.namespace_name == ns) return true;
  for (const auto& [name, job] : spec.jobs)
    if (job.namespace_name == ns && job.kind() == Job::Kind::kCronJob) return true;
  // The HTTPRoutes of the web UIs (kubernetes/access.cc).
  if (spec.jupyterhub && spec.jupyterhub->namespace_name == ns && !spec.jupyterhub->gateway.empty()) return true;
  if (spec.mlflow && spec.mlflow->namespace_name == ns && !spec.mlflow->gateway.empty()) return true;
  return false;
}

// What manifests/gpu-operator/ holds: where the cloud needs it, the quota
// that admits the operator's critical pods; where the device plugin shares
// GPUs, the device-plugin (and MIG) configs of shared GPU pools.
bool GpuOperatorHasManifests(const Model& spec) {
  if (!spec.gpu_operator) return false;
  const Provider& provider = ProviderFor(spec.cluster.provider);
  if (provider.NeedsCriticalPodsQuota()) return true;
  if (!provider.DevicePluginShares()) return false;
  for (const auto& [name, pool] : spec.pools)
    if (pool.has_gpu() && pool.gpu_sharing) return true;
  return false;
}

}  // namespace

std::string Component::AppName() const {
  if (!app.empty()) return app;
  if (kind != Kind::kManifests) return id;
  return id == "cluster" ? id : "manifests-" + id;
}

bool NamespaceHasManifests(const Model& spec, const std::string& name) {
  auto it = spec.namespaces.find(name);
  if (it == spec.namespaces.end()) return false;
  const Namespace& ns = it->second;
  return ns.quota || ns.default_request || ns.default_limit || ns.isolation || HasInferenceIn(spec, name) ||
         HasFolderWorkloadsIn(spec, name) || (HasGpuMonitoring(spec) && spec.monitoring->namespace_name == name);
}

std::vector<Component> Components(const Model& spec) {
  std::vector<Component> out;
  if (ProviderFor(spec.cluster.provider).creates_node_pools()) {
    Component tf;
    tf.kind = Component::Kind::kTerraform;
    tf.id = "terraform";
    tf.automated_sync = false;
    tf.why = "Terraform module creating the node pools (see `variables.tf`)";
    out.push_back(std::move(tf));
  }

  out.push_back(Folder("cluster", -4, "Namespaces and other cluster-scoped objects"));
  if (GpuOperatorHasManifests(spec))
    out.push_back(Folder("gpu-operator", -2, "device-plugin and MIG configs selected per node by label"));
  for (const auto& [name, ns] : spec.namespaces) {
    if (!NamespaceHasManifests(spec, name)) continue;
    const char* why = "quota, defaults, network policies and workloads of the namespace";
    if (name == "gpu-operator") {  // shares the folder with the operator's configs
      if (!GpuOperatorHasManifests(spec)) out.push_back(Folder(name, -2, why));
      continue;
    }
    out.push_back(Folder(name, HasInferenceIn(spec, name) ? 2 : -1, why));
  }
  for (const auto& [name, job] : spec.jobs) {
    if (job.kind() == Job::Kind::kCronJob) continue;
    Component c = Folder(JobAppFolder(job), 3, "the " + name + " job (an ArgoCD Sync hook) and its revision");
    c.app = "job-" + job.namespace_name + "-" + name;
    out.push_back(std::move(c));
  }
  if (!spec.queues.empty())
    out.push_back(Folder("queues", -1, "Kueue ResourceFlavors (one per GPU pool), ClusterQueues and LocalQueues"));
  if (spec.preflight) {
    Component pf = Folder("preflight", 1, "one GPU validation Job per GPU pool");
    pf.automated_sync = false;  // Runs the GPU validation Jobs: synced on purpose (see README).
    out.push_back(std::move(pf));
  }

  if (spec.gpu_operator) {
    const GpuOperator& g = *spec.gpu_operator;
    out.push_back(Release("gpu-operator", g.namespace_name, -2, kGpuOperatorRepo, "gpu-operator",
                          g.chart_version.empty() ? kDefaultGpuOperatorChart : g.chart_version, true,
                          "NVIDIA GPU operator: device plugin, DCGM exporter, GPU feature discovery"));
  }
  if (spec.jupyterhub) {
    const JupyterHub& j = *spec.jupyterhub;
    out.push_back(Release("jupyterhub", j.namespace_name, 0, kJupyterHubRepo, "jupyterhub",
                          j.chart_version.empty() ? kDefaultJupyterHubChart : j.chart_version, true,
                          "JupyterHub with one profile per notebook size"));
  }
  if (spec.mlflow) {
    const MLflow& m = *spec.mlflow;
    out.push_back(Release("mlflow", m.namespace_name, 0, kMLflowRepo, "mlflow",
                          m.chart_version.empty() ? kDefaultMLflowChart : m.chart_version, true,
                          "MLflow tracking server"));
  }
  // Platform components, before everything that uses their kinds.
  if (Installs(spec, Prerequisite::kCertManager))
    out.push_back(Release("cert-manager", InstallNamespace(spec, Prerequisite::kCertManager), -3, kCertManagerRepo,
                          "cert-manager", kCertManagerChart, true,
                          "cert-manager and its CRDs: certificates for KServe's webhooks"));
  if (Installs(spec, Prerequisite::kKeda))
    out.push_back(Release("keda", InstallNamespace(spec, Prerequisite::kKeda), -3, kKedaRepo, "keda", kKedaChart, true,
                          "KEDA and its CRDs: scales GPU servers on GPU utilisation"));
  if (Installs(spec, Prerequisite::kPrometheusOperator)) {
    // Its CRDs exceed client-side apply's 256 KiB annotation.
    Component c = Release("kube-prometheus-stack", InstallNamespace(spec, Prerequisite::kPrometheusOperator), -3,
                          kPrometheusCommunityRepo, "kube-prometheus-stack", kKubePrometheusStackChart, true,
                          "Prometheus Operator and its CRDs, Prometheus, Alertmanager, Grafana: scrapes the DCGM "
                          "exporter");
    c.server_side = true;
    out.push_back(std::move(c));
  }
  if (Installs(spec, Prerequisite::kClusterAutoscaler))
    out.push_back(Release("cluster-autoscaler", InstallNamespace(spec, Prerequisite::kClusterAutoscaler), -3,
                          kAutoscalerRepo, "cluster-autoscaler", kClusterAutoscalerChart, true,
                          "cluster-autoscaler: sizes the node groups, from zero too (node-template tags)"));
  if (Installs(spec, Prerequisite::kKueue)) {
    // Its CRDs exceed client-side apply's 256 KiB annotation.
    Component c = Release("kueue", InstallNamespace(spec, Prerequisite::kKueue), -3, kKueueRepo, "kueue", kKueueChart,
                          true, "Kueue and its CRDs: fair-share GPU queues ([queues.*])");
    c.server_side = true;
    out.push_back(std::move(c));
  }
  if (!spec.inference.empty() && !IsProvided(spec, Prerequisite::kKServe)) {
    // KServe from its OCI charts. The CRDs exceed the 256 KiB annotation
    // client-side apply needs, so both apply server-side.
    // https://kserve.github.io/website/latest/admin/kubernetes_deployment/
    Component crd = Release("kserve-crd", "kserve", -2, "ghcr.io/kserve/charts", "kserve-crd", kDefaultKServeChart,
                            false, "KServe's CRDs");
    crd.server_side = true;
    out.push_back(std::move(crd));
    Component kserve = Release("kserve", "kserve", -1, "ghcr.io/kserve/charts", "kserve", kDefaultKServeChart, false,
                               "KServe controller for the InferenceServices");
    kserve.server_side = true;
    bool raw = false;
    for (const auto& [name, inf] : spec.inference) raw = raw || inf.deployment_mode == "RawDeployment";
    kserve.values_object = {{"kserve", {{"controller", {{"deploymentMode", raw ? "RawDeployment" : "Serverless"}}}}}};
    out.push_back(std::move(kserve));
  }

  std::sort(out.begin(), out.end(),
            [](const Component& a, const Component& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
  return out;
}

}  // namespace mlspec
