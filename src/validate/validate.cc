#include "validate/validate.h"

#include <algorithm>
#include <set>
#include <vector>

#include "base/text.h"
#include "providers/provider.h"
#include "resolve/resolve.h"

#include "validate/references.h"

namespace mlspec {
namespace {

class Validator {
 public:
  Validator(const Spec& spec, const Catalog& catalog, Diagnostics& diags)
      : spec_(spec),
        catalog_(catalog),
        diags_(diags),
        provider_(ProviderFor(spec.cluster.provider)),
        model_(Resolve(spec, catalog)) {}

  void Run() {
    if (spec_.pools.empty())
      diags_.Error(SourceLoc{spec_.path, 1, 1}, "the spec defines no pools; add at least one [pools.NAME] table");
    for (const auto& [name, pool] : spec_.pools) CheckPool(pool);
    for (const auto& [name, ns] : spec_.namespaces)
      // manifests/cluster/ and manifests/preflight/ are folders of their own.
      if (name == "cluster" || name == "preflight")
        Error(ns.locs.table, "[namespaces." + name + "]: \"" + name + "\" is reserved (manifests/" + name +
                                 "/ holds mlspec's own objects); choose another name");
    for (const auto& [name, p] : spec_.profiles) CheckProfile(p);
    CheckJupyterHub();
    CheckMLflow();
    for (const auto& [name, inf] : spec_.inference) CheckInference(inf);
    CheckGpuOperator();
  }

 private:
  void Error(const SourceLoc& loc, std::string msg) { diags_.Error(loc, std::move(msg)); }

  bool IsGpuPool(const std::string& name) const {
    auto it = resolved_.find(name);
    return it != resolved_.end() && it->second.gpus_per_node > 0;
  }
  bool HasCpuPool() const {
    for (const auto& [name, r] : resolved_)
      if (r.gpus_per_node == 0) return true;
    return false;
  }

  void CheckPool(const PoolSpec& pool) {
    const std::string where = "[pools." + pool.name + "]";
    const Pool& resolved = model_.pools.at(pool.name);
    provider_.ValidatePool(spec_, resolved, diags_);
    ResolvedPool r = ResolvePool(spec_, pool, catalog_);
    resolved_[pool.name] = r;

    if (provider_.creates_node_pools() && pool.instance_type.empty())
      Error(pool.locs.table,
            where + " is missing required key `instance_type` (required unless provider = \"kubernetes\")");
    if (r.instance && !provider_.OffersInstance(*r.instance))
      Error(pool.locs.At("instance_type"), where + " instance type \"" + pool.instance_type + "\" is a " +
                                               std::string(ProviderName(r.instance->provider)) +
                                               " instance type, but the cluster's provider is \"" +
                                               std::string(ProviderName(spec_.cluster.provider)) + "\"");
    if (!pool.instance_type.empty() && !r.instance && (!pool.cpu || !pool.memory)) {
      std::vector<std::string_view> offered;  // a typo is likelier than a new instance type
      for (const auto& [name, instance] : catalog_.instances)
        if (provider_.OffersInstance(instance)) offered.push_back(name);
      std::optional<std::string> guess = DidYouMean(pool.instance_type, offered);
      Error(pool.locs.At("instance_type"),
            where + " instance type \"" + pool.instance_type + "\" is not in the catalog (`mlspec catalog instances`)" +
                (guess ? "; did you mean \"" + *guess + "\"? Or" : ";") +
                " set `cpu` and `memory` (what one node offers to pods)" +
                (pool.gpus_per_node_set ? "" : " and, for GPU nodes, `gpu_type` and `gpus_per_node`"));
    }
    if (pool.instance_type.empty() && (!pool.cpu || !pool.memory))
      Error(pool.locs.table,
            where + " needs `cpu` and `memory` (what one node offers to pods) when it has no known `instance_type`");

    if (!pool.gpu_type.empty() && !r.gpu) {
      std::vector<std::string_view> known = Keys(catalog_.gpus);
      for (auto k : Keys(spec_.gpu_types)) known.push_back(k);
      Error(pool.locs.At("gpu_type"), where + " " + Undefined("GPU type", pool.gpu_type, known));
    }
    if (r.instance && r.gpu && !r.gpu_type.empty())
      for (const Provider::GpuMisfit& misfit : provider_.CheckGpuFit(
               *r.instance, r.gpu_type, r.gpus_per_node, !pool.gpu_type.empty(), pool.gpus_per_node_set.has_value()))
        Error(pool.locs.At(misfit.key), where + " " + misfit.message);
    if (pool.gpus_per_node_set && *pool.gpus_per_node_set > 0 && r.gpu_type.empty())
      Error(pool.locs.At("gpus_per_node"),
            where + " sets `gpus_per_node` but no `gpu_type`; name the GPU (e.g. gpu_type = \"a100-80gb\")");
    if (!pool.gpu_type.empty() && pool.gpus_per_node_set && *pool.gpus_per_node_set == 0)
      Error(pool.locs.At("gpus_per_node"), where + " names a `gpu_type` but `gpus_per_node` is 0");

    if (pool.min_nodes > pool.max_nodes && pool.locs.keys.count("max_nodes"))
      Error(pool.locs.At("min_nodes"), where + " `min_nodes` (" + std::to_string(pool.min_nodes) +
                                           ") is greater than `max_nodes` (" + std::to_string(pool.max_nodes) + ")");
    if (pool.max_nodes == 0 && pool.locs.keys.count("max_nodes"))
      Error(pool.locs.At("max_nodes"), where + " `max_nodes` must be at least 1");
    if (pool.spot_max_price && !pool.spot)
      Error(pool.locs.At("spot_max_price"), where + " sets `spot_max_price` but not `spot = true`");
    if (pool.system) {
      if (pool.spot)
        Error(pool.locs.At("spot"),
              where + " a system pool cannot use spot capacity (AKS requires regular VMs for system pools)");
      if (pool.min_nodes < 1)
        Error(pool.locs.At("min_nodes"), where + " a system pool needs `min_nodes` of at least 1");
    }

    // A label the platform sets must not be given a different value.
    std::map<std::string, std::string> platform = PlatformLabels(spec_.cluster.provider, resolved);
    for (const auto& [k, v] : provider_.CloudLabels(resolved)) platform[k] = v;
    for (const auto& [k, v] : platform) {
      auto it = pool.labels.find(k);
      if (it != pool.labels.end() && it->second != v)
        Error(pool.locs.At("labels"),
              where + " label \"" + k + "\" is set by " +
                  (k.starts_with("mlspec.io/") || k.starts_with("nvidia.com/") ? "mlspec" : "the cloud") + " to \"" +
                  v + "\"; the spec's \"" + it->second + "\" would conflict (duplicate label key); remove it");
    }
    std::set<std::pair<std::string, std::string>> seen;
    for (const Taint& t : pool.taints)
      if (!seen.emplace(t.key, t.effect).second)
        Error(t.loc, where + " duplicate taint key \"" + t.key + "\" with effect " + t.effect +
                         "; Kubernetes keeps one taint per key and effect");

    if (pool.gpu_sharing) {
      const GpuSharing& g = *pool.gpu_sharing;
      if (r.gpus_per_node == 0) {
        Error(pool.locs.At("gpu_sharing"),
              where + " `gpu_sharing` needs a pool with GPUs; set `gpu_type` or use a GPU instance type");
      } else if (g.strategy == GpuSharing::Strategy::kMig && r.gpu) {
        if (r.gpu->mig_profiles.empty()) {
          Error(g.locs.At("strategy"),
                where + " GPU type \"" + r.gpu_type + "\" (" + r.gpu->product_name +
                    ") does not support MIG; use strategy = \"time-slicing\" or a MIG-capable GPU (A100, H100, H200)");
        } else if (std::find(r.gpu->mig_profiles.begin(), r.gpu->mig_profiles.end(), g.mig_profile) ==
                   r.gpu->mig_profiles.end()) {
          std::string list;
          for (const auto& p : r.gpu->mig_profiles) list += (list.empty() ? "" : ", ") + p;
          Error(g.locs.At("profile"), where + " MIG profile \"" + g.mig_profile + "\" is not offered by " +
                                          r.gpu->product_name + "; choose one of " + list);
        }
      }
    }
  }

  void CheckProfile(const Profile& p) {
    const std::string where = "[profiles." + p.name + "]";
    if (p.cpu_limit() < p.cpu)
      Error(p.locs.At("cpu_limit"), where + " `cpu_limit` (" + p.cpu_limit().Canonical() +
                                        ") is below the request `cpu` (" + p.cpu.Canonical() + ")");
    if (p.memory_limit() < p.memory)
      Error(p.locs.At("memory_limit"), where + " `memory_limit` (" + p.memory_limit().Canonical() +
                                           ") is below the request `memory` (" + p.memory.Canonical() + ")");
    if (p.shm && *p.shm > p.memory_limit())
      Error(p.locs.At("shm"),
            where + " `shm` (" + p.shm->Canonical() + ") is larger than the memory limit (" +
                p.memory_limit().Canonical() +
                "); /dev/shm is memory-backed and counts against the limit — raise `memory_limit` or lower `shm`");
    if (p.pool.empty()) return;
    auto pool_it = spec_.pools.find(p.pool);
    if (pool_it == spec_.pools.end()) {
      Error(p.locs.At("pool"), where + " " + Undefined("pool", p.pool, Keys(spec_.pools)));
      return;
    }
    const PoolSpec& pool = pool_it->second;
    const ResolvedPool& r = resolved_.at(p.pool);
    if (p.gpu > 0 && r.gpus_per_node == 0)
      Error(p.locs.At("gpu"), where + " asks for " + std::to_string(p.gpu) + " GPU(s) but pool `" + p.pool +
                                  "` has no GPUs; place it on a GPU pool or set gpu = 0");
    if (p.gpu > 0 && r.gpus_per_node > 0) {
      int offered = model_.pools.at(p.pool).schedulable_gpus_per_node();
      if (pool.gpu_sharing && pool.gpu_sharing->strategy == GpuSharing::Strategy::kTimeSlicing && p.gpu > 1)
        Error(p.locs.At("gpu"),
              where + " asks for " + std::to_string(p.gpu) + " GPUs on time-sliced pool `" + p.pool +
                  "`: time-sliced replicas share one GPU, so more than one buys no extra compute; use gpu = 1");
      else if (p.gpu > offered)
        Error(p.locs.At("gpu"), where + " asks for " + std::to_string(p.gpu) + " GPUs but one node of pool `" + p.pool +
                                    "` offers " + std::to_string(offered));
    }
    if (r.node_cpu && p.cpu > *r.node_cpu)
      Error(p.locs.At("cpu"), where + " requests cpu " + p.cpu.Canonical() + " but one node of pool `" + p.pool +
                                  "` offers " + r.node_cpu->Canonical() + " to pods");
    if (r.node_memory && p.memory > *r.node_memory)
      Error(p.locs.At("memory"), where + " requests memory " + p.memory.Canonical() + " but one node of pool `" +
                                     p.pool + "` offers " + r.node_memory->Canonical() + " to pods");
  }

  // A namespace whose quota cannot admit even one pod of `profile`.
  void CheckQuotaFits(const std::string& ns_name, const Profile& prof, const SourceLoc& loc, const std::string& who) {
    auto it = spec_.namespaces.find(ns_name);
    if (it == spec_.namespaces.end() || !it->second.quota) return;
    const QuotaSpec& q = *it->second.quota;
    auto small = [&](std::string_view res, const std::string& has, const std::string& needs) {
      Error(loc, who + ": the quota of namespace `" + ns_name + "` allows " + std::string(res) + " " + has +
                     ", less than one pod of profile `" + prof.name + "` needs (" + needs +
                     "); raise the quota or use a smaller profile");
    };
    if (q.gpu && *q.gpu < prof.gpu) small("gpu", std::to_string(*q.gpu), std::to_string(prof.gpu));
    if (q.cpu && *q.cpu < prof.cpu) small("cpu", q.cpu->Canonical(), prof.cpu.Canonical());
    if (q.memory && *q.memory < prof.memory) small("memory", q.memory->Canonical(), prof.memory.Canonical());
    if (q.pods && *q.pods < 1) small("pods", "0", "1");
  }

  const Profile* FindProfile(const std::string& name, const SourceLoc& loc, const std::string& who) {
    auto it = spec_.profiles.find(name);
    if (it != spec_.profiles.end()) return &it->second;
    Error(loc, who + " " + Undefined("profile", name, Keys(spec_.profiles)));
    return nullptr;
  }

  void CheckJupyterHub() {
    if (!spec_.jupyterhub) return;
    const JupyterHub& j = *spec_.jupyterhub;
    if (j.profiles.empty() && j.locs.keys.count("profiles"))
      Error(j.locs.At("profiles"), "[jupyterhub] `profiles` is empty; list at least one [profiles.*] name");
    for (size_t i = 0; i < j.profiles.size(); ++i)
      if (const Profile* p = FindProfile(j.profiles[i], j.profile_locs[i], "[jupyterhub]"))
        CheckQuotaFits(j.namespace_name, *p, j.profile_locs[i], "[jupyterhub] profile `" + p->name + "`");
    if (!j.default_profile.empty() &&
        std::find(j.profiles.begin(), j.profiles.end(), j.default_profile) == j.profiles.end())
      Error(j.locs.At("default_profile"),
            "[jupyterhub] `default_profile` \"" + j.default_profile + "\" is not in `profiles`");
    if (!HasCpuPool() && !spec_.pools.empty())
      Error(j.locs.table,
            "[jupyterhub] the hub and proxy run on CPU nodes, but every pool has GPUs; add a pool without GPUs");
  }

  void CheckMLflow() {
    if (!spec_.mlflow) return;
    const MLflow& m = *spec_.mlflow;
    if (m.backend_store_secret_key.empty())
      Error(m.locs.At("backend_store_secret_key"), "[mlflow] `backend_store_secret_key` must not be empty");
    if (!HasCpuPool() && !spec_.pools.empty())
      Error(m.locs.table, "[mlflow] MLflow runs on CPU nodes, but every pool has GPUs; add a pool without GPUs");
  }

  void CheckInference(const Inference& inf) {
    const std::string where = "[inference." + inf.name + "]";
    if (!inf.namespace_name.empty() && !spec_.namespaces.count(inf.namespace_name))
      Error(inf.locs.At("namespace"),
            where + " " + Undefined("namespace", inf.namespace_name, Keys(spec_.namespaces)) +
                " (inference services run in a declared [namespaces.*] so that its quota applies)");
    if (inf.min_replicas > inf.max_replicas)
      Error(inf.locs.At("min_replicas"), where + " `min_replicas` (" + std::to_string(inf.min_replicas) +
                                             ") is greater than `max_replicas` (" + std::to_string(inf.max_replicas) +
                                             ")");
    if (inf.profile.empty()) return;
    if (const Profile* p = FindProfile(inf.profile, inf.locs.At("profile"), where))
      CheckQuotaFits(inf.namespace_name, *p, inf.locs.At("profile"), where);
  }

  void CheckGpuOperator() {
    if (spec_.gpu_operator) {
      // Where the node image ships the driver or the toolkit, a second copy
      // from the operator conflicts with it.
      const GpuOperatorSpec& op = *spec_.gpu_operator;
      const std::string why = provider_.WhyNoOperatorDriver();
      if (op.driver.value_or(false) && provider_.ImageHasDriver())
        Error(op.locs.At("driver"), "[gpu_operator] `driver = true`: " + why +
                                        "; remove the key (it defaults to false on " +
                                        std::string(provider_.display_name()) + ")");
      if (op.toolkit.value_or(false) && provider_.ImageHasToolkit())
        Error(op.locs.At("toolkit"), "[gpu_operator] `toolkit = true`: " + why +
                                         "; remove the key (it defaults to false on " +
                                         std::string(provider_.display_name()) + ")");
      return;
    }
    if (!provider_.DevicePluginShares()) return;  // the node pool shares its GPUs itself
    for (const auto& [name, pool] : spec_.pools)
      if (pool.gpu_sharing && IsGpuPool(name))
        Error(pool.locs.At("gpu_sharing"),
              "[pools." + name + "] `gpu_sharing` is configured through the NVIDIA GPU operator's device plugin on " +
                  std::string(ProviderName(spec_.cluster.provider)) + "; add a [gpu_operator] table");
  }

  const Spec& spec_;
  const Catalog& catalog_;
  Diagnostics& diags_;
  const Provider& provider_;
  const Model model_;  // what Resolve makes of the spec, for the provider's checks
  std::map<std::string, ResolvedPool> resolved_;
};

}  // namespace

void Validate(const Spec& spec, const Catalog& catalog, Diagnostics& diags) { Validator(spec, catalog, diags).Run(); }

}  // namespace mlspec
