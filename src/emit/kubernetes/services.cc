// [services.*]: model servers, placed and sized by construction like jobs
// (docs/workloads.md).
//   Deployment NAME (+ NAME-canary)   the server; pods labelled with their track
//   Service NAME (+ NAME-canary)      port 80 → the container port, one track each
//   scale_on cpu|memory               autoscaling/v2 HorizontalPodAutoscaler
//   scale_on gpu                      keda.sh/v1alpha1 ScaledObject, Prometheus trigger
//                                     on the DCGM exporter's utilisation of these pods
//   min_replicas >= 2                 policy/v1 PodDisruptionBudget, maxUnavailable 1
//   hostname or canary                gateway.networking.k8s.io/v1 HTTPRoute
// Deployment: https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
// Probes: https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
// ScaledObject and its Prometheus trigger: https://keda.sh/docs/2.20/scalers/prometheus/
// HTTPRoute: https://gateway-api.sigs.k8s.io/api-types/httproute/
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"
#include "model/platform.h"

namespace mlspec {
namespace {

// Server images often run as root; the pods run them as this user.
constexpr int64_t kServerUid = 1000;
constexpr int kServicePort = 80;
constexpr int kProbePeriodSeconds = 10;
constexpr int64_t kGpuStartupSeconds = 600;  // startup_timeout's default for GPU profiles

std::string Track(bool canary) { return canary ? "canary" : "stable"; }
std::string ObjectName(const Service& svc, bool canary) { return canary ? svc.name + "-canary" : svc.name; }

// What the Deployment and the Service of one track select.
Json Selector(const Service& svc, bool canary) {
  return {{"app.kubernetes.io/name", svc.name}, {"mlspec.io/track", Track(canary)}};
}

Json Probe(const Service& svc, int period, int failures) {
  Json p = svc.health_path.empty() ? Json{{"tcpSocket", {{"port", "http"}}}}
                                   : Json{{"httpGet", {{"path", svc.health_path}, {"port", "http"}}}};
  p["periodSeconds"] = period;
  p["failureThreshold"] = failures;
  return p;
}

Json Deployment(const Model& spec, const Service& svc, bool canary) {
  const Profile& prof = spec.profiles.at(svc.profile);
  const Pool& pool = spec.pools.at(prof.pool);
  ContainerSpec c = svc;
  if (canary) c.image = svc.canary->image;
  const std::optional<Quantity> shm = WorkloadShmSize(prof, false);
  Json container = WorkloadContainer(spec, c, prof, "server", kServerUid, shm.has_value());
  container["ports"] = Json::array({{{"name", "http"}, {"containerPort", svc.port}, {"protocol", "TCP"}}});
  // Model loading takes minutes: the startup probe holds the others back
  // until the server answers, for at most startup_timeout.
  if (svc.startup_timeout_seconds || prof.gpu > 0) {
    const int64_t seconds = svc.startup_timeout_seconds.value_or(kGpuStartupSeconds);
    container["startupProbe"] =
        Probe(svc, kProbePeriodSeconds, static_cast<int>((seconds + kProbePeriodSeconds - 1) / kProbePeriodSeconds));
  }
  container["readinessProbe"] = Probe(svc, kProbePeriodSeconds, 3);
  container["livenessProbe"] = Probe(svc, 2 * kProbePeriodSeconds, 3);

  Json pod = Json::object();
  pod["metadata"]["labels"] = Selector(svc, canary);
  pod["metadata"]["labels"]["app.kubernetes.io/managed-by"] = "mlspec";
  pod["spec"]["priorityClassName"] = kServingPriorityClass;
  pod["spec"]["automountServiceAccountToken"] = false;
  pod["spec"]["nodeSelector"] = PoolNodeSelector(pool);
  Json tolerations = PoolTolerations(pool);
  if (!tolerations.empty()) pod["spec"]["tolerations"] = tolerations;
  pod["spec"]["securityContext"] = PodSecurityContext(kServerUid);
  pod["spec"]["containers"] = Json::array({container});
  Json volumes = WorkloadVolumes(c, shm);
  if (!volumes.empty()) pod["spec"]["volumes"] = volumes;

  Json d;
  d["apiVersion"] = "apps/v1";
  d["kind"] = "Deployment";
  d["metadata"] = Metadata(ObjectName(svc, canary), svc.namespace_name, "serving");
  // Kueue's deployment integration gates the pods until the queue admits them.
  if (!svc.queue.empty()) d["metadata"]["labels"][kQueueNameLabel] = svc.queue;
  // An autoscaled Deployment leaves `replicas` to its autoscaler, so a sync
  // does not reset what the autoscaler chose.
  if (canary) d["spec"]["replicas"] = 1;
  else if (!svc.autoscaled()) d["spec"]["replicas"] = svc.min_replicas;
  d["spec"]["selector"]["matchLabels"] = Selector(svc, canary);
  // A GPU server cannot surge: the extra pod needs a GPU the pool or the
  // quota may not have, and the rollout would stall.
  if (prof.gpu > 0)
    d["spec"]["strategy"] = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", 0}, {"maxUnavailable", 1}}}};
  d["spec"]["template"] = pod;
  return d;
}

Json KubeService(const Service& svc, bool canary) {
  Json s;
  s["apiVersion"] = "v1";
  s["kind"] = "Service";
  s["metadata"] = Metadata(ObjectName(svc, canary), svc.namespace_name, "serving");
  s["spec"]["selector"] = Selector(svc, canary);
  s["spec"]["ports"] =
      Json::array({{{"name", "http"}, {"port", kServicePort}, {"targetPort", "http"}, {"protocol", "TCP"}}});
  return s;
}

Json Autoscaler(const Model& spec, const Service& svc, ScaleSignal signal) {
  const std::string name = ObjectName(svc, false);
  if (signal == ScaleSignal::kGpu) {
    const Profile& prof = spec.profiles.at(svc.profile);
    return GpuScaledObject(spec, name, svc.namespace_name, {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}}, name,
                           name, svc.min_replicas, svc.max_replicas, svc.scale_target, prof.gpu);
  }
  Json h;
  h["apiVersion"] = "autoscaling/v2";
  h["kind"] = "HorizontalPodAutoscaler";
  h["metadata"] = Metadata(name, svc.namespace_name, "serving");
  h["spec"]["scaleTargetRef"] = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", name}};
  h["spec"]["minReplicas"] = svc.min_replicas;
  h["spec"]["maxReplicas"] = svc.max_replicas;
  h["spec"]["metrics"] =
      Json::array({{{"type", "Resource"},
                    {"resource",
                     {{"name", std::string(ScaleSignalName(signal))},
                      {"target", {{"type", "Utilization"}, {"averageUtilization", svc.scale_target}}}}}}});
  return h;
}

Json DisruptionBudget(const Service& svc) {
  Json pdb;
  pdb["apiVersion"] = "policy/v1";
  pdb["kind"] = "PodDisruptionBudget";
  pdb["metadata"] = Metadata(svc.name, svc.namespace_name, "serving");
  pdb["spec"]["maxUnavailable"] = 1;
  pdb["spec"]["selector"]["matchLabels"] = Selector(svc, false);
  return pdb;
}

Json Route(const Service& svc) {
  auto backend = [&](bool canary) { return Json{{"name", ObjectName(svc, canary)}, {"port", kServicePort}}; };
  const size_t slash = svc.gateway.find('/');
  Json r;
  r["apiVersion"] = "gateway.networking.k8s.io/v1";
  r["kind"] = "HTTPRoute";
  r["metadata"] = Metadata(svc.name, svc.namespace_name, "serving");
  r["spec"]["parentRefs"] =
      Json::array({{{"name", svc.gateway.substr(slash + 1)}, {"namespace", svc.gateway.substr(0, slash)}}});
  if (!svc.hostname.empty()) r["spec"]["hostnames"] = Json::array({svc.hostname});
  Json rules = Json::array();
  if (svc.canary && !svc.canary->header_name.empty())
    rules.push_back({{"matches", Json::array({{{"headers", Json::array({{{"type", "Exact"},
                                                                         {"name", svc.canary->header_name},
                                                                         {"value", svc.canary->header_value}}})}}})},
                     {"backendRefs", Json::array({backend(true)})}});
  Json split = Json::array();
  if (svc.canary) {
    Json stable = backend(false), canary = backend(true);
    stable["weight"] = 100 - svc.canary->weight;
    canary["weight"] = svc.canary->weight;
    split = Json::array({stable, canary});
  } else {
    split = Json::array({backend(false)});
  }
  rules.push_back({{"backendRefs", split}});
  r["spec"]["rules"] = rules;
  return r;
}

}  // namespace

Json GpuScaledObject(const Model& spec, const std::string& name, const std::string& ns, const Json& target,
                     const std::string& target_name, const std::string& pod_prefix, int min_replicas, int max_replicas,
                     int percent, int gpus_per_pod) {
  // The GPU operator's DCGM exporter labels each GPU's samples with the pod
  // and namespace that hold it (DCGM_EXPORTER_KUBERNETES=true in the chart);
  // its ServiceMonitor keeps the chart's honorLabels: false, so Prometheus
  // stores them as exported_pod and exported_namespace. The sum over this
  // workload's GPUs divided by GPUs per pod is the utilisation of one pod's
  // worth; KEDA's AverageValue target divides by the replicas.
  std::string query = "sum(DCGM_FI_DEV_GPU_UTIL{exported_namespace=\"" + ns + "\", exported_pod=~\"" + pod_prefix +
                      "-[a-z0-9]+-[a-z0-9]+\"})";
  if (gpus_per_pod > 1) query += " / " + std::to_string(gpus_per_pod);
  Json so;
  so["apiVersion"] = "keda.sh/v1alpha1";
  so["kind"] = "ScaledObject";
  so["metadata"] = Metadata(name, ns, "serving");
  so["spec"]["scaleTargetRef"] = target;
  so["spec"]["scaleTargetRef"]["name"] = target_name;
  so["spec"]["minReplicaCount"] = min_replicas;
  so["spec"]["maxReplicaCount"] = max_replicas;
  so["spec"]["triggers"] = Json::array(
      {{{"type", "prometheus"},
        {"metadata",
         {{"serverAddress", PrometheusUrl(spec)}, {"query", query}, {"threshold", std::to_string(percent)}}}}});
  return so;
}

void EmitServices(const Model& spec, FileSet& out) {
  for (const auto& [name, svc] : spec.services) {
    const Profile& prof = spec.profiles.at(svc.profile);  // Validate checked the reference
    std::vector<Json> docs;
    docs.push_back(Deployment(spec, svc, false));
    docs.push_back(KubeService(svc, false));
    if (svc.canary) {
      docs.push_back(Deployment(spec, svc, true));
      docs.push_back(KubeService(svc, true));
    }
    if (svc.autoscaled()) docs.push_back(Autoscaler(spec, svc, EffectiveScaleOn(svc.scale_on, prof)));
    // With one replica a budget of maxUnavailable 1 protects nothing, and
    // minAvailable 1 would block every drain (docs/workloads.md).
    if (svc.min_replicas >= 2) docs.push_back(DisruptionBudget(svc));
    if (svc.canary || !svc.hostname.empty()) docs.push_back(Route(svc));
    AddManifest(spec, out, "manifests/" + svc.namespace_name + "/service-" + name + ".yaml", docs);
  }
}

}  // namespace mlspec
