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
  hub["config"] = {{"KubeSpawner",
                    {{"container_security_context",
                      {{"runAsNonRoot", true},
                       {"capabilities", {{"drop", Json::array({"ALL"})}}},
                       {"seccompProfile", {{"type", "RuntimeDefault"}}}}}}}};
  v["hub"] = hub;

  v["proxy"] = {{"chp", Placement(spec)}, {"traefik", Placement(spec)}};

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
