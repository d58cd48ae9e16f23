// The spec model: what an mlspec TOML file says, after loading (LoadSpec),
// and — once Normalize has run — every pool's effective labels, taints and
// node capacity, which emitters, Terraform and the linter all read.
//
// Every node that came from input keeps the location of its key, so any later
// stage can point back at the line that caused a problem.
#ifndef MLSPEC_SPEC_MODEL_H_
#define MLSPEC_SPEC_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/quantity.h"
#include "preflight/defaults.h"

namespace mlspec {

enum class Provider { kAks, kEks, kGke, kKubernetes };
std::string_view ProviderName(Provider p);
std::optional<Provider> ParseProvider(std::string_view name);

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

// One instance type of profiles/instances.toml.
struct InstanceType {
  std::string name;
  Provider provider = Provider::kKubernetes;
  int vcpus = 0;
  Quantity memory;
  std::string gpu_type;  // empty for CPU instances
  int gpus = 0;
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

struct Pool {
  std::string name;
  KeyLocs locs;
  std::string instance_type;
  std::optional<Quantity> cpu;     // as written; see node_cpu
  std::optional<Quantity> memory;  // as written; see node_memory
  int min_nodes = 0;
  int max_nodes = 0;
  bool spot = false;
  std::optional<double> spot_max_price;
  bool system = false;  // mode = "system": AKS system node pool
  std::string gpu_type;                  // as written, or from the instance (Normalize)
  std::optional<int> gpus_per_node_set;  // as written
  std::map<std::string, std::string> labels;
  std::vector<Taint> taints;
  std::optional<GpuSharing> gpu_sharing;

  // ---- Filled by Normalize ----
  int gpus_per_node = 0;                               // as written, or from the instance
  std::optional<GpuType> gpu;                          // resolved gpu_type
  Quantity node_cpu;                                   // what one node offers to pods
  Quantity node_memory;
  // spec + cloud + platform; transparent, so the linter matches node
  // selectors against every pool without building a string per lookup.
  std::map<std::string, std::string, std::less<>> effective_labels;
  std::vector<Taint> effective_taints;                 // spec + cloud

  bool has_gpu() const { return gpus_per_node > 0; }
  // GPUs one node advertises to the scheduler (time-slicing multiplies them).
  int schedulable_gpus_per_node() const;
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

struct Namespace {
  std::string name;
  KeyLocs locs;
  std::optional<QuotaSpec> quota;
  std::optional<ResourcePair> default_request;
  std::optional<ResourcePair> default_limit;
  bool isolation = true;
  bool declared = true;  // false: created by Normalize for a component's namespace
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

struct JupyterHub {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  std::vector<std::string> profiles;
  std::vector<SourceLoc> profile_locs;
  std::string default_profile;
  Quantity storage;
  int64_t cull_idle_seconds = 3600;
  std::string hub_secret;  // existing Secret with the hub's secrets
};

struct MLflow {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  std::string backend_store_secret;
  std::string backend_store_secret_key;
  std::string artifact_root;
};

struct Inference {
  std::string name;
  KeyLocs locs;
  std::string namespace_name;
  std::string model_format;
  std::string storage_uri;
  std::string profile;
  int min_replicas = 1;
  int max_replicas = 1;
  std::string deployment_mode;  // RawDeployment | Serverless
};

struct GpuOperator {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  bool driver = true;
  bool toolkit = true;
  bool dcgm_exporter = true;
  bool service_monitor = true;
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
  Provider provider = Provider::kKubernetes;
  std::string region;
  std::string kubernetes_version;
};

struct Spec {
  std::string path;  // as given on the command line; used in messages and headers
  std::string source_sha256;
  Cluster cluster;
  std::map<std::string, GpuType> gpu_types;  // user-defined [gpu_types.*] only
  std::map<std::string, Pool> pools;
  std::map<std::string, Namespace> namespaces;
  std::map<std::string, Profile> profiles;
  std::optional<JupyterHub> jupyterhub;
  std::optional<MLflow> mlflow;
  std::map<std::string, Inference> inference;
  std::optional<GpuOperator> gpu_operator;
  std::optional<Preflight> preflight;
  std::optional<GitOps> gitops;
};

}  // namespace mlspec

#endif  // MLSPEC_SPEC_MODEL_H_
