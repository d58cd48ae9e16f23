#include "emit/scheduling.h"

#include <set>

#include "resolve/resolve.h"

namespace mlspec {

namespace {
Json Toleration(const Taint& t) {
  Json j = Json::object();
  j["key"] = t.key;
  if (t.value.empty()) {
    j["operator"] = "Exists";
  } else {
    j["operator"] = "Equal";
    j["value"] = t.value;
  }
  j["effect"] = t.effect;
  return j;
}
}  // namespace

Json PoolTolerations(const Pool& pool) {
  Json list = Json::array();
  for (const Taint& t : pool.effective_taints) list.push_back(Toleration(t));
  return list;
}

Json AllGpuPoolTolerations(const Model& spec) {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const auto& [name, pool] : spec.pools)
    if (pool.has_gpu())
      for (const Taint& t : pool.effective_taints) seen.emplace(t.key, t.value, t.effect);
  Json list = Json::array();
  for (const auto& [k, v, e] : seen) list.push_back(Toleration({k, v, e, {}}));
  return list;
}

Json PoolNodeSelector(const Pool& pool) {
  Json j = Json::object();
  j[kPoolLabel] = pool.name;
  return j;
}

Json ProfileResources(const Profile& p) {
  Json requests = Json::object(), limits = Json::object();
  requests["cpu"] = p.cpu.Canonical();
  requests["memory"] = p.memory.Canonical();
  limits["cpu"] = p.cpu_limit().Canonical();
  limits["memory"] = p.memory_limit().Canonical();
  if (p.gpu > 0) {
    requests["nvidia.com/gpu"] = std::to_string(p.gpu);
    limits["nvidia.com/gpu"] = std::to_string(p.gpu);
  }
  Json j = Json::object();
  j["requests"] = requests;
  j["limits"] = limits;
  return j;
}

const Pool* ServicePool(const Model& spec) {
  const Pool* best = nullptr;
  auto rank = [](const Pool& p) { return (p.spot ? 2 : 0) + (p.system ? 1 : 0); };
  for (const auto& [name, pool] : spec.pools) {
    if (pool.has_gpu()) continue;
    if (!best || rank(pool) < rank(*best)) best = &pool;
  }
  return best;
}

Json ContainerSecurityContext(bool read_only_root, std::optional<int64_t> uid) {
  Json j = Json::object();
  j["allowPrivilegeEscalation"] = false;
  j["capabilities"] = {{"drop", Json::array({"ALL"})}};
  j["readOnlyRootFilesystem"] = read_only_root;
  if (uid) {
    j["runAsNonRoot"] = true;
    j["runAsUser"] = *uid;
  }
  j["seccompProfile"] = {{"type", "RuntimeDefault"}};
  return j;
}

Json PodSecurityContext(std::optional<int64_t> uid) {
  Json j = Json::object();
  if (uid) {
    j["runAsNonRoot"] = true;
    j["runAsUser"] = *uid;
    j["runAsGroup"] = *uid;
    j["fsGroup"] = *uid;
  }
  j["seccompProfile"] = {{"type", "RuntimeDefault"}};
  return j;
}

Json ShmVolume(const Quantity& size) {
  return {{"name", "dshm"}, {"emptyDir", {{"medium", "Memory"}, {"sizeLimit", size.Canonical()}}}};
}

Json ShmVolumeMount() { return {{"name", "dshm"}, {"mountPath", "/dev/shm"}}; }

std::optional<Quantity> WorkloadShmSize(const Profile& prof, bool distributed) {
  if (prof.shm) return prof.shm;
  if (prof.gpu == 0 && !distributed) return std::nullopt;
  return Quantity::FromUnits(prof.memory_limit().Value() / 4 / (1 << 20) * (1 << 20), Quantity::Format::kBinarySI);
}

Json WorkloadContainer(const Model& spec, const ContainerSpec& c, const Profile& prof, const std::string& name,
                       int64_t uid, bool shm, const Json& extra_env) {
  Json out = Json::object();
  out["name"] = name;
  out["image"] = c.image.empty() ? prof.image : c.image;
  auto strings = [](const std::vector<std::string>& v) {
    Json a = Json::array();
    for (const std::string& s : v) a.push_back(s);
    return a;
  };
  if (!c.command.empty()) out["command"] = strings(c.command);
  if (!c.args.empty()) out["args"] = strings(c.args);
  Json env = Json::array();
  for (const auto& [k, v] : c.env) env.push_back({{"name", k}, {"value", v}});
  for (const Json& e : extra_env) env.push_back(e);
  if (!env.empty()) out["env"] = env;
  out["resources"] = ProfileResources(prof);
  out["securityContext"] = ContainerSecurityContext(false, uid);
  Json mounts = Json::array();
  for (const JobVolume& v : c.volumes) {
    Json m = {{"name", "vol-" + v.storage}, {"mountPath", v.path}};
    if (spec.storage.at(v.storage).access_mode == "ReadOnlyMany") m["readOnly"] = true;
    mounts.push_back(m);
  }
  if (shm) mounts.push_back(ShmVolumeMount());
  if (!mounts.empty()) out["volumeMounts"] = mounts;
  return out;
}

Json WorkloadVolumes(const ContainerSpec& c, const std::optional<Quantity>& shm) {
  Json volumes = Json::array();
  for (const JobVolume& v : c.volumes)
    volumes.push_back({{"name", "vol-" + v.storage}, {"persistentVolumeClaim", {{"claimName", v.storage}}}});
  if (shm) volumes.push_back(ShmVolume(*shm));
  return volumes;
}

Json CommonLabels(const std::string& component) {
  return {{"app.kubernetes.io/managed-by", "mlspec"},
          {"app.kubernetes.io/part-of", "mlspec"},
          {"app.kubernetes.io/component", component}};
}

Json Metadata(const std::string& name, const std::string& ns, const std::string& component) {
  Json m = Json::object();
  m["name"] = name;
  if (!ns.empty()) m["namespace"] = ns;
  m["labels"] = CommonLabels(component);
  return m;
}

}  // namespace mlspec
