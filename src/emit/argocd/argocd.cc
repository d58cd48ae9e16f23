// ArgoCD: one Application per Helm release (chart repo + pinned version, our
// values from the GitOps repo through a multi-source `$values` ref), one per
// manifests folder, and a root app-of-apps. Sync waves order them: namespaces
// first, the GPU operator before preflight, preflight before inference. The
// Applications come from the component table (emit/components.h).
// Fields: https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
// Multiple sources: https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
#include "emit/components.h"
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

  Json Folder(const std::string& app_name, const std::string& folder, int wave, bool automated) const {
    Json app = Base(app_name, wave, "");
    app["spec"]["source"] = {
        {"repoURL", git.repo_url}, {"targetRevision", git.revision}, {"path", RepoPath("manifests/" + folder)}};
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
    if (values_file)
      chart_src["helm"]["valueFiles"] = Json::array({"$values/" + RepoPath("helm/" + release + ".values.yaml")});
    Json sources = Json::array({chart_src});
    if (values_file)
      sources.push_back({{"repoURL", git.repo_url}, {"targetRevision", git.revision}, {"ref", "values"}});
    app["spec"]["sources"] = sources;
    app["spec"]["syncPolicy"] = AutoSync(server_side);
    return app;
  }
};

void Add(const Model& spec, FileSet& out, const std::string& file, const Json& doc) {
  out["argocd/" + file] = ToYamlStream({doc}, GeneratedHeader(spec, "# "));
}

}  // namespace

void EmitArgoCD(const Model& spec, const std::vector<Component>& components, FileSet& out) {
  if (!spec.gitops) return;
  const GitOps& git = *spec.gitops;
  AppBuilder b{spec, git};
  for (const Component& c : components) {
    switch (c.kind) {
      case Component::Kind::kTerraform:
        break;  // applied outside ArgoCD
      case Component::Kind::kManifests:
        Add(spec, out, c.AppName() + ".yaml", b.Folder(c.AppName(), c.id, c.sync_wave, c.automated_sync));
        break;
      case Component::Kind::kHelmRelease: {
        Json app = b.HelmRelease(c.id, c.repo, c.chart, c.version, c.namespace_name, c.sync_wave, c.values_file,
                                 c.server_side);
        if (!c.values_object.is_null()) app["spec"]["sources"][0]["helm"]["valuesObject"] = c.values_object;
        Add(spec, out, c.AppName() + ".yaml", app);
        break;
      }
    }
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
