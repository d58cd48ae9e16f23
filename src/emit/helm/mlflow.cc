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
  return v;
}

}  // namespace mlspec
