// helm/jupyterhub.values.yaml for the zero-to-jupyterhub chart (z2jh).
//
// Sources (chart keys, and what the hub does with them):
// - jupyterhub/zero-to-jupyterhub-k8s at tag 3.3.8
//   (17a5372be127d4272fd57bc65720ca1fdafef11e; our default, emit/names.h) and
//   at 48ea50e34daddde55d76e30df6ecd47e4abd4d8e (4.x, app 5.5.0; the copy in
//   shared/charts/jupyterhub that conformance validates against):
//   jupyterhub/values.yaml, jupyterhub/values.schema.yaml,
//   jupyterhub/files/hub/jupyterhub_config.py, jupyterhub/files/hub/z2jh.py,
//   jupyterhub/templates/hub/{secret,deployment}.yaml,
//   jupyterhub/templates/hub/_helpers-passwords.tpl,
//   jupyterhub/templates/proxy/deployment.yaml.
// - KubeSpawner traits: jupyterhub/kubespawner kubespawner/spawner.py at 6.2.0
//   (what z2jh 3.3.8 installs, images/hub/requirements.txt) and at
//   4161d544121f30a09a5bb7b798a5213c22d5bc90 (7.1.0, z2jh 4.x): image (Unicode),
//   node_selector (Dict), tolerations (List; List|Dict in 7.x), volumes and
//   volume_mounts (List in 6.2.0; List|Dict in 7.x), extra_resource_limits and
//   extra_resource_guarantees (Dict of quantity strings);
//   KubeSpawner._apply_overrides: a dict override is merged into a dict trait,
//   anything else replaces the trait.
// - Spawner traits: jupyterhub/jupyterhub jupyterhub/spawner.py (4.1.6 and
//   2841153db6c1c25d8b50955e2f4b39f78f3d0119): cpu_guarantee, cpu_limit
//   (Float); mem_guarantee, mem_limit (ByteSpecification, see
//   helm_internal::KubeSpawnerBytes).
#include <algorithm>

#include "emit/emit.h"
#include "emit/helm/helm_values.h"
#include "emit/names.h"
#include "emit/scheduling.h"

namespace mlspec {

namespace {

using helm_internal::KubeSpawnerBytes;
using helm_internal::KubeSpawnerCpu;
using helm_internal::ServiceNodeSelector;
using helm_internal::ServiceTolerations;

// The user pods' uid and group, as in the Jupyter docker-stacks images
// (jovyan, uid 1000, group users = 100) and the chart's defaults.
constexpr int64_t kUserUid = 1000;
constexpr int64_t kUserFsGid = 100;

// The chart's home volume for dynamic storage at 3.x (values.yaml
// singleuser.storage.dynamic.{volumeNameTemplate,pvcNameTemplate} and
// singleuser.storage.homeMountPath at tag 3.3.8). KubeSpawner 6.2.0 only takes
// volumes as a list, and a list in kubespawner_override replaces the hub's
// list, so a profile that adds /dev/shm must repeat the home volume.
constexpr char kZ2jh3HomeVolume[] = "volume-{username}{servername}";
constexpr char kZ2jh3HomeClaim[] = "claim-{username}{servername}";
constexpr char kHomeMountPath[] = "/home/jovyan";

Json Placement(const Model& spec) {
  return {{"nodeSelector", ServiceNodeSelector(spec)}, {"tolerations", ServiceTolerations(spec)}};
}

Json Override(const Model& spec, const Profile& p, bool dict_volumes) {
  Json o = Json::object();
  o["image"] = p.image;
  o["cpu_guarantee"] = KubeSpawnerCpu(p.cpu);
  o["cpu_limit"] = KubeSpawnerCpu(p.cpu_limit());
  o["mem_guarantee"] = KubeSpawnerBytes(p.memory);
  o["mem_limit"] = KubeSpawnerBytes(p.memory_limit());
  if (p.gpu > 0) {
    // Extended resources: request and limit must be equal whole numbers.
    Json gpu = {{"nvidia.com/gpu", std::to_string(p.gpu)}};
    o["extra_resource_guarantees"] = gpu;
    o["extra_resource_limits"] = gpu;
  }
  auto pool = spec.pools.find(p.pool);
  if (pool != spec.pools.end()) {
    o["node_selector"] = PoolNodeSelector(pool->second);
    o["tolerations"] = PoolTolerations(pool->second);
  }
  if (p.shm) {
    if (dict_volumes) {
      // z2jh 4.x sets volumes and volume_mounts as dicts, so these merge in
      // beside the home volume.
      o["volumes"] = {{"dshm", ShmVolume(*p.shm)}};
      o["volume_mounts"] = {{"dshm", ShmVolumeMount()}};
    } else {
      o["volumes"] =
          Json::array({{{"name", kZ2jh3HomeVolume}, {"persistentVolumeClaim", {{"claimName", kZ2jh3HomeClaim}}}},
                       ShmVolume(*p.shm)});
      o["volume_mounts"] = Json::array({{{"mountPath", kHomeMountPath}, {"name", kZ2jh3HomeVolume}}, ShmVolumeMount()});
    }
  }
  return o;
}

// The hub's login (docs/access.md). OAuthenticator (16.3.1 in z2jh 3.3.8,
// images/hub/requirements.txt; 17.x in z2jh 4.x) reads the OAuth client from
// the environment: OAuthenticator._client_id_default / _client_secret_default
// in oauthenticator/oauth2.py fall back to OAUTH_CLIENT_ID and
// OAUTH_CLIENT_SECRET, so both come from the user's Secret through
// hub.extraEnv (a dict entry with valueFrom becomes one EnvVar, templates/
// _helpers.tpl "jupyterhub.extraEnv") and no value is written here. The
// authenticator_class names are the jupyterhub.authenticators entry points
// of OAuthenticator's setup.py ("github", "azuread", "google",
// "generic-oauth") and JupyterHub's "dummy"; hub.config is loaded into the
// traitlets config as is (files/hub/jupyterhub_config.py).
void AddAuth(const JupyterHub& jh, Json& config, Json& hub) {
  Json authenticator = Json::object();
  if (!jh.admin_users.empty()) authenticator["admin_users"] = jh.admin_users;
  if (!jh.auth) {
    if (!authenticator.empty()) config["Authenticator"] = authenticator;
    return;
  }
  const AuthSpec& a = *jh.auth;
  config["JupyterHub"] = {{"authenticator_class", std::string(AuthTypeName(a.type))}};
  if (!a.allowed_users.empty()) authenticator["allowed_users"] = a.allowed_users;
  if (!authenticator.empty()) config["Authenticator"] = authenticator;
  if (!a.oauth()) return;

  Json c = Json::object();
  c["oauth_callback_url"] = "https://" + jh.hostname + "/hub/oauth_callback";
  if (a.allow_all) c["allow_all"] = true;
  std::string cls;
  switch (a.type) {
    case AuthSpec::Type::kGithub:
      cls = "GitHubOAuthenticator";
      if (!a.allowed_organizations.empty()) {
        c["allowed_organizations"] = a.allowed_organizations;
        // Private membership is visible only with read:org
        // (GitHubOAuthenticator.allowed_organizations).
        c["scope"] = Json::array({"read:org"});
      }
      break;
    case AuthSpec::Type::kAzureAd:
      cls = "AzureAdOAuthenticator";
      c["tenant_id"] = a.tenant_id;
      // AzureAdOAuthenticator's default username_claim is "name", the display
      // name; preferred_username (the sign-in name) is what admin_users and
      // allowed_users can list.
      c["username_claim"] = "preferred_username";
      break;
    case AuthSpec::Type::kGoogle:
      cls = "GoogleOAuthenticator";
      if (!a.hosted_domain.empty()) c["hosted_domain"] = a.hosted_domain;
      break;
    case AuthSpec::Type::kGenericOAuth:
      cls = "GenericOAuthenticator";
      c["authorize_url"] = a.authorize_url;
      c["token_url"] = a.token_url;
      c["userdata_url"] = a.userdata_url;
      if (!a.username_claim.empty()) c["username_claim"] = a.username_claim;
      if (!a.scopes.empty()) c["scope"] = a.scopes;
      if (!a.allowed_groups.empty()) c["allowed_groups"] = a.allowed_groups;
      break;
    case AuthSpec::Type::kDummy:
      return;
  }
  config[cls] = c;
  auto from_secret = [&](const char* key) {
    return Json{{"valueFrom", {{"secretKeyRef", {{"name", a.client_secret}, {"key", key}}}}}};
  };
  hub["extraEnv"] = {{"OAUTH_CLIENT_ID", from_secret("client_id")},
                     {"OAUTH_CLIENT_SECRET", from_secret("client_secret")}};
}

}  // namespace

Json JupyterHubValues(const Model& spec) {
  const JupyterHub& jh = *spec.jupyterhub;
  const std::string version = jh.chart_version.empty() ? kDefaultJupyterHubChart : jh.chart_version;
  const bool dict_volumes = helm_internal::ChartMajor(version).value_or(0) >= 4;

  Json v = Json::object();

  Json hub = Json::object();
  // The hub's cookie secret and auth-state keys from a Secret the user
  // creates (docs/helm.md): z2jh.py get_secret_value reads
  // existing-secret/<key> before the chart's own Secret. The proxy token is
  // the exception: the chart reads it only from its own Secret (values.schema
  // hub.existingSecret), so it is never written here either.
  hub["existingSecret"] = jh.hub_secret;
  hub["nodeSelector"] = ServiceNodeSelector(spec);
  hub["tolerations"] = ServiceTolerations(spec);
  // KubeSpawner merges container_security_context over the uid and
  // allowPrivilegeEscalation it sets itself (kubespawner/objects.py make_pod).
  Json config = {{"KubeSpawner",
                  {{"container_security_context",
                    {{"runAsNonRoot", true},
                     {"capabilities", {{"drop", Json::array({"ALL"})}}},
                     {"seccompProfile", {{"type", "RuntimeDefault"}}}}}}}};
  AddAuth(jh, config, hub);
  hub["config"] = config;
  v["hub"] = hub;

  // proxy-public is a LoadBalancer only when the spec exposes the hub with
  // neither a Gateway nor an Ingress; otherwise ClusterIP (kubectl
  // port-forward, or the route), not the chart's default LoadBalancer.
  const bool load_balancer = jh.exposed() && jh.gateway.empty() && jh.ingress_class.empty();
  v["proxy"] = {{"service", {{"type", load_balancer ? "LoadBalancer" : "ClusterIP"}}},
                {"chp", Placement(spec)},
                {"traefik", Placement(spec)}};
  if (!jh.ingress_class.empty()) {
    // templates/ingress.yaml: one rule per host to proxy-public's http port.
    Json ingress = {{"enabled", true}, {"ingressClassName", jh.ingress_class}, {"hosts", Json::array({jh.hostname})}};
    if (!jh.tls_secret.empty())
      ingress["tls"] = Json::array({{{"hosts", Json::array({jh.hostname})}, {"secretName", jh.tls_secret}}});
    v["ingress"] = ingress;
  }

  Json singleuser = Json::object();
  singleuser["uid"] = kUserUid;
  singleuser["fsGid"] = kUserFsGid;
  singleuser["allowPrivilegeEscalation"] = false;
  // The chart blocks the cloud metadata server with a privileged
  // NET_ADMIN init container by default; the user pods' NetworkPolicy
  // (egressAllowRules.cloudMetadataServer: false) blocks it without one.
  singleuser["cloudMetadata"] = {{"blockWithIptables", false}};
  singleuser["networkPolicy"] = {{"enabled", true}, {"egressAllowRules", {{"cloudMetadataServer", false}}}};
  singleuser["storage"] = {{"type", "dynamic"}, {"capacity", jh.storage.Canonical()}};
  Json profiles = Json::array();
  for (size_t i = 0; i < jh.profiles.size(); ++i) {
    auto it = spec.profiles.find(jh.profiles[i]);
    if (it == spec.profiles.end()) continue;  // Validate reports it
    const Profile& p = it->second;
    Json item = Json::object();
    item["display_name"] = p.display_name.empty() ? p.name : p.display_name;
    item["slug"] = p.name;
    if (!p.description.empty()) item["description"] = p.description;
    if (jh.default_profile.empty() ? i == 0 : p.name == jh.default_profile) item["default"] = true;
    item["kubespawner_override"] = Override(spec, p, dict_volumes);
    profiles.push_back(item);
  }
  singleuser["profileList"] = profiles;
  v["singleuser"] = singleuser;

  Json scheduling = Json::object();
  scheduling["userScheduler"] = {
      {"enabled", true}, {"nodeSelector", ServiceNodeSelector(spec)}, {"tolerations", ServiceTolerations(spec)}};
  // Placeholders are sized from singleuser.cpu/memory, not from a profile,
  // and carry no GPU: they would hold CPU capacity that GPU profiles cannot use.
  scheduling["userPlaceholder"] = {{"enabled", false}};
  v["scheduling"] = scheduling;

  // The pre-pullers pull every profile's image onto every node they reach,
  // multi-GB CUDA images onto CPU nodes included; the hook variant is a Helm
  // hook that ArgoCD runs as a PreSync hook and waits for on every sync.
  v["prePuller"] = {{"hook", {{"enabled", false}}}, {"continuous", {{"enabled", false}}}};

  // jupyterhub-idle-culler: a server idle for `timeout` seconds is stopped,
  // checked every `every` seconds (a sixth of the timeout, 1 to 10 minutes).
  const int64_t every = std::clamp<int64_t>(jh.cull_idle_seconds / 6, 60, 600);
  v["cull"] = {{"enabled", true}, {"timeout", jh.cull_idle_seconds}, {"every", every}};
  return v;
}

}  // namespace mlspec
