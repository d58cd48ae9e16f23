// [jupyterhub] and [mlflow] with `gateway`: an HTTPRoute per UI on the
// user's Gateway, in the UI's namespace folder (docs/access.md). An Ingress
// (`ingress_class`) is the charts' own and lives in the Helm values.
//   JupyterHub  → Service proxy-public, port 80 (z2jh: the proxy's http port;
//                 fullnameOverride "" leaves the name unprefixed)
//   MLflow      → Service mlflow (release "mlflow"): port 80, or with `auth`
//                 the oauth2-proxy sidecar's port 4180 (the chart's
//                 oauth2Proxy.listenPort, mlflow.servicePort in _helpers.tpl)
// HTTPRoute: https://gateway-api.sigs.k8s.io/api-types/httproute/
#include "emit/kubernetes/kubernetes.h"
#include "emit/scheduling.h"

namespace mlspec {
namespace {

constexpr int kMlflowOAuth2ProxyPort = 4180;

Json Route(const std::string& name, const WebAccess& w, const std::string& ns, const std::string& service, int port) {
  const size_t slash = w.gateway.find('/');
  Json r;
  r["apiVersion"] = "gateway.networking.k8s.io/v1";
  r["kind"] = "HTTPRoute";
  r["metadata"] = Metadata(name, ns, "access");
  r["spec"]["parentRefs"] =
      Json::array({{{"name", w.gateway.substr(slash + 1)}, {"namespace", w.gateway.substr(0, slash)}}});
  r["spec"]["hostnames"] = Json::array({w.hostname});
  r["spec"]["rules"] = Json::array({{{"backendRefs", Json::array({{{"name", service}, {"port", port}}})}}});
  return r;
}

}  // namespace

std::string WebRoutePath(const std::string& ns, const std::string& ui) {
  return "manifests/" + ns + "/route-" + ui + ".yaml";
}

void EmitWebRoutes(const Model& spec, FileSet& out) {
  if (spec.jupyterhub && !spec.jupyterhub->gateway.empty()) {
    const JupyterHub& j = *spec.jupyterhub;
    AddManifest(spec, out, WebRoutePath(j.namespace_name, "jupyterhub"),
                {Route("jupyterhub", j, j.namespace_name, "proxy-public", 80)});
  }
  if (spec.mlflow && !spec.mlflow->gateway.empty()) {
    const MLflow& m = *spec.mlflow;
    const int port = m.auth && m.auth->oauth() ? kMlflowOAuth2ProxyPort : 80;
    AddManifest(spec, out, WebRoutePath(m.namespace_name, "mlflow"),
                {Route("mlflow", m, m.namespace_name, "mlflow", port)});
  }
}

}  // namespace mlspec
