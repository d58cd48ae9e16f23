// ArgoCD: one Application per Helm release (chart repo + pinned version, our
// values from the GitOps repo through a multi-source `$values` ref), one per
// manifests folder, and a root app-of-apps. Sync waves order them: namespaces
// first, the GPU operator before preflight, preflight before inference.
// Fields: https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
// Multiple sources: https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
#include <set>

#include "emit/emit.h"
#include "emit/names.h"
#include "emit/scheduling.h"

namespace mlspec {
namespace {

constexpr char kInCluster[] = "https://kubernetes.default.svc";

struct AppBuilder {
  const Model& spec;
  const GitOps& git;

  std::string Name(const std::string& what) const { return spec.cluster.name + "-" + what; }

  std::string RepoPath(const std::string& rel) const {
    return git.path.empty() || git.path == "." ? rel : git.path + "/" + rel;
  }

  Json Base(const std::string& what, int wave, const std::string& dest_ns) const {
    Json app;
    app["apiVersion"] = "argoproj.io/v1alpha1";
    app["kind"] = "Application";
    app["metadata"] = Metadata(Name(what), git.argocd_namespace, "gitops");
    app["metadata"]["annotations"] = {{"argocd.argoproj.io/sync-wave", std::to_string(wave)}};
    // Deleting the app-of-apps cascades to the resources of each Application.
    app["metadata"]["finalizers"] = Json::array({"resources-finalizer.argocd.argoproj.io"});
    app["spec"]["project"] = git.project;
    app["spec"]["destination"] = {{"server", kInCluster}};
    if (!dest_ns.empty()) app["spec"]["destination"]["namespace"] = dest_ns;
    return app;
  }

  static Json AutoSync(bool server_side) {
    Json sync = {{"automated", {{"prune", true}, {"selfHeal", true}}}};
    Json options = Json::array({"CreateNamespace=false"});
    if (server_side) options.push_back("ServerSideApply=true");
    sync["syncOptions"] = options;
    return sync;
  }

  Json Folder(const std::string& folder, int wave, bool automated) const {
    Json app = Base(folder == "cluster" ? "cluster" : "manifests-" + folder, wave, "");
    app["spec"]["source"] = {{"repoURL", git.repo_url},
                             {"targetRevision", git.revision},
                             {"path", RepoPath("manifests/" + folder)}};
    if (automated) app["spec"]["syncPolicy"] = AutoSync(false);
    else app["spec"]["syncPolicy"] = {{"syncOptions", Json::array({"CreateNamespace=false"})}};
    return app;
  }

  Json HelmRelease(const std::string& release, const std::string& repo, const std::string& chart,
                   const std::string& version, const std::string& ns, int wave, bool values_file,
                   bool server_side) const {
    Json app = Base(release, wave, ns);
    Json chart_src = {{"repoURL", repo}, {"chart", chart}, {"targetRevision", version}};
    chart_src["helm"]["releaseName"] = release;
    if (values_file) chart_src["helm"]["valueFiles"] = Json::array({"$values/" + RepoPath("helm/" + release + ".values.yaml")});
    Json sources = Json::array({chart_src});
    if (values_file) sources.push_back({{"repoURL", git.repo_url}, {"targetRevision", git.revision}, {"ref", "values"}});
    app["spec"]["sources"] = sources;
    app["spec"]["syncPolicy"] = AutoSync(server_side);
    return app;
  }
};

void Add(const Model& spec, FileSet& out, const std::string& file, const Json& doc) {
  out["argocd/" + file] = ToYamlStream({doc}, GeneratedHeader(spec, "# "));
}

}  // namespace

void EmitArgoCD(const Model& spec, FileSet& out, Diagnostics&) {
  if (!spec.gitops) return;
  const GitOps& git = *spec.gitops;
  AppBuilder b{spec, git};

  // Waves: -3 namespaces and cluster objects; -2 CRDs and the GPU operator;
  // -1 namespace policies; 0 platform services; 1 preflight; 2 inference.
  std::set<std::string> folders;
  for (const auto& [path, _] : out)
    if (path.starts_with("manifests/")) {
      std::string rest = path.substr(10);
      folders.insert(rest.substr(0, rest.find('/')));
    }
  std::set<std::string> inference_ns;
  for (const auto& [name, inf] : spec.inference) inference_ns.insert(inf.namespace_name);

  for (const std::string& folder : folders) {
    int wave = -1;
    bool automated = true;
    if (folder == "cluster") wave = -3;
    else if (folder == "gpu-operator") wave = -2;
    else if (folder == "preflight") {
      wave = 1;
      automated = false;  // Runs the GPU validation Jobs: sync on purpose (see README).
    } else if (inference_ns.count(folder)) wave = 2;
    Add(spec, out, (folder == "cluster" ? "cluster" : "manifests-" + folder) + ".yaml", b.Folder(folder, wave, automated));
  }
  if (spec.gpu_operator) {
    const GpuOperator& g = *spec.gpu_operator;
    Add(spec, out, "gpu-operator.yaml",
        b.HelmRelease("gpu-operator", kGpuOperatorRepo, "gpu-operator",
                      g.chart_version.empty() ? kDefaultGpuOperatorChart : g.chart_version, g.namespace_name, -2, true, false));
  }
  if (spec.jupyterhub) {
    const JupyterHub& j = *spec.jupyterhub;
    Add(spec, out, "jupyterhub.yaml",
        b.HelmRelease("jupyterhub", kJupyterHubRepo, "jupyterhub",
                      j.chart_version.empty() ? kDefaultJupyterHubChart : j.chart_version, j.namespace_name, 0, true, false));
  }
  if (spec.mlflow) {
    const MLflow& m = *spec.mlflow;
    Add(spec, out, "mlflow.yaml",
        b.HelmRelease("mlflow", kMLflowRepo, "mlflow", m.chart_version.empty() ? kDefaultMLflowChart : m.chart_version,
                      m.namespace_name, 0, true, false));
  }
  if (!spec.inference.empty()) {
    // KServe from its OCI charts. The CRDs exceed the 256 KiB annotation
    // client-side apply needs, so that Application applies server-side.
    // https://kserve.github.io/website/latest/admin/kubernetes_deployment/
    Add(spec, out, "kserve-crd.yaml",
        b.HelmRelease("kserve-crd", "ghcr.io/kserve/charts", "kserve-crd", kDefaultKServeChart, "kserve", -2, false, true));
    Json kserve = b.HelmRelease("kserve", "ghcr.io/kserve/charts", "kserve", kDefaultKServeChart, "kserve", -1, false, true);
    bool raw = false;
    for (const auto& [name, inf] : spec.inference) raw = raw || inf.deployment_mode == "RawDeployment";
    kserve["spec"]["sources"][0]["helm"]["valuesObject"] = {
        {"kserve", {{"controller", {{"deploymentMode", raw ? "RawDeployment" : "Serverless"}}}}}};
    Add(spec, out, "kserve.yaml", kserve);
  }
  // The root app-of-apps: every Application above, from this folder.
  Json root = b.Base("root", 0, git.argocd_namespace);
  root["metadata"].erase("annotations");
  root["spec"]["source"] = {{"repoURL", git.repo_url},
                            {"targetRevision", git.revision},
                            {"path", b.RepoPath("argocd")},
                            {"directory", {{"exclude", "root.yaml"}}}};
  root["spec"]["syncPolicy"] = AppBuilder::AutoSync(false);
  Add(spec, out, "root.yaml", root);
}

}  // namespace mlspec
