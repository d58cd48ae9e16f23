// Namespaces, PriorityClasses, and each namespace's quota, defaults and
// network isolation.
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"

namespace mlspec {
namespace {

bool HasInference(const Model& spec, const std::string& ns) {
  for (const auto& [name, inf] : spec.inference)
    if (inf.namespace_name == ns) return true;
  return false;
}

Json PriorityClass(const std::string& name, int value, const std::string& description) {
  Json j;
  j["apiVersion"] = "scheduling.k8s.io/v1";
  j["kind"] = "PriorityClass";
  j["metadata"] = Metadata(name, "", "scheduling");
  j["value"] = value;
  j["globalDefault"] = false;
  j["preemptionPolicy"] = "PreemptLowerPriority";
  j["description"] = description;
  return j;
}

Json NetworkPolicy(const std::string& name, const std::string& ns, Json pod_selector, Json ingress) {
  Json j;
  j["apiVersion"] = "networking.k8s.io/v1";
  j["kind"] = "NetworkPolicy";
  j["metadata"] = Metadata(name, ns, "network-isolation");
  j["spec"]["podSelector"] = std::move(pod_selector);
  j["spec"]["policyTypes"] = Json::array({"Ingress"});
  if (!ingress.is_null()) j["spec"]["ingress"] = std::move(ingress);
  return j;
}

// Ingress rules admitting pods of every namespace.
Json FromAnyNamespace() { return Json::array({{{"from", Json::array({{{"namespaceSelector", Json::object()}}})}}}); }

}  // namespace

void EmitClusterScoped(const Model& spec, FileSet& out) {
  std::vector<Json> namespaces;
  for (const auto& [name, ns] : spec.namespaces) {
    Json j;
    j["apiVersion"] = "v1";
    j["kind"] = "Namespace";
    j["metadata"] = Metadata(name, "", "namespace");
    // Pod Security Admission: workloads mlspec emits meet "restricted" for
    // the pod-level fields it controls; enforce "baseline" (no privileged
    // pods, no host namespaces) and warn on "restricted" so hand-written
    // workloads are not broken by a rollout. The GPU operator's operands
    // (driver, toolkit) need privileged pods in its namespace.
    // https://kubernetes.io/docs/concepts/security/pod-security-admission/
    if (spec.gpu_operator && spec.gpu_operator->namespace_name == name) {
      j["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] = "privileged";
    } else {
      j["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] = "baseline";
      j["metadata"]["labels"]["pod-security.kubernetes.io/warn"] = "restricted";
    }
    namespaces.push_back(std::move(j));
  }
  AddManifest(spec, out, "manifests/cluster/namespaces.yaml", namespaces);
  std::vector<Json> classes;
  if (!spec.inference.empty())
    classes.push_back(PriorityClass(kServingPriorityClass, 100000,
                                    "Online inference: scheduled ahead of batch and notebook pods on GPU pools."));
  if (!spec.jobs.empty())
    classes.push_back(PriorityClass(kBatchPriorityClass, 1000,
                                    "Training and batch jobs: below online inference, so serving keeps its GPUs."));
  if (spec.preflight)
    classes.push_back(PriorityClass(kPreflightPriorityClass, 200000,
                                    "mlspec preflight: validates a GPU node before it takes other work."));
  if (!classes.empty()) AddManifest(spec, out, "manifests/cluster/priorityclasses.yaml", classes);
}

void EmitNamespacePolicies(const Model& spec, FileSet& out) {
  for (const auto& [name, ns] : spec.namespaces) {
    std::vector<Json> docs;
    const bool limit_defaults = ns.default_limit && (ns.default_limit->cpu || ns.default_limit->memory);
    if (ns.quota) {
      const QuotaSpec& q = *ns.quota;
      Json hard = Json::object();
      // Extended resources are quota'd by their request only:
      // https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-for-extended-resources
      if (q.gpu) hard["requests.nvidia.com/gpu"] = std::to_string(*q.gpu);
      if (q.cpu) hard["requests.cpu"] = q.cpu->Canonical();
      if (q.memory) hard["requests.memory"] = q.memory->Canonical();
      // A limits.* quota makes the API server reject pods without limits, so
      // it is set only where the LimitRange below supplies default limits.
      if (q.cpu && limit_defaults && ns.default_limit->cpu) hard["limits.cpu"] = q.cpu->Canonical();
      if (q.memory && limit_defaults && ns.default_limit->memory) hard["limits.memory"] = q.memory->Canonical();
      if (q.pods) hard["pods"] = std::to_string(*q.pods);
      Json j;
      j["apiVersion"] = "v1";
      j["kind"] = "ResourceQuota";
      j["metadata"] = Metadata("mlspec-quota", name, "quota");
      j["spec"]["hard"] = hard;
      docs.push_back(std::move(j));
    }
    if (ns.default_request || ns.default_limit) {
      Json limit = Json::object();
      limit["type"] = "Container";
      auto pair = [](const ResourcePair& p) {
        Json r = Json::object();
        if (p.cpu) r["cpu"] = p.cpu->Canonical();
        if (p.memory) r["memory"] = p.memory->Canonical();
        return r;
      };
      if (ns.default_limit) limit["default"] = pair(*ns.default_limit);
      if (ns.default_request) limit["defaultRequest"] = pair(*ns.default_request);
      Json j;
      j["apiVersion"] = "v1";
      j["kind"] = "LimitRange";
      j["metadata"] = Metadata("mlspec-defaults", name, "quota");
      j["spec"]["limits"] = Json::array({limit});
      docs.push_back(std::move(j));
    }
    if (ns.isolation) {
      docs.push_back(NetworkPolicy("default-deny-ingress", name, Json::object(), Json::array()));
      docs.push_back(NetworkPolicy("allow-same-namespace", name, Json::object(),
                                   Json::array({{{"from", Json::array({{{"podSelector", Json::object()}}})}}})));
      // Components placed here must stay reachable from where their clients are.
      if (spec.jupyterhub && spec.jupyterhub->namespace_name == name) {
        // Users reach JupyterHub through its proxy (z2jh labels: app, component).
        docs.push_back(NetworkPolicy("allow-jupyterhub-proxy", name,
                                     {{"matchLabels", {{"app", "jupyterhub"}, {"component", "proxy"}}}},
                                     Json::array({Json::object()})));
      }
      if (spec.mlflow && spec.mlflow->namespace_name == name) {
        // Training jobs in other namespaces log to the tracking server.
        docs.push_back(NetworkPolicy("allow-mlflow-clients", name,
                                     {{"matchLabels", {{"app.kubernetes.io/name", "mlflow"}}}}, FromAnyNamespace()));
      }
      if (HasInference(spec, name)) {
        // KServe's ingress gateway and (Serverless) the Knative activator
        // live in other namespaces and must reach the predictors.
        docs.push_back(NetworkPolicy("allow-kserve-ingress", name,
                                     {{"matchExpressions", Json::array({{{"key", "serving.kserve.io/inferenceservice"},
                                                                         {"operator", "Exists"}}})}},
                                     FromAnyNamespace()));
      }
      if (spec.gpu_operator && spec.gpu_operator->namespace_name == name && spec.gpu_operator->dcgm_exporter) {
        // Prometheus scrapes the DCGM exporter (port 9400) from its own namespace.
        docs.push_back(NetworkPolicy("allow-dcgm-scrape", name, {{"matchLabels", {{"app", "nvidia-dcgm-exporter"}}}},
                                     Json::array({{{"from", Json::array({{{"namespaceSelector", Json::object()}}})},
                                                   {"ports", Json::array({{{"port", 9400}, {"protocol", "TCP"}}})}}})));
      }
    }
    if (!docs.empty()) AddManifest(spec, out, "manifests/" + name + "/policies.yaml", docs);
  }
}

}  // namespace mlspec
