// README.md of the output tree: what was generated from which spec, the
// pools and their capacity, where each workload lands, and what a person must
// do by hand (Secrets, running preflight after scale-up).
#include <algorithm>
#include <map>
#include <set>

#include "base/version.h"
#include "emit/components.h"
#include "emit/emit.h"
#include "emit/kubernetes/kubernetes.h"
#include "emit/names.h"
#include "emit/scheduling.h"
#include "model/platform.h"
#include "model/queues.h"
#include "model/workloads.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string Code(const std::string& s) { return "`" + s + "`"; }

// Mermaid node ids must be plain identifiers.
std::string Id(const std::string& prefix, const std::string& name) {
  std::string id = prefix + "_";
  for (char c : name) id += (c == '-' || c == '.') ? '_' : c;
  return id;
}

// "## GPUs at peak": what the emitted workloads ask for when all of them run
// at once (the numbers the quota check sums), per workload, namespace and pool.
void EmitPeakGpus(const Model& spec, std::string& r) {
  const std::vector<PlannedWorkload> planned = PlannedWorkloads(spec);
  std::map<std::string, int64_t> per_namespace, per_pool;
  bool any_gpu = false;
  for (const PlannedWorkload& w : planned) {
    per_namespace[w.namespace_name] += w.pods * w.per_pod.gpu;
    per_pool[w.pool] += w.pods * w.per_pod.gpu;
    any_gpu = any_gpu || w.per_pod.gpu > 0;
  }
  if (!any_gpu) return;
  r += "\n## GPUs at peak\n\n"
       "What the generated workloads ask for when all of them run at once: InferenceServices at `min_replicas`, "
       "services at `max_replicas` (plus a canary's pod), "
       "jobs at their workers (or a sweep's `parallelism`; a CronJob runs one at a time), preflight at its pods. "
       "The quota check sums the same numbers. Notebook servers, which JupyterHub starts on demand, are not "
       "counted.\n\n";
  r += "| workload | kind | namespace | pool | pods | GPUs/pod | GPUs |\n|---|---|---|---|---|---|---|\n";
  for (const PlannedWorkload& w : planned) {
    if (w.per_pod.gpu == 0) continue;
    r += "| " + w.what + " | " + w.kind + " | " + Code(w.namespace_name) + " | " + Code(w.pool) + " | " +
         std::to_string(w.pods) + " | " + std::to_string(w.per_pod.gpu) + " | " +
         std::to_string(w.pods * w.per_pod.gpu) + " |\n";
  }
  r += "\n| namespace | GPUs at peak | GPU quota |\n|---|---|---|\n";
  for (const auto& [ns, gpus] : per_namespace) {
    if (gpus == 0) continue;
    auto it = spec.namespaces.find(ns);
    const bool quota = it != spec.namespaces.end() && it->second.quota && it->second.quota->gpu;
    r += "| " + Code(ns) + " | " + std::to_string(gpus) + " | " +
         (quota ? std::to_string(*it->second.quota->gpu) : "-") + " |\n";
  }
  r += "\n| pool | GPUs at peak | schedulable GPUs at `max_nodes` |\n|---|---|---|\n";
  for (const auto& [name, gpus] : per_pool) {
    if (gpus == 0) continue;
    auto it = spec.pools.find(name);
    const std::string capacity = it == spec.pools.end() ? "-" : std::to_string(PoolGpuCapacity(it->second));
    r += "| " + Code(name) + " | " + std::to_string(gpus) + " | " + capacity + " |\n";
  }
}

// "## Model servers": how each [services.*] scales, why it has a disruption
// budget or not, and where its route attaches.
void EmitServers(const Model& spec, std::string& r) {
  if (spec.services.empty()) return;
  r += "\n## Model servers\n\n| service | namespace | pool | replicas | scales on | disruption budget | route |\n"
       "|---|---|---|---|---|---|---|\n";
  for (const auto& [name, svc] : spec.services) {
    const Profile& prof = spec.profiles.at(svc.profile);
    const ScaleSignal signal = EffectiveScaleOn(svc.scale_on, prof);
    std::string scaling = "fixed";
    if (svc.autoscaled())
      scaling = signal == ScaleSignal::kGpu
                    ? "GPU utilisation " + std::to_string(svc.scale_target) + "% (KEDA)"
                    : std::string(ScaleSignalName(signal)) + " " + std::to_string(svc.scale_target) + "% (HPA)";
    std::string replicas = svc.autoscaled() ? std::to_string(svc.min_replicas) + "–" + std::to_string(svc.max_replicas)
                                            : std::to_string(svc.min_replicas);
    if (svc.canary) replicas += " + 1 canary";
    const std::string pdb = svc.min_replicas >= 2 ? "maxUnavailable 1"
                                                  : "none: with one replica a budget would block node drains and "
                                                    "driver upgrades";
    std::string route = "-";
    if (svc.canary || !svc.hostname.empty()) {
      route = Code(svc.gateway) + (svc.hostname.empty() ? "" : " " + Code(svc.hostname));
      if (svc.canary)
        route += ", canary " + std::to_string(svc.canary->weight) + "%" +
                 (svc.canary->header_name.empty()
                      ? ""
                      : " and " + Code(svc.canary->header_name + ": " + svc.canary->header_value));
    }
    r += "| " + Code(name) + " | " + Code(svc.namespace_name) + " | " + Code(prof.pool) + " | " + replicas + " | " +
         scaling + " | " + pdb + " | " + route + " |\n";
  }
}

// The Secret an `auth` names, with the kubectl command that creates it; empty
// when the auth needs none.
std::string OAuthSecretCommand(const WebAccess& w, const std::string& ns, bool cookie) {
  if (!w.auth || !w.auth->oauth()) return "";
  return "kubectl -n " + ns + " create secret generic " + w.auth->client_secret +
         " --from-literal=client_id=CLIENT_ID --from-literal=client_secret=CLIENT_SECRET" +
         (cookie ? " --from-literal=cookie_secret=$(openssl rand -hex 16)" : "");
}

// How a web UI is reached and who signs in, for the first screen.
std::string AccessLine(const std::string& what, const WebAccess& w, const std::string& ns, const std::string& service,
                       int port) {
  std::string how;
  if (!w.exposed())
    how = "`kubectl -n " + ns + " port-forward svc/" + service + " 8080:" + std::to_string(port) +
          "`, then http://localhost:8080 (not exposed outside the cluster)";
  else if (!w.gateway.empty()) how = "https://" + w.hostname + " (HTTPRoute on Gateway " + Code(w.gateway) + ")";
  else if (!w.ingress_class.empty()) how = "https://" + w.hostname + " (Ingress, class " + Code(w.ingress_class) + ")";
  else
    how = "http://" + w.hostname + " (the LoadBalancer Service " + Code(service) +
          "; point the name at its "
          "EXTERNAL-IP: `kubectl -n " +
          ns + " get svc " + service + "`)";
  std::string login = "no login";
  if (w.auth) {
    const AuthSpec& a = *w.auth;
    login = a.oauth() ? std::string("sign-in with ") + std::string(AuthTypeName(a.type))
                      : std::string("dummy login: any user name and password");
  } else if (what == "JupyterHub") {
    login = "the chart's dummy login (any user name and password; reachable only with cluster access)";
  }
  return what + ": " + how + "; " + login;
}

}  // namespace

void EmitReadme(const Model& spec, const std::vector<Component>& components, std::string_view tree_sha256,
                FileSet& out) {
  std::string r;
  r += "<!-- Generated by mlspec " + std::string(kVersion) + " from " + SpecDisplayName(spec) + ". Do not edit. -->\n";
  r += "# " + spec.cluster.name + ": generated GitOps tree\n\n";
  r +=
      "Generated by mlspec " + std::string(kVersion) + " from " + Code(SpecDisplayName(spec)) +
      ". Do not edit these files: change the spec and run `mlspec compile` again (`mlspec compile SPEC --check -o DIR` "
      "tells whether this tree is up to date).\n\n";
  r += "| | |\n|---|---|\n";
  r += "| spec sha256 | " + Code(spec.source_sha256) + " |\n";
  r += "| tree sha256 | " + Code(std::string(tree_sha256)) + " |\n";
  r += "| provider | " + std::string(ProviderName(spec.cluster.provider)) +
       (spec.cluster.region.empty() ? "" : " (" + spec.cluster.region + ")") + " |\n\n";

  // The first screen: what is here, what to do by hand, how to sync.
  r += "## Start here\n\n";
  int releases = 0, folders = 0;
  for (const Component& c : components) {
    releases += c.kind == Component::Kind::kHelmRelease;
    folders += c.kind == Component::Kind::kManifests;
  }
  const bool terraform = std::any_of(components.begin(), components.end(),
                                     [](const Component& c) { return c.kind == Component::Kind::kTerraform; });
  r += "1. **What is here:** " + std::to_string(releases) + " Helm release(s) and " + std::to_string(folders) +
       " manifests folder(s)" + (spec.gitops ? ", each an ArgoCD Application" : "") +
       (terraform ? ", and the Terraform module that creates the node pools" : "") + " (see Components).\n";
  if (terraform)
    r += "2. **Create the node pools:** `terraform -chdir=terraform init && terraform -chdir=terraform apply` "
         "(inputs in `terraform/variables.tf`).\n";
  else r += "2. **Label the nodes:** each node carries `mlspec.io/pool=POOL` and its pool's taints (see Pools).\n";
  std::vector<std::string> by_hand;
  if (spec.mlflow)
    by_hand.push_back("Secret " + Code(spec.mlflow->backend_store_secret) + " in " + Code(spec.mlflow->namespace_name));
  if (spec.jupyterhub)
    by_hand.push_back("Secret " + Code(spec.jupyterhub->hub_secret) + " in " + Code(spec.jupyterhub->namespace_name));
  auto access_secrets = [&](const WebAccess& w, const std::string& ns, const std::string& what) {
    if (w.auth && w.auth->oauth())
      by_hand.push_back("Secret " + Code(w.auth->client_secret) + " in " + Code(ns) + " (" + what + "'s OAuth client)");
    if (!w.tls_secret.empty())
      by_hand.push_back("Secret " + Code(w.tls_secret) + " in " + Code(ns) + " (" + what + "'s TLS certificate)");
  };
  if (spec.jupyterhub) access_secrets(*spec.jupyterhub, spec.jupyterhub->namespace_name, "JupyterHub");
  if (spec.mlflow) access_secrets(*spec.mlflow, spec.mlflow->namespace_name, "MLflow");
  r += "3. **Create by hand:** " +
       (by_hand.empty() ? std::string("nothing") : Join(by_hand, ", ") + " (see Before the first sync)") + ".\n";
  std::vector<std::string> provided;
  if (spec.platform)
    for (const std::string& id : spec.platform->provided) provided.push_back(Code(id));
  r += "4. **The cluster must provide:** " +
       (provided.empty()
            ? std::string("nothing beyond Kubernetes") + (spec.gitops ? " and ArgoCD" : "")
            : Join(provided, ", ") + (spec.gitops ? ", and ArgoCD" : "") + " (see What the cluster must provide)") +
       ".\n";
  r += std::string("5. **Sync:** ") +
       (spec.gitops
            ? "commit this tree, then `kubectl apply -n " + spec.gitops->argocd_namespace +
                  " -f argocd/root.yaml` (after the health check in Before the first sync); ArgoCD syncs the rest in "
                  "wave order."
            : "apply the manifests folders in the order of their sync waves (Components), and install each "
              "Helm release with its values file.") +
       "\n";
  std::vector<std::string> open;
  if (spec.jupyterhub)
    open.push_back(AccessLine("JupyterHub", *spec.jupyterhub, spec.jupyterhub->namespace_name, "proxy-public", 80));
  if (spec.mlflow) open.push_back(AccessLine("MLflow", *spec.mlflow, spec.mlflow->namespace_name, "mlflow", 80));
  if (!open.empty()) r += "6. **Open:** " + Join(open, ". ") + ".\n";
  r += "\n";

  r += "## Pools\n\n";
  r += "| pool | instance | GPU | GPUs/node | nodes | spot | taints (as the nodes carry them) | max GPUs |\n";
  r += "|---|---|---|---|---|---|---|---|\n";
  for (const auto& [name, p] : spec.pools) {
    std::vector<std::string> taints;
    for (const Taint& t : p.effective_taints) taints.push_back(Code(t.ToString()));
    std::string gpu = p.gpu ? p.gpu->product_name : "-";
    std::string per_node = p.has_gpu() ? std::to_string(p.gpus_per_node) : "-";
    if (p.has_gpu() && p.gpu_sharing)
      per_node += " (" + std::to_string(p.schedulable_gpus_per_node()) + " schedulable, " +
                  (p.gpu_sharing->strategy == GpuSharing::Strategy::kMig
                       ? "MIG " + p.gpu_sharing->mig_profile
                       : "time-sliced ×" + std::to_string(p.gpu_sharing->replicas)) +
                  ")";
    r += "| " + Code(name) + " | " + (p.instance_type.empty() ? "-" : p.instance_type) + " | " + gpu + " | " +
         per_node + " | " + std::to_string(p.min_nodes) + "–" + std::to_string(p.max_nodes) + " | " +
         (p.spot ? "yes" : "no") + " | " + (taints.empty() ? "-" : Join(taints, "<br>")) + " | " +
         (p.has_gpu() ? std::to_string(p.gpus_per_node * p.max_nodes) : "-") + " |\n";
  }
  r += "\nWorkloads select a pool by the node label " + Code("mlspec.io/pool=NAME") +
       " (Terraform sets it; on provider `kubernetes`, label the nodes yourself) and tolerate every taint listed, "
       "including the ones the cloud adds.\n\n";

  r += "## Scaling\n\n| pool | how it scales |\n|---|---|\n";
  const Provider& provider = ProviderFor(spec.cluster.provider);
  for (const auto& [name, p] : spec.pools) r += "| " + Code(name) + " | " + provider.ScalingNote(p) + " |\n";
  if (Installs(spec, Prerequisite::kClusterAutoscaler) || IsProvided(spec, Prerequisite::kClusterAutoscaler))
    r += "\ncluster-autoscaler finds the node groups by the tags EKS puts on their Auto Scaling groups "
         "(`k8s.io/cluster-autoscaler/enabled`, `k8s.io/cluster-autoscaler/" +
         spec.cluster.name + "`: the EKS cluster must be named " + Code(spec.cluster.name) +
         ", as `[cluster] name` says), and learns what a node of an empty group would offer from the "
         "node-template tags in `terraform/node_pools.tf`. " +
         (Installs(spec, Prerequisite::kClusterAutoscaler)
              ? std::string("Its IAM role is the Terraform input `cluster_autoscaler_role_arn`, bound to its "
                            "ServiceAccount by EKS Pod Identity (the cluster needs the `eks-pod-identity-agent` "
                            "add-on; the role's policy is in mlspec's docs/operations.md).")
              : std::string()) +
         "\n";
  r += "\n";

  if (HasGpuMonitoring(spec) || !spec.queues.empty()) {
    r += "## GPU operations\n\n";
    if (HasGpuMonitoring(spec)) {
      const std::string ns = spec.monitoring->namespace_name;
      r += "- **Alerts** (`manifests/" + ns +
           "/gpu-alerts.yaml`, a PrometheusRule): per GPU pool GPUIdle (under 5 % for the `gpu_idle_alert` of "
           "[monitoring]), GPUXidError, GPUTemperatureHigh, GPURowRemapFailure, GPUUncorrectableMemoryErrors" +
           (spec.preflight ? std::string(", GPUNodePreflightFailed") : std::string()) +
           "; per namespace with a GPU quota GPUQuotaNearlyFull. Each names its pool or namespace and the runbook "
           "section of mlspec's docs/operations.md.\n";
      r += "- **Dashboard** (`manifests/" + ns +
           "/gpu-dashboard.yaml`, a ConfigMap labelled `grafana_dashboard: \"1\"` for Grafana's dashboard sidecar): "
           "GPU utilisation, framebuffer memory and power per pool and per namespace, allocated versus used GPUs, "
           "idle GPUs held by pods, pending GPU pods per pool.\n";
    }
    for (const auto& [name, q] : spec.queues) {
      std::vector<std::string> parts;
      for (const FlavorQuota& f : QueueFlavorQuotas(spec, q))
        parts.push_back(std::to_string(f.gpus) + " on " + Code(f.pool->name));
      std::vector<std::string> nss;
      for (const std::string& n : q.namespaces) nss.push_back(Code(n));
      r += "- **Queue " + Code(name) + "** (Kueue ClusterQueue, LocalQueue `" + name + "` in " + Join(nss, ", ") +
           "): " + std::to_string(q.gpus) + " nominal GPUs (" + Join(parts, ", ") + ")" +
           (q.cohort.empty() ? std::string() : "; borrows unused GPUs within cohort " + Code(q.cohort)) + ".\n";
    }
    r += "\n";
  }

  r += "## Namespaces and GPU quota\n\n| namespace | GPU quota | CPU quota | memory quota | isolation "
       "|\n|---|---|---|---|---|\n";
  for (const auto& [name, ns] : spec.namespaces) {
    // Named capture: clang 14 cannot capture a structured binding (C++20 P1091, clang 16).
    auto q = [&ns = ns](auto f) { return ns.quota ? f(*ns.quota) : std::string("-"); };
    r += "| " + Code(name) + " | " + q([](const QuotaSpec& x) { return x.gpu ? std::to_string(*x.gpu) : "-"; }) +
         " | " + q([](const QuotaSpec& x) { return x.cpu ? x.cpu->Canonical() : "-"; }) + " | " +
         q([](const QuotaSpec& x) { return x.memory ? x.memory->Canonical() : "-"; }) + " | " +
         (ns.isolation ? "default-deny ingress" : "-") + " |\n";
  }

  EmitPeakGpus(spec, r);
  EmitServers(spec, r);

  r += "\n## Where workloads land\n\n```mermaid\nflowchart LR\n";
  for (const auto& [name, p] : spec.pools)
    r += "  " + Id("pool", name) + "[(\"pool " + name + (p.gpu ? "<br>" + p.gpu->product_name : "") + "\")]\n";
  std::set<std::string> profile_nodes;
  auto profile_edge = [&](const std::string& from, const std::string& profile) {
    auto it = spec.profiles.find(profile);
    if (it == spec.profiles.end()) return;
    if (profile_nodes.insert(profile).second) {
      r += "  " + Id("profile", profile) + "[\"profile " + profile + "\"] --> " + Id("pool", it->second.pool) + "\n";
    }
    if (!from.empty()) r += "  " + from + " --> " + Id("profile", profile) + "\n";
  };
  const Pool* service = ServicePool(spec);
  if (spec.jupyterhub) {
    r += "  jupyterhub{{\"JupyterHub hub + proxy\"}}";
    r += service ? " --> " + Id("pool", service->name) + "\n" : "\n";
    for (const auto& p : spec.jupyterhub->profiles) profile_edge("jupyterhub", p);
  }
  if (spec.mlflow) {
    r += "  mlflow{{\"MLflow\"}}";
    r += service ? " --> " + Id("pool", service->name) + "\n" : "\n";
  }
  for (const auto& [name, inf] : spec.inference) {
    r += "  " + Id("isvc", name) + "{{\"InferenceService " + name + "\"}}\n";
    profile_edge(Id("isvc", name), inf.profile);
  }
  for (const auto& [name, svc] : spec.services) {
    r += "  " + Id("svc", name) + "{{\"Deployment " + name + (svc.canary ? " + canary" : "") + "\"}}\n";
    profile_edge(Id("svc", name), svc.profile);
  }
  for (const auto& [name, job] : spec.jobs) {
    r += "  " + Id("job", name) + "[[\"" + std::string(JobKindName(job.kind())) + " " + name + "\"]]\n";
    profile_edge(Id("job", name), job.profile);
  }
  for (const auto& [name, p] : spec.profiles) profile_edge("", name);
  if (spec.preflight)
    for (const auto& [name, p] : spec.pools)
      if (p.has_gpu()) r += "  " + Id("preflight", name) + "[/\"preflight Job\"/] --> " + Id("pool", name) + "\n";
  r += "```\n\n";

  r += "## Layout\n\n| path | what |\n|---|---|\n";
  std::map<std::string, std::string> dirs;  // sorted like the tree
  if (spec.gitops) dirs["argocd/"] = "ArgoCD Applications and the root app-of-apps `root.yaml`";
  for (const Component& c : components) {
    switch (c.kind) {
      case Component::Kind::kTerraform:
        dirs["terraform/"] = c.why;
        break;
      case Component::Kind::kManifests:
        dirs["manifests/" + c.id + "/"] = c.why;
        break;
      case Component::Kind::kHelmRelease:
        if (c.values_file) dirs["helm/"] = "Helm values, one file per release";
        break;
    }
  }
  for (const auto& [d, what] : dirs) r += "| " + Code(d) + " | " + what + " |\n";

  r += "\n## Components\n\nIn the order ArgoCD syncs them (lower waves first; a wave starts when the previous one "
       "is healthy).\n\n| component | what | version | namespace | sync wave | why |\n|---|---|---|---|---|---|\n";
  std::vector<const Component*> by_wave;
  for (const Component& c : components)
    if (c.kind != Component::Kind::kTerraform) by_wave.push_back(&c);
  std::stable_sort(by_wave.begin(), by_wave.end(),
                   [](const Component* a, const Component* b) { return a->sync_wave < b->sync_wave; });
  for (const Component* c : by_wave) {
    const bool release = c->kind == Component::Kind::kHelmRelease;
    r += "| " + Code(c->AppName()) + " | " + (release ? "chart " + Code(c->chart) : "folder " + Code(c->id + "/")) +
         " | " + (release ? c->version : "-") + " | " + (c->namespace_name.empty() ? "-" : Code(c->namespace_name)) +
         " | " + std::to_string(c->sync_wave) + " | " + c->why + " |\n";
  }
  if (spec.platform && !spec.platform->provided.empty()) {
    r += "\n## What the cluster must provide\n\nThe spec declares these as installed outside this tree "
         "(`[platform] provided`); check each before the first sync:\n\n";
    for (const std::string& id : spec.platform->provided) {
      auto p = ParsePrerequisite(id);
      if (!p) continue;  // Validate refused it
      r += "- " + std::string(PrerequisiteWhat(*p)) + " (" + Code(id) +
           "): " + Code(std::string(PrerequisiteCheck(*p))) + "\n";
    }
  }

  if (spec.preflight) {
    const Preflight& pf = *spec.preflight;
    r += "\n## Preflight\n\n";
    r +=
        "Each GPU pool has a Job in `manifests/preflight/` that runs `" + pf.image +
        "` once per node (required pod anti-affinity on `kubernetes.io/hostname`), asks for every GPU of the node, and "
        "checks the GPU model, count, memory, health and performance against the spec and the GPU catalog "
        "(memory bandwidth floor " +
        std::to_string(static_cast<int>(pf.min_memory_bandwidth * 100 + 0.5)) + "% of peak). It fails after " +
        std::to_string(pf.timeout_seconds) +
        " s at the latest. The pod runs "
        "non-root with every capability dropped and no host paths, so the `xid` check, which reads the kernel "
        "log (`/dev/kmsg`), reports SKIP; the NVML health counters still cover ECC, retired pages and row "
        "remapping.\n\n";
    r += "| pool | pods | why |\n|---|---|---|\n";
    for (const auto& [name, p] : spec.pools) {
      if (!p.has_gpu()) continue;
      int pods = PreflightPods(spec, p);
      std::string why = pf.nodes          ? "`[preflight] nodes`"
                        : p.min_nodes > 0 ? "the pool's `min_nodes`"
                                          : "scales to zero: one pod brings up one node";
      r += "| " + Code(name) + " | " + std::to_string(pods) + " | " + why + " |\n";
    }
    r +=
        "\nThe Jobs are ArgoCD `Sync` hooks in the `" + spec.cluster.name +
        "-manifests-preflight` Application, which has no automated sync: preflight runs when you sync that Application "
        "(after creating the cluster, after a driver upgrade, or after a pool scaled up), not on every self-heal. "
        "For a pool that scales to zero, the Job's pending pod makes the autoscaler add a node, and preflight runs on "
        "it; nodes added later are checked on the next sync of that Application (`argocd app sync " +
        spec.cluster.name + "-manifests-preflight`). Without ArgoCD: `kubectl delete job -n " + pf.namespace_name +
        " preflight-POOL --ignore-not-found && kubectl apply -f manifests/preflight/`.\n";
    if (pf.label_nodes)
      r += "\nWith `label_nodes`, a second container (service account `mlspec-preflight-labeler`, allowed only to get "
           "and "
           "patch nodes) labels each node `mlspec.io/preflight=pass|fail` and taints failed nodes "
           "`mlspec.io/preflight=failed:NoSchedule`.\n";
  }

  std::vector<std::string> todo;
  if (spec.jupyterhub)
    todo.push_back("JupyterHub reads its secrets from the existing Secret `" + spec.jupyterhub->hub_secret +
                   "` in namespace `" + spec.jupyterhub->namespace_name +
                   "` (so ArgoCD syncs do not regenerate them): `kubectl -n " + spec.jupyterhub->namespace_name +
                   " create secret generic " + spec.jupyterhub->hub_secret +
                   " --from-literal=hub.config.JupyterHub.cookie_secret=\"$(openssl rand -hex 32)\" "
                   "--from-literal=hub.config.CryptKeeper.keys=\"$(openssl rand -hex 32)\" "
                   "--from-literal=hub.config.ConfigurableHTTPProxy.auth_token=\"$(openssl rand -hex 32)\"` "
                   "(after the namespace exists; the keys are explained in docs/helm.md of mlspec).");
  if (spec.mlflow)
    todo.push_back("MLflow reads its database URI from key `" + spec.mlflow->backend_store_secret_key +
                   "` of the existing Secret `" + spec.mlflow->backend_store_secret + "` in namespace `" +
                   spec.mlflow->namespace_name + "`: `kubectl -n " + spec.mlflow->namespace_name +
                   " create secret generic " + spec.mlflow->backend_store_secret +
                   " --from-literal=" + spec.mlflow->backend_store_secret_key +
                   "='postgresql://USER:PASSWORD@HOST:5432/mlflow'` (after the namespace exists; no value is ever "
                   "written to this tree).");
  auto oauth_todo = [&](const WebAccess& w, const std::string& ns, const std::string& what, const std::string& path,
                        bool cookie) {
    if (!w.auth || !w.auth->oauth()) return;
    todo.push_back(what + " signs users in with the OAuth application you register at your provider (" +
                   std::string(AuthTypeName(w.auth->type)) + ", callback URL `https://" + w.hostname + path +
                   "`); its client id and secret go into the Secret `" + w.auth->client_secret + "` in namespace `" +
                   ns + "`: `" + OAuthSecretCommand(w, ns, cookie) + "` (no value is ever written to this tree).");
  };
  auto tls_todo = [&](const WebAccess& w, const std::string& ns, const std::string& what) {
    if (w.tls_secret.empty()) return;
    todo.push_back(what + "'s Ingress serves the certificate in the `kubernetes.io/tls` Secret `" + w.tls_secret +
                   "` in namespace `" + ns + "`: `kubectl -n " + ns + " create secret tls " + w.tls_secret +
                   " --cert=tls.crt --key=tls.key` (or a cert-manager Certificate with that secretName).");
  };
  if (spec.jupyterhub) {
    oauth_todo(*spec.jupyterhub, spec.jupyterhub->namespace_name, "JupyterHub", "/hub/oauth_callback", false);
    tls_todo(*spec.jupyterhub, spec.jupyterhub->namespace_name, "JupyterHub");
  }
  if (spec.mlflow) {
    oauth_todo(*spec.mlflow, spec.mlflow->namespace_name, "MLflow (its oauth2-proxy sidecar)", "/oauth2/callback",
               true);
    tls_todo(*spec.mlflow, spec.mlflow->namespace_name, "MLflow");
  }
  if (spec.gitops)
    todo.push_back(
        "ArgoCD orders Applications by sync wave only if it knows their health: add the "
        "`resource.customizations.health.argoproj.io_Application` check to `argocd-cm` "
        "(https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#argocd-app), then apply "
        "`argocd/root.yaml`.");
  if (!todo.empty()) {
    r += "\n## Before the first sync\n\n";
    for (const auto& t : todo) r += "- " + t + "\n";
  }
  out["README.md"] = r;
}

}  // namespace mlspec
