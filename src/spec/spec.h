// The spec as written: what an mlspec TOML file says, after LoadSpec and
// before anything is defaulted from the catalog or the provider. Every node
// keeps the location of its key, so any later stage (validate, and through
// the Model the linter) can point back at the line that caused a problem.
// Resolve (resolve/resolve.h) turns a Spec into the Model (model/model.h).
#ifndef MLSPEC_SPEC_SPEC_H_
#define MLSPEC_SPEC_SPEC_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/quantity.h"
#include "preflight/defaults.h"

namespace mlspec {

// The cloud a spec targets; what each one means lives in providers/.
enum class ProviderKind { kAks, kEks, kGke, kKubernetes };
// The spelling in [cluster] provider = "...", and back (providers/provider.cc).
std::string_view ProviderName(ProviderKind kind);
std::optional<ProviderKind> ParseProvider(std::string_view name);

// Where each key of a table was written, by key name. A missing key has no
// entry; At() then falls back to the table's own location.
struct KeyLocs {
  SourceLoc table;
  std::map<std::string, SourceLoc, std::less<>> keys;
  const SourceLoc& At(std::string_view key) const;
};

struct Taint {
  std::string key;
  std::string value;   // may be empty
  std::string effect;  // NoSchedule | PreferNoSchedule | NoExecute
  SourceLoc loc;
  std::string ToString() const;  // KEY[=VALUE]:EFFECT
  friend bool operator==(const Taint& a, const Taint& b) {
    return a.key == b.key && a.value == b.value && a.effect == b.effect;
  }
};

// One GPU product of the catalog (profiles/gpus.toml) or of [gpu_types.*].
struct GpuType {
  std::string key;
  std::string product_name;  // as nvidia-smi / NVML report it
  Quantity memory;
  double memory_bandwidth_gbps = 0;
  double fp32_tflops = 0;
  double fp16_tflops = 0;  // dense tensor-core FP16; 0 when unknown
  double bf16_tflops = 0;  // dense tensor-core BF16; 0 when unsupported
  std::string compute_capability;
  std::vector<std::string> mig_profiles;  // empty: no MIG
  std::string gke_accelerator;            // empty: not offered on GKE
  SourceLoc loc;
};

struct GpuSharing {
  enum class Strategy { kTimeSlicing, kMig };
  Strategy strategy = Strategy::kTimeSlicing;
  int replicas = 0;         // time-slicing
  std::string mig_profile;  // mig, e.g. "1g.10gb"
  KeyLocs locs;
  // Name of the device-plugin / MIG config entry this pool selects, e.g.
  // "time-slicing-4" or "all-1g.10gb"; shared by the ConfigMap and the label.
  std::string ConfigName() const;
};

// A [pools.NAME] table as written.
struct PoolSpec {
  std::string name;
  KeyLocs locs;
  std::string instance_type;
  std::optional<Quantity> cpu;     // as written; see Pool::node_cpu
  std::optional<Quantity> memory;  // as written; see Pool::node_memory
  int min_nodes = 0;
  int max_nodes = 0;
  bool spot = false;
  std::optional<double> spot_max_price;
  bool system = false;                   // mode = "system": AKS system node pool
  std::string gpu_type;                  // as written (Resolve fills it from the instance)
  std::optional<int> gpus_per_node_set;  // as written
  std::map<std::string, std::string> labels;
  std::map<std::string, SourceLoc> label_locs;  // where each label's key was written
  std::vector<Taint> taints;
  std::optional<GpuSharing> gpu_sharing;
  // Where label `key` was written; the `labels` key when unknown.
  const SourceLoc& LabelLoc(const std::string& key) const {
    auto it = label_locs.find(key);
    return it != label_locs.end() ? it->second : locs.At("labels");
  }
};

struct QuotaSpec {
  std::optional<int64_t> gpu;
  std::optional<Quantity> cpu;
  std::optional<Quantity> memory;
  std::optional<int64_t> pods;
  KeyLocs locs;
};

struct ResourcePair {
  std::optional<Quantity> cpu;
  std::optional<Quantity> memory;
  KeyLocs locs;
};

struct NamespaceSpec {
  std::string name;
  KeyLocs locs;
  std::optional<QuotaSpec> quota;
  std::optional<ResourcePair> default_request;
  std::optional<ResourcePair> default_limit;
  bool isolation = true;
};

struct Profile {
  std::string name;
  KeyLocs locs;
  std::string display_name;
  std::string description;
  std::string image;
  std::string pool;
  int gpu = 0;
  Quantity cpu;
  Quantity memory;
  std::optional<Quantity> cpu_limit_set;
  std::optional<Quantity> memory_limit_set;
  std::optional<Quantity> shm;

  Quantity cpu_limit() const { return cpu_limit_set.value_or(cpu); }
  Quantity memory_limit() const { return memory_limit_set.value_or(memory); }
};

// `auth` of [jupyterhub] and [mlflow]: who may sign in (docs/access.md).
// The OAuth client's id and secret are never values here: `client_secret`
// names an existing Secret with the keys `client_id` and `client_secret`.
struct AuthSpec {
  enum class Type { kGithub, kAzureAd, kGoogle, kGenericOAuth, kDummy };
  KeyLocs locs;
  Type type = Type::kDummy;
  bool type_known = false;                             // false: `type` missing or misspelt (reported by LoadSpec)
  std::string client_secret;                           // Secret name; empty for dummy
  std::vector<std::string> allowed_users;              // provider user names (GitHub logins, e-mail addresses)
  std::vector<std::string> allowed_organizations;      // github: ORG or ORG:TEAM
  std::vector<std::string> hosted_domain;              // google: workspace domains
  std::vector<std::string> allowed_groups;             // generic-oauth: values of the groups claim
  bool allow_all = false;                              // everyone the provider (tenant, domain) signs in
  std::string tenant_id;                               // azuread
  std::string authorize_url, token_url, userdata_url;  // generic-oauth
  std::string username_claim;                          // generic-oauth; empty: "username"
  std::vector<std::string> scopes;                     // generic-oauth; empty: the authenticator's default
  bool oauth() const { return type != Type::kDummy; }
};
// "github", "azuread", ...: the spelling in `auth.type`, which is also the
// JupyterHub authenticator_class entry point OAuthenticator registers.
std::string_view AuthTypeName(AuthSpec::Type t);

// How a web UI is reached and who may sign in: the keys [jupyterhub] and
// [mlflow] share (docs/access.md). Their locations are in the section's locs.
struct WebAccess {
  std::string hostname;       // empty: not exposed outside the cluster
  std::string gateway;        // "NAMESPACE/NAME" of an existing Gateway: an HTTPRoute
  std::string ingress_class;  // an Ingress of this class
  std::string tls_secret;     // with ingress_class: the Ingress's TLS Secret (kubernetes.io/tls)
  std::optional<AuthSpec> auth;
  bool allow_dummy_auth = false;
  bool exposed() const { return !hostname.empty(); }
};

struct JupyterHub : WebAccess {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  std::vector<std::string> profiles;
  std::vector<SourceLoc> profile_locs;
  std::string default_profile;
  Quantity storage;
  int64_t cull_idle_seconds = 3600;
  std::string hub_secret;  // existing Secret with the hub's secrets
  std::vector<std::string> admin_users;
};

struct MLflow : WebAccess {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  std::string backend_store_secret;
  std::string backend_store_secret_key;
  std::string artifact_root;
};

// What an autoscaler watches: `scale_on` of [services.*] and [inference.*].
enum class ScaleSignal { kGpu, kCpu, kMemory };
inline std::string_view ScaleSignalName(ScaleSignal s) {
  switch (s) {
    case ScaleSignal::kGpu:
      return "gpu";
    case ScaleSignal::kCpu:
      return "cpu";
    case ScaleSignal::kMemory:
      return "memory";
  }
  return "cpu";
}

// What a server scales on: `scale_on` as written, else GPU utilisation for a
// GPU profile and CPU otherwise.
inline ScaleSignal EffectiveScaleOn(const std::optional<ScaleSignal>& written, const Profile& profile) {
  if (written) return *written;
  return profile.gpu > 0 ? ScaleSignal::kGpu : ScaleSignal::kCpu;
}

struct Inference {
  std::string name;
  KeyLocs locs;
  std::string namespace_name;
  std::string model_format;
  std::string storage_uri;
  std::string profile;
  int min_replicas = 1;
  int max_replicas = 1;
  std::string deployment_mode;                // RawDeployment | Serverless
  std::optional<int> canary_traffic_percent;  // Serverless only
  std::optional<ScaleSignal> scale_on;        // RawDeployment only; default gpu for GPU profiles, else cpu
  int scale_target = 70;                      // percent
  bool serverless() const { return deployment_mode == "Serverless"; }
};

struct GpuOperatorSpec {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  std::optional<bool> driver;  // as written; the default is the provider's
  std::optional<bool> toolkit;
  bool dcgm_exporter = true;
  std::optional<bool> service_monitor;  // as written; default: when a Prometheus Operator is there
};

struct Preflight {
  KeyLocs locs;
  std::string namespace_name;
  std::string image;
  double min_memory_bandwidth = preflight::defaults::kMinMemoryBandwidth;
  double min_gemm = preflight::defaults::kMinGemm;
  int64_t timeout_seconds = 600;
  bool label_nodes = false;
  std::optional<int> nodes;  // pods per pool Job; default: min_nodes, at least 1
};

struct GitOps {
  KeyLocs locs;
  std::string repo_url;
  std::string revision;
  std::string path;
  std::string argocd_namespace;
  std::string project;
};

struct Cluster {
  KeyLocs locs;
  std::string name;
  ProviderKind provider = ProviderKind::kKubernetes;
  std::string region;
  std::string kubernetes_version;
};

// [storage.NAME]: one PersistentVolumeClaim.
struct Storage {
  std::string name;
  KeyLocs locs;
  std::string namespace_name;
  Quantity size;
  std::string access_mode = "ReadWriteOnce";  // ReadWriteOnce | ReadOnlyMany | ReadWriteMany | ReadWriteOncePod
  std::string storage_class;                  // empty: the cluster's default class
  // True when pods on different nodes can mount it at once.
  bool shared_across_nodes() const { return access_mode == "ReadWriteMany" || access_mode == "ReadOnlyMany"; }
};

// One entry of a job's `volumes`: mount path → storage name.
struct JobVolume {
  std::string path;
  std::string storage;
  SourceLoc loc;
};

// What a job's or a service's container runs: the keys [jobs.*] and
// [services.*] share.
struct ContainerSpec {
  std::string image;  // empty: the profile's
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
  KeyLocs env_locs;
  std::vector<JobVolume> volumes;  // sorted by path
};

// [jobs.NAME]: a training or batch job (docs/workloads.md).
struct Job : ContainerSpec {
  enum class Kind { kJob, kCronJob, kIndexedJob, kPyTorchJob, kTFJob };

  std::string name;
  KeyLocs locs;
  std::string namespace_name;
  std::string profile;
  int retries = 3;
  int64_t timeout_seconds = 24 * 3600;
  int64_t ttl_seconds = 3600;
  std::string schedule;  // empty: not a CronJob
  std::optional<int> trials;
  std::optional<int> parallelism;
  std::string framework;  // "", "pytorch" or "tensorflow"
  int workers = 1;
  std::string mlflow_experiment;
  std::string queue;  // [queues.*] name; empty: not queued

  Kind kind() const {
    if (!schedule.empty()) return Kind::kCronJob;
    if (trials) return Kind::kIndexedJob;
    if (workers > 1) return framework == "tensorflow" ? Kind::kTFJob : Kind::kPyTorchJob;
    return Kind::kJob;
  }
  // Pods of this job that run at the same time.
  int pods_at_once() const {
    if (trials) return parallelism.value_or(1);
    return workers;
  }
};

// `canary` of a [services.*]: a second Deployment that gets `weight` percent
// of the route's traffic, and all requests carrying `header` when given.
struct Canary {
  KeyLocs locs;
  std::string image;
  int weight = 0;
  std::string header_name;  // empty: no header rule
  std::string header_value;
};

// [services.NAME]: a model server as a Deployment + Service, with its
// autoscaler, probes, disruption budget and route (docs/workloads.md).
struct Service : ContainerSpec {
  std::string name;
  KeyLocs locs;
  std::string namespace_name;
  std::string profile;
  int port = 0;
  std::string health_path;                         // empty: TCP probes on the port
  std::optional<int64_t> startup_timeout_seconds;  // as written; default 10m for GPU profiles
  int min_replicas = 1;
  int max_replicas = 1;
  std::optional<ScaleSignal> scale_on;  // as written; default gpu for GPU profiles, else cpu
  int scale_target = 70;                // percent
  std::optional<Canary> canary;
  std::string hostname;
  std::string gateway;  // "namespace/name" of an existing Gateway
  std::string queue;    // [queues.*] name; empty: not queued

  bool autoscaled() const { return max_replicas > min_replicas || min_replicas == 0; }
  // Pods at the most: every replica, plus the canary's one.
  int pods_at_peak() const { return max_replicas + (canary ? 1 : 0); }
};

// [monitoring]: Prometheus for GPU metrics, installed by the tree
// (kube-prometheus-stack) unless the cluster provides the Prometheus Operator.
struct Monitoring {
  KeyLocs locs;
  std::string namespace_name = "monitoring";
  std::optional<bool> install;            // as written; default: unless "prometheus-operator" is provided
  std::string prometheus_url;             // as written; default: the installed Prometheus
  int64_t gpu_idle_alert_seconds = 3600;  // GPUIdle fires after this long under 5 %
};

// [queues.NAME]: a Kueue ClusterQueue over GPU pools, with a LocalQueue in
// each of its namespaces (docs/operations.md).
struct Queue {
  std::string name;
  KeyLocs locs;
  std::vector<std::string> namespaces;
  std::vector<SourceLoc> namespace_locs;
  int gpus = 0;                    // nominal GPUs across its pools
  std::vector<std::string> pools;  // as written; empty: every GPU pool
  std::vector<SourceLoc> pool_locs;
  std::string cohort;  // empty: borrows from no one
};

// [platform]: what the cluster runs already, installed outside this tree.
struct Platform {
  KeyLocs locs;
  std::vector<std::string> provided;  // prerequisite ids (model/platform.h)
  std::vector<SourceLoc> provided_locs;
};

// The sections Resolve passes through unchanged: the Model carries them as
// written (struct Model : AsWritten), so a new section of this kind is one
// field here, its reader in load.cc, its checks and its emitter.
struct AsWritten {
  std::map<std::string, Profile> profiles;
  std::optional<JupyterHub> jupyterhub;
  std::optional<MLflow> mlflow;
  std::map<std::string, Inference> inference;
  std::map<std::string, Storage> storage;
  std::map<std::string, Job> jobs;
  std::map<std::string, Service> services;
  std::map<std::string, Queue> queues;
  std::optional<Monitoring> monitoring;
  std::optional<Platform> platform;
  std::optional<Preflight> preflight;
  std::optional<GitOps> gitops;
};

struct Spec : AsWritten {
  std::string path;  // as given on the command line; used in messages and headers
  std::string source_sha256;
  Cluster cluster;
  std::map<std::string, GpuType> gpu_types;  // user-defined [gpu_types.*] only
  std::map<std::string, PoolSpec> pools;
  std::map<std::string, NamespaceSpec> namespaces;
  std::optional<GpuOperatorSpec> gpu_operator;
};

}  // namespace mlspec

#endif  // MLSPEC_SPEC_SPEC_H_
