#include "model/platform.h"

#include <algorithm>

#include "providers/provider.h"

namespace mlspec {
namespace {

struct Info {
  Prerequisite p;
  std::string_view id;
  std::string_view what;
  std::string_view check;
};

// The checks name a CRD or Deployment each component's install creates.
constexpr Info kInfo[] = {
    {Prerequisite::kCertManager, "cert-manager", "cert-manager (certificates for KServe's webhooks)",
     "kubectl get crd certificates.cert-manager.io"},
    {Prerequisite::kKServe, "kserve", "KServe (the InferenceService controller)",
     "kubectl get crd inferenceservices.serving.kserve.io"},
    {Prerequisite::kKnativeServing, "knative-serving", "Knative Serving (KServe's Serverless mode)",
     "kubectl get crd services.serving.knative.dev"},
    {Prerequisite::kPrometheusOperator, "prometheus-operator",
     "the Prometheus Operator (ServiceMonitor and PrometheusRule kinds) and a Prometheus",
     "kubectl get crd servicemonitors.monitoring.coreos.com"},
    {Prerequisite::kKeda, "keda", "KEDA (ScaledObjects)", "kubectl get crd scaledobjects.keda.sh"},
    {Prerequisite::kTrainingOperator, "training-operator", "the Kubeflow training operator (PyTorchJob, TFJob)",
     "kubectl get crd pytorchjobs.kubeflow.org tfjobs.kubeflow.org"},
    {Prerequisite::kGatewayApi, "gateway-api", "the Gateway API CRDs and a Gateway controller (HTTPRoute)",
     "kubectl get crd httproutes.gateway.networking.k8s.io"},
    {Prerequisite::kClusterAutoscaler, "cluster-autoscaler", "the cluster autoscaler",
     "kubectl -n kube-system get deployment -l app.kubernetes.io/name=cluster-autoscaler"},
    {Prerequisite::kKueue, "kueue", "Kueue (ClusterQueue, LocalQueue)", "kubectl get crd clusterqueues.kueue.x-k8s.io"},
};

const Info& InfoOf(Prerequisite p) { return kInfo[static_cast<size_t>(p)]; }

// mlspec has a pinned chart for these (emit/components.cc).
bool HasChart(Prerequisite p) {
  return p == Prerequisite::kCertManager || p == Prerequisite::kKServe || p == Prerequisite::kKeda ||
         p == Prerequisite::kPrometheusOperator || p == Prerequisite::kClusterAutoscaler || p == Prerequisite::kKueue;
}

bool Needed(const Model& model, Prerequisite p) {
  for (const Need& n : Needs(model))
    if (n.what == p) return true;
  return false;
}

}  // namespace

const std::vector<std::string_view>& PrerequisiteIds() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> v;
    for (const Info& i : kInfo) v.push_back(i.id);
    return v;
  }();
  return ids;
}

std::string_view PrerequisiteId(Prerequisite p) { return InfoOf(p).id; }
std::string_view PrerequisiteWhat(Prerequisite p) { return InfoOf(p).what; }
std::string_view PrerequisiteCheck(Prerequisite p) { return InfoOf(p).check; }

std::optional<Prerequisite> ParsePrerequisite(std::string_view id) {
  for (const Info& i : kInfo)
    if (i.id == id) return i.p;
  return std::nullopt;
}

std::vector<Need> Needs(const Model& model) {
  std::vector<Need> out;
  auto gpu_scaled = [&](const std::optional<ScaleSignal>& written, const std::string& profile, bool autoscaled) {
    auto prof = model.profiles.find(profile);
    return autoscaled && prof != model.profiles.end() && EffectiveScaleOn(written, prof->second) == ScaleSignal::kGpu;
  };
  for (const auto& [name, inf] : model.inference) {
    const std::string who = "[inference." + name + "]";
    out.push_back({Prerequisite::kKServe, who, "an InferenceService is a KServe kind", inf.locs.table});
    if (inf.serverless())
      out.push_back({Prerequisite::kKnativeServing, who, "KServe runs Serverless InferenceServices on Knative",
                     inf.locs.At("deployment_mode")});
    else if (gpu_scaled(inf.scale_on, inf.profile, inf.max_replicas > inf.min_replicas))
      out.push_back({Prerequisite::kKeda, who, "it scales on GPU utilisation with a KEDA ScaledObject",
                     inf.locs.At("max_replicas")});
  }
  if (!model.inference.empty() && !IsProvided(model, Prerequisite::kKServe)) {
    const Inference& first = model.inference.begin()->second;
    out.push_back({Prerequisite::kCertManager, "[inference." + first.name + "]",
                   "the KServe chart mlspec installs creates cert-manager Certificates for its webhooks",
                   first.locs.table});
  }
  for (const auto& [name, svc] : model.services) {
    const std::string who = "[services." + name + "]";
    if (gpu_scaled(svc.scale_on, svc.profile, svc.autoscaled()))
      out.push_back({Prerequisite::kKeda, who, "it scales on GPU utilisation with a KEDA ScaledObject",
                     svc.scale_on ? svc.locs.At("scale_on") : svc.locs.At("max_replicas")});
    if (svc.canary || !svc.hostname.empty())
      out.push_back({Prerequisite::kGatewayApi, who, "its route is a Gateway API HTTPRoute", svc.locs.At("gateway")});
  }
  if (model.jupyterhub && !model.jupyterhub->gateway.empty())
    out.push_back({Prerequisite::kGatewayApi, "[jupyterhub]", "its route is a Gateway API HTTPRoute",
                   model.jupyterhub->locs.At("gateway")});
  if (model.mlflow && !model.mlflow->gateway.empty())
    out.push_back({Prerequisite::kGatewayApi, "[mlflow]", "its route is a Gateway API HTTPRoute",
                   model.mlflow->locs.At("gateway")});
  for (const auto& [name, job] : model.jobs)
    if (job.kind() == Job::Kind::kPyTorchJob || job.kind() == Job::Kind::kTFJob)
      out.push_back({Prerequisite::kTrainingOperator, "[jobs." + name + "]",
                     std::string("a ") + (job.kind() == Job::Kind::kPyTorchJob ? "PyTorchJob" : "TFJob") +
                         " is a Kubeflow training operator kind",
                     job.locs.At("framework")});
  for (const auto& [name, job] : model.jobs)
    if (!job.queue.empty())
      out.push_back({Prerequisite::kKueue, "[jobs." + name + "]", "it waits in a Kueue LocalQueue until admitted",
                     job.locs.At("queue")});
  for (const auto& [name, svc] : model.services)
    if (!svc.queue.empty())
      out.push_back({Prerequisite::kKueue, "[services." + name + "]",
                     "its pods wait in a Kueue LocalQueue until admitted", svc.locs.At("queue")});
  for (const auto& [name, q] : model.queues)
    out.push_back({Prerequisite::kKueue, "[queues." + name + "]",
                   "a ClusterQueue, LocalQueue and ResourceFlavor are Kueue kinds", q.locs.table});
  if (ProviderFor(model.cluster.provider).NeedsClusterAutoscaler())
    for (const auto& [name, pool] : model.pools)
      if (pool.min_nodes < pool.max_nodes) {
        out.push_back({Prerequisite::kClusterAutoscaler, "[pools." + name + "]",
                       "it can scale (min_nodes < max_nodes), and on this cloud only cluster-autoscaler changes a "
                       "node group's size",
                       pool.locs.At("max_nodes")});
        break;  // one is enough to install it
      }
  if (HasGpuMonitoring(model))
    out.push_back({Prerequisite::kPrometheusOperator, "[monitoring]",
                   "its GPU alerts are a PrometheusRule, a Prometheus Operator kind", model.monitoring->locs.table});
  if (model.gpu_operator && model.gpu_operator->dcgm_exporter && model.gpu_operator->service_monitor)
    out.push_back({Prerequisite::kPrometheusOperator, "[gpu_operator]",
                   "the DCGM exporter's ServiceMonitor is a Prometheus Operator kind (without its CRD the "
                   "ClusterPolicy stays notReady)",
                   model.gpu_operator->locs.At(
                       model.gpu_operator->locs.keys.count("service_monitor") ? "service_monitor" : "dcgm_exporter")});
  return out;
}

bool IsProvided(const Model& model, Prerequisite p) {
  if (!model.platform) return false;
  const auto& v = model.platform->provided;
  return std::find(v.begin(), v.end(), PrerequisiteId(p)) != v.end();
}

bool Installs(const Model& model, Prerequisite p) {
  if (IsProvided(model, p) || !HasChart(p)) return false;
  if (p == Prerequisite::kPrometheusOperator) return model.monitoring && model.monitoring->install.value_or(true);
  return Needed(model, p);
}

std::string InstallNamespace(const Model& model, Prerequisite p) {
  switch (p) {
    case Prerequisite::kPrometheusOperator:
      return model.monitoring ? model.monitoring->namespace_name : "monitoring";
    case Prerequisite::kKServe:
      return "kserve";
    case Prerequisite::kClusterAutoscaler:
      return "kube-system";
    case Prerequisite::kKueue:
      return "kueue-system";
    default:
      return std::string(PrerequisiteId(p));
  }
}

bool HasGpuMonitoring(const Model& model) {
  if (!model.monitoring) return false;
  for (const auto& [name, pool] : model.pools)
    if (pool.has_gpu()) return true;
  return false;
}

std::string PrometheusUrl(const Model& model) {
  if (!model.monitoring) return "";
  if (!model.monitoring->prometheus_url.empty()) return model.monitoring->prometheus_url;
  if (!Installs(model, Prerequisite::kPrometheusOperator)) return "";
  // The Prometheus Operator's governing Service for every Prometheus it runs.
  return "http://prometheus-operated." + model.monitoring->namespace_name + ".svc:9090";
}

}  // namespace mlspec
