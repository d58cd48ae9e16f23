// The Model: the spec resolved (Resolve, resolve/resolve.h) — catalog and
// provider defaults applied, every pool's effective labels, taints, GPU and
// node capacity computed, and the implicit namespaces of components added.
// Emitters and the linter read only this. The as-written parts are the
// Spec's own types (spec/spec.h), so every source location stays reachable.
#ifndef MLSPEC_MODEL_MODEL_H_
#define MLSPEC_MODEL_MODEL_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.h"

namespace mlspec {

// One instance type of profiles/instances.toml.
struct InstanceType {
  std::string name;
  ProviderKind provider = ProviderKind::kKubernetes;
  int vcpus = 0;
  Quantity memory;
  std::string gpu_type;  // empty for CPU instances
  int gpus = 0;
};

// Labels every node carries whose value the spec cannot know (one per node,
// the cloud's region and zone, the CPU architecture): a selection on them
// fits every pool, whatever the value. kubernetes.io/os and the instance
// type are known and sit in Pool::effective_labels.
inline constexpr std::string_view kNodeLabelsOfUnknownValue[] = {
    "kubernetes.io/hostname",
    "kubernetes.io/arch",
    "beta.kubernetes.io/arch",
    "topology.kubernetes.io/region",
    "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
};

// The labels of known value every node of `pool` carries, set by the kubelet
// and the node controller on every cloud: kubernetes.io/os, the instance type,
// and their beta forms. Part of Pool::effective_labels (cloud labels win).
std::map<std::string, std::string> WellKnownNodeLabels(const PoolSpec& pool);

// A pool as written, plus what Resolve computed for it.
struct Pool : PoolSpec {
  // gpu_type (inherited) is the resolved one: as written, or the instance's.
  int gpus_per_node = 0;       // as written, or from the instance
  std::optional<GpuType> gpu;  // resolved gpu_type
  Quantity node_cpu;           // what one node offers to pods
  Quantity node_memory;
  // What the node-pool resource declares (the spec's labels and taints,
  // mlspec's own labels, and those the cloud asks to be declared); on
  // provider = "kubernetes", what whoever creates the nodes must set.
  std::map<std::string, std::string> node_pool_labels;
  std::vector<Taint> node_pool_taints;
  // node_pool_* plus what the cloud adds by itself and WellKnownNodeLabels; transparent, so the linter matches node
  // selectors against every pool without building a string per lookup.
  std::map<std::string, std::string, std::less<>> effective_labels;
  std::vector<Taint> effective_taints;

  bool has_gpu() const { return gpus_per_node > 0; }
  // GPUs one node advertises to the scheduler (time-slicing multiplies them).
  int schedulable_gpus_per_node() const;
};

struct Namespace : NamespaceSpec {
  bool declared = true;  // false: created by Resolve for a component's namespace
};

struct GpuOperator {
  KeyLocs locs;
  std::string namespace_name;
  std::string chart_version;
  bool driver = true;  // as written, or the provider's default
  bool toolkit = true;
  bool dcgm_exporter = true;
  bool service_monitor = true;
};

// The resolved parts, plus the sections Resolve passes through (AsWritten).
struct Model : AsWritten {
  std::string path;  // as given on the command line; used in messages and headers
  std::string source_sha256;
  Cluster cluster;
  std::map<std::string, GpuType> gpu_types;  // user-defined [gpu_types.*] only
  std::map<std::string, Pool> pools;
  std::map<std::string, Namespace> namespaces;
  std::optional<GpuOperator> gpu_operator;
};

}  // namespace mlspec

#endif  // MLSPEC_MODEL_MODEL_H_
