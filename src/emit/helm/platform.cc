// Values of the platform components the tree installs (model/platform.h).
// Each controller runs on the service pool (a pool without GPUs), with its
// node selector and exactly that pool's tolerations; only node-exporter runs
// on every node (the chart's default tolerates every NoSchedule taint, GPU
// pools' included). Keys checked against the pinned charts in
// shared/charts-src (SOURCES.tsv):
//   cert-manager v1.21.1        deploy/charts/cert-manager/values.yaml
//   keda 2.20.2                 kedacore/charts keda/values.yaml
//   kube-prometheus-stack 88.0.1 charts/kube-prometheus-stack/values.yaml
#include "emit/helm/helm_values.h"

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
  v["kube-state-metrics"] = Placement(spec);
  return v;
}

}  // namespace mlspec
