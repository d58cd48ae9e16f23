// Values of the platform components the tree installs (model/platform.h).
// Each controller runs on the service pool (a pool without GPUs), with its
// node selector and exactly that pool's tolerations; only node-exporter runs
// on every node (the chart's default tolerates every NoSchedule taint, GPU
// pools' included). Keys checked against the pinned charts in
// shared/charts-src (SOURCES.tsv):
//   cert-manager v1.21.1        deploy/charts/cert-manager/values.yaml
//   keda 2.20.2                 kedacore/charts keda/values.yaml
//   kube-prometheus-stack 88.0.1 charts/kube-prometheus-stack/values.yaml
//                               (and charts/kube-state-metrics/values.yaml)
//   cluster-autoscaler 9.59.0   cluster-autoscaler/charts/cluster-autoscaler/values.yaml
//   kueue 0.19.0                charts/kueue/values.yaml
#include "base/yaml_writer.h"
#include "emit/helm/helm_values.h"
#include "emit/names.h"

namespace mlspec {
namespace {

using helm_internal::ServiceNodeSelector;
using helm_internal::ServiceTolerations;

// {nodeSelector, tolerations} for a pod of a component.
Json Placement(const Model& spec) {
  Json p = Json::object();
  p["nodeSelector"] = ServiceNodeSelector(spec);
  Json t = ServiceTolerations(spec);
  if (!t.empty()) p["tolerations"] = t;
  return p;
}

}  // namespace

Json CertManagerValues(const Model& spec) {
  Json v = Json::object();
  // The chart installs cert-manager's CRDs only when asked (crds.enabled,
  // the successor of installCRDs).
  v["crds"] = {{"enabled", true}};
  v.update(Placement(spec));
  for (const char* part : {"webhook", "cainjector", "startupapicheck"}) v[part] = Placement(spec);
  return v;
}

Json KedaValues(const Model& spec) {
  // crds.install defaults to true; the operator, metrics API server and
  // admission webhooks share the top-level nodeSelector and tolerations.
  return Placement(spec);
}

Json KubePrometheusStackValues(const Model& spec) {
  Json v = Json::object();
  v["prometheusOperator"] = Placement(spec);
  v["prometheusOperator"]["admissionWebhooks"] = {{"deployment", Placement(spec)}, {"patch", Placement(spec)}};
  // Select ServiceMonitors, PodMonitors and rules of every release, not only
  // this chart's own: the GPU operator's DCGM ServiceMonitor carries no
  // `release` label.
  Json prom = Placement(spec);
  prom["serviceMonitorSelectorNilUsesHelmValues"] = false;
  prom["podMonitorSelectorNilUsesHelmValues"] = false;
  prom["ruleSelectorNilUsesHelmValues"] = false;
  v["prometheus"] = {{"prometheusSpec", prom}};
  v["alertmanager"] = {{"alertmanagerSpec", Placement(spec)}};
  v["grafana"] = Placement(spec);
  // The GPU alerts and dashboard (kubernetes/monitoring.cc) find a node's
  // pool through kube_node_labels{label_mlspec_io_pool}, and a Pending pod's
  // through kube_pod_nodeselectors (opt-in since kube-state-metrics 2.x).
  Json ksm = Placement(spec);
  ksm["metricLabelsAllowlist"] = Json::array({"nodes=[mlspec.io/pool]"});
  ksm["extraArgs"] = Json::array({"--metric-opt-in-list=kube_pod_nodeselectors"});
  v["kube-state-metrics"] = ksm;
  return v;
}

Json ClusterAutoscalerValues(const Model& spec) {
  Json v = Json::object();
  v["cloudProvider"] = "aws";
  v["awsRegion"] = spec.cluster.region;
  // Finds the Auto Scaling groups EKS tagged k8s.io/cluster-autoscaler/enabled
  // and k8s.io/cluster-autoscaler/<cluster name> (the chart's default tags).
  v["autoDiscovery"] = {{"clusterName", spec.cluster.name}};
  // The name Terraform's Pod Identity association binds the IAM role to.
  v["rbac"] = {{"serviceAccount", {{"create", true}, {"name", kClusterAutoscalerServiceAccount}}}};
  v["extraArgs"] = {{"expander", "least-waste"}, {"balance-similar-node-groups", true}};
  v.update(Placement(spec));
  v["securityContext"] = {{"runAsNonRoot", true},
                          {"runAsUser", 65534},
                          {"runAsGroup", 65534},
                          {"seccompProfile", {{"type", "RuntimeDefault"}}}};
  v["containerSecurityContext"] = {{"allowPrivilegeEscalation", false},
                                   {"capabilities", {{"drop", Json::array({"ALL"})}}},
                                   {"readOnlyRootFilesystem", true}};
  v["resources"] = {{"requests", {{"cpu", "100m"}, {"memory", "600Mi"}}}, {"limits", {{"memory", "600Mi"}}}};
  return v;
}

Json KueueValues(const Model& spec) {
  // The manager's configuration replaces the chart's whole default; only
  // `integrations` differs: the kinds the tree queues.
  Json frameworks = Json::array({"batch/job"});
  bool pytorch = false, tf = false, deployment = false;
  for (const auto& [name, job] : spec.jobs) {
    if (job.queue.empty()) continue;
    pytorch = pytorch || job.kind() == Job::Kind::kPyTorchJob;
    tf = tf || job.kind() == Job::Kind::kTFJob;
  }
  for (const auto& [name, svc] : spec.services) deployment = deployment || !svc.queue.empty();
  if (pytorch) frameworks.push_back("kubeflow.org/pytorchjob");
  if (tf) frameworks.push_back("kubeflow.org/tfjob");
  if (deployment) {  // Deployments are admitted pod by pod.
    frameworks.push_back("pod");
    frameworks.push_back("deployment");
  }
  Json config = Json::object();
  config["apiVersion"] = "config.kueue.x-k8s.io/v1beta2";
  config["kind"] = "Configuration";
  config["health"] = {{"healthProbeBindAddress", ":8081"}};
  config["metrics"] = {{"bindAddress", ":8443"}};
  config["webhook"] = {{"port", 9443}};
  config["leaderElection"] = {{"leaderElect", true}, {"resourceName", "c1f6bfd2.kueue.x-k8s.io"}};
  config["integrations"] = {{"frameworks", frameworks}};

  Json v = Json::object();
  v["controllerManager"] = Placement(spec);
  v["managerConfig"] = {{"controllerManagerConfigYaml", ToYaml(config)}};
  return v;
}

}  // namespace mlspec
