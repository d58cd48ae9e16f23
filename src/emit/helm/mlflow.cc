// helm/mlflow.values.yaml for the community-charts mlflow chart.
//
// Sources: community-charts/helm-charts charts/mlflow at chart 1.11.5
// (ae700fffcd2bf190f59b3ed614d82aede1643ae1): values.yaml and
// values.schema.json (the copies in shared/charts/mlflow), and
// templates/deployment.yaml, which
// - passes exactly one --backend-store-uri (lines 355-369 of 1.11.5): for
//   the postgres and mysql blocks built from literal host, user and database
//   values (backendStore.existingDatabaseSecret holds only a user name and
//   password); for the mssql block with existingConnectionUrlSecret.name set,
//   `--backend-store-uri=$(MSSQL_CONNECTION_URL)`, that variable coming from
//   a secretKeyRef to existingConnectionUrlSecret.{name,key} (lines 571-577;
//   values.yaml: "passed directly as --backend-store-uri"); and otherwise
//   sqlite:///:memory:. mlflow hands the URI to SQLAlchemy whatever the
//   block's name, so the mssql block carries any database's URI. (extraArgs
//   backendStoreUri, the way before, only added a second flag after the
//   sqlite one.) With connectionUrlSecret set, the chart renders no MSSQL_*
//   ConfigMap keys or Secret (configmap.yaml 23, secret.yaml 20), and no init
//   container unless databaseMigration/databaseConnectionCheck are on;
// - the kubelet expands $(VAR) in args from the container's environment;
// - builds --default-artifact-root from artifactRoot.{s3,gcs,azureBlob}
//   (s3://BUCKET/PATH, gs://BUCKET/PATH,
//   wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/PATH) or
//   artifactRoot.defaultArtifactRoot.
// So the database URI stays in the user's Secret: mlflow reads it from the
// environment, and neither the values nor any rendered object contains it.
#include <string_view>

#include "emit/emit.h"
#include "emit/helm/helm_values.h"
#include "emit/scheduling.h"

namespace mlspec {

namespace {

using helm_internal::ServiceNodeSelector;
using helm_internal::ServiceTolerations;

// The uid the chart's image runs as (values.yaml securityContext.runAsUser).
constexpr int64_t kMlflowUid = 1001;

// Splits "BUCKET/PATH" at the first slash.
std::pair<std::string, std::string> BucketAndPath(std::string_view rest) {
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return {std::string(rest), ""};
  return {std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

Json ArtifactRoot(const std::string& uri) {
  Json a = Json::object();
  std::string_view u = uri;
  auto starts = [&](std::string_view p) { return u.substr(0, p.size()) == p; };
  if (starts("s3://")) {
    auto [bucket, path] = BucketAndPath(u.substr(5));
    a["s3"] = {{"enabled", true}, {"bucket", bucket}, {"path", path}};
  } else if (starts("gs://")) {
    auto [bucket, path] = BucketAndPath(u.substr(5));
    a["gcs"] = {{"enabled", true}, {"bucket", bucket}, {"path", path}};
  } else if (starts("wasbs://")) {
    // wasbs://CONTAINER@ACCOUNT.blob.core.windows.net/PATH
    auto [authority, path] = BucketAndPath(u.substr(8));
    constexpr std::string_view kBlobHost = ".blob.core.windows.net";
    size_t at = authority.find('@');
    if (at != std::string::npos && authority.size() > at + 1 + kBlobHost.size() &&
        authority.compare(authority.size() - kBlobHost.size(), kBlobHost.size(), kBlobHost) == 0) {
      a["azureBlob"] = {{"enabled", true},
                        {"container", authority.substr(0, at)},
                        {"storageAccount", authority.substr(at + 1, authority.size() - at - 1 - kBlobHost.size())},
                        {"path", path}};
      return a;
    }
    a["defaultArtifactRoot"] = uri;
  } else {
    a["defaultArtifactRoot"] = uri;
  }
  return a;
}

// The login in front of MLflow (docs/access.md): the chart's oauth2-proxy
// sidecar (values.yaml oauth2Proxy.*, templates/deployment.yaml lines
// 650-694 of 1.11.5). It listens on listenPort, proxies to MLflow on
// 127.0.0.1, and reads OAUTH2_PROXY_CLIENT_ID, _CLIENT_SECRET and
// _COOKIE_SECRET from existingSecret; the Service gets a second port,
// `oauth2-proxy`, which the Ingress (mlflow.servicePort) and our HTTPRoute
// target. The plain port stays for in-cluster clients (training jobs),
// which the namespace's NetworkPolicies already admit.
// oauth2-proxy flags: --provider github|google|oidc, --github-org,
// --github-team, --github-user, --email-domain, --oidc-issuer-url,
// --redirect-url, --cookie-secure, --cookie-samesite, --reverse-proxy
// (oauth2-proxy docs, configuration/overview and configuration/providers).
Json OAuth2Proxy(const MLflow& m) {
  const AuthSpec& a = *m.auth;
  Json provider = Json::object();
  Json args = Json::array({"--cookie-secure=true", "--cookie-samesite=lax", "--reverse-proxy=true"});
  switch (a.type) {
    case AuthSpec::Type::kGithub:
      provider["name"] = "github";
      if (!a.allowed_organizations.empty()) {
        const std::string& org = a.allowed_organizations.front();  // Validate allows one
        const size_t colon = org.find(':');
        args.push_back("--github-org=" + org.substr(0, colon));
        if (colon != std::string::npos) args.push_back("--github-team=" + org.substr(colon + 1));
      }
      if (!a.allowed_users.empty()) {
        std::string users;
        for (const std::string& u : a.allowed_users) users += (users.empty() ? "" : ",") + u;
        args.push_back("--github-user=" + users);
      }
      args.push_back("--email-domain=*");
      break;
    case AuthSpec::Type::kAzureAd:
      // The tenant's OIDC issuer: only accounts of that tenant can sign in.
      provider["name"] = "oidc";
      provider["issuerURL"] = "https://login.microsoftonline.com/" + a.tenant_id + "/v2.0";
      args.push_back("--email-domain=*");
      break;
    case AuthSpec::Type::kGoogle:
      provider["name"] = "google";
      if (a.hosted_domain.empty()) args.push_back("--email-domain=*");
      for (const std::string& d : a.hosted_domain) args.push_back("--email-domain=" + d);
      break;
    case AuthSpec::Type::kGenericOAuth:  // Validate refuses it for MLflow
    case AuthSpec::Type::kDummy:
      break;
  }
  provider["redirectURL"] = "https://" + m.hostname + "/oauth2/callback";
  Json p = Json::object();
  p["enabled"] = true;
  p["existingSecret"] = {{"name", a.client_secret},
                         {"clientIDKey", "client_id"},
                         {"clientSecretKey", "client_secret"},
                         {"cookieSecretKey", "cookie_secret"}};
  p["provider"] = provider;
  p["extraArgs"] = args;
  p["resources"] = {{"requests", {{"cpu", "10m"}, {"memory", "32Mi"}}}, {"limits", {{"memory", "128Mi"}}}};
  return p;
}

}  // namespace

Json MLflowValues(const Model& spec) {
  const MLflow& m = *spec.mlflow;
  Json v = Json::object();
  // The backend store URI from the existing Secret, as the one
  // --backend-store-uri: see the mssql block above.
  v["backendStore"] = {
      {"mssql",
       {{"enabled", true},
        {"existingConnectionUrlSecret", {{"name", m.backend_store_secret}, {"key", m.backend_store_secret_key}}}}}};
  if (!m.artifact_root.empty()) v["artifactRoot"] = ArtifactRoot(m.artifact_root);
  // MLflow does not talk to the Kubernetes API. (Workload identity on EKS and
  // AKS projects its own token volume; GKE's uses the metadata server.)
  v["serviceAccount"] = {{"automount", false}};
  v["podSecurityContext"] = PodSecurityContext(kMlflowUid);
  v["securityContext"] = ContainerSecurityContext(/*read_only_root=*/true, kMlflowUid);
  v["nodeSelector"] = ServiceNodeSelector(spec);
  v["tolerations"] = ServiceTolerations(spec);
  if (m.auth && m.auth->oauth()) v["oauth2Proxy"] = OAuth2Proxy(m);
  if (!m.ingress_class.empty()) {
    Json ingress = {
        {"enabled", true},
        {"className", m.ingress_class},
        {"hosts",
         Json::array({{{"host", m.hostname}, {"paths", Json::array({{{"path", "/"}, {"pathType", "Prefix"}}})}}})}};
    if (!m.tls_secret.empty())
      ingress["tls"] = Json::array({{{"hosts", Json::array({m.hostname})}, {"secretName", m.tls_secret}}});
    v["ingress"] = ingress;
  }
  // MLflow 3 answers only the hosts in MLFLOW_SERVER_ALLOWED_HOSTS once the
  // chart sets it (configmap.yaml: the Ingress hosts plus
  // serverAllowedHosts): the public name, and the in-cluster name the
  // training jobs use (MLFLOW_TRACKING_URI, emit/kubernetes/jobs.cc).
  if (m.exposed()) {
    Json hosts = Json::array();
    if (m.ingress_class.empty()) hosts.push_back(m.hostname);
    hosts.push_back("mlflow." + m.namespace_name + ".svc.cluster.local");
    v["serverAllowedHosts"] = hosts;
  }
  return v;
}

}  // namespace mlspec
