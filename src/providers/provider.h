// One home per cloud. Everything mlspec knows about AKS, EKS, GKE or a plain
// Kubernetes cluster lives behind this interface, one file per cloud
// (aks.cc, eks.cc, gke.cc, kubernetes.cc): the labels and taints the cloud
// puts on nodes, the label and name rules of its node-pool API, which of its
// instance types carry or accept which GPUs, what its GPU node images ship,
// how it shares GPUs, and the Terraform of its node pools. Nothing outside
// providers/ asks which cloud it runs on (tests/unit/architecture_test.cc
// holds the code to that).
#ifndef MLSPEC_PROVIDERS_PROVIDER_H_
#define MLSPEC_PROVIDERS_PROVIDER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

namespace terraform {
struct Module;
}  // namespace terraform

// Every spelling, in declaration order, for "did you mean" and messages.
std::vector<std::string_view> ProviderNames();

// What `mlspec init` writes for a provider: a working GPU platform on it.
struct StarterSpec {
  std::string_view region;        // empty: the provider takes none
  std::string_view cpu_instance;  // empty: mlspec creates no nodes; the
  std::string_view gpu_instance;  // starter gives cpu, memory and GPUs
  // The comment above the pool, e.g. "1 x A100 80GB".
  std::string_view gpu_instance_note;
  // The CPU pool must be the cluster's system pool (mode = "system"): AKS
  // needs one for its own pods.
  bool system_pool = false;
  // Whether the GPU pool needs the spec's taint (false where the cloud
  // taints GPU nodes itself), and the comment that says what the cloud does.
  bool gpu_taint = true;
  std::string_view gpu_taint_note;
  // Whether the cluster needs [gpu_operator] for a device plugin (nothing
  // else advertises nvidia.com/gpu), and the comment that says why or why not.
  bool gpu_operator = true;
  std::string_view gpu_operator_note;
};

class Provider {
 public:
  virtual ~Provider() = default;

  virtual ProviderKind kind() const = 0;
  // As in messages: "AKS", "EKS", "GKE", "Kubernetes".
  virtual std::string_view display_name() const = 0;
  // Whether mlspec creates the cluster's node pools (Terraform): then every
  // pool needs an instance_type and the cluster a region.
  virtual bool creates_node_pools() const { return true; }
  // The starter `mlspec init` prints; nullopt where it has none.
  virtual std::optional<StarterSpec> starter() const { return std::nullopt; }

  // ---- Nodes ----
  // Labels the cloud puts on every node of `pool` by itself (a resolved pool:
  // gpus_per_node, gpu and gpu_sharing are read). Terraform must not declare them.
  virtual std::map<std::string, std::string> CloudLabels(const Pool& pool) const = 0;
  // Taints the cloud puts on the nodes of `pool` by itself. `has_cpu_pool`:
  // whether the cluster also has a pool without GPUs.
  virtual std::vector<Taint> CloudTaints(const Pool& pool, bool has_cpu_pool) const = 0;
  // Labels and taints the node-pool resource declares although the cloud adds
  // them too (the azurerm docs ask AKS spot pools to declare theirs, so that
  // Terraform shows no drift). A subset of CloudLabels / CloudTaints.
  virtual std::map<std::string, std::string> DeclaredCloudLabels(const Pool& pool) const;
  virtual std::vector<Taint> DeclaredCloudTaints(const Pool& pool) const;
  // True when the node-pool API rejects or owns the label key, so a spec may
  // not set it.
  virtual bool IsReservedLabel(std::string_view key) const = 0;
  // Whether pods that request nvidia.com/gpu get a toleration for the
  // cloud's GPU taint added at admission (GKE's ExtendedResourceToleration).
  virtual bool AddsGpuTolerationToPods() const { return false; }

  // ---- Validation of what the spec writes for this cloud ----
  // Pool name, label and taint rules of the node-pool API, reported at the
  // spec line. `pool` is resolved; `spec` gives the other pools.
  virtual void ValidatePool(const Spec& spec, const Pool& pool, Diagnostics& diags) const = 0;
  // Whether the catalog's `instance` is one of this cloud's instance types
  // (provider = "kubernetes" takes any: the nodes are someone else's).
  virtual bool OffersInstance(const InstanceType& instance) const { return instance.provider == kind(); }
  // Whether `instance` can run `gpus` GPUs of type `gpu_key` (both as
  // resolved; `gpu_type_set` / `gpus_set`: whether the spec wrote them).
  // empty when it can; else, per problem, the key to blame ("gpu_type" or
  // "gpus_per_node") and the message after "[pools.NAME] ". The default:
  // the instance carries a fixed GPU, and the spec may only repeat it.
  struct GpuMisfit {
    std::string key;
    std::string message;
  };
  virtual std::vector<GpuMisfit> CheckGpuFit(const InstanceType& instance, const std::string& gpu_key, int gpus,
                                             bool gpu_type_set, bool gpus_set) const;

  // ---- The GPU operator on this cloud ----
  // Whether the GPU node image already ships the NVIDIA driver / container
  // toolkit, so the operator must not install them (the defaults of
  // [gpu_operator] driver and toolkit are the negation).
  virtual bool ImageHasDriver() const { return false; }
  virtual bool ImageHasToolkit() const { return false; }
  // Why the operator must not install the driver / toolkit here (for the
  // error when a spec says true anyway); empty when it may.
  virtual std::string WhyNoOperatorDriver() const { return ""; }
  // Where the cloud installs the driver when the operator does not (the
  // operator's hostPaths.driverInstallDir and toolkit.installDir), and
  // whether CDI must then be on; empty: the chart's defaults.
  virtual std::string DriverInstallDir() const { return ""; }
  // Whether the cloud needs a ResourceQuota that admits system-*-critical
  // pods in the operator's namespace.
  virtual bool NeedsCriticalPodsQuota() const { return false; }

  // ---- Scaling ----
  // Whether pools that can scale (min_nodes < max_nodes) need the
  // cluster-autoscaler installed in the cluster (EKS); false where the cloud
  // runs its own autoscaler (AKS, GKE) or mlspec does not own the nodes.
  virtual bool NeedsClusterAutoscaler() const { return false; }
  // For the README: how `pool` scales and how fast a new node serves pods.
  virtual std::string ScalingNote(const Pool& pool) const = 0;

  // ---- GPU sharing ----
  // True: the GPU operator's device plugin shares GPUs, from a ConfigMap
  // entry that the node's nvidia.com/device-plugin.config label selects.
  // False: the node pool shares them itself (a node-pool setting) and the
  // operator's device plugin must stay off.
  virtual bool DevicePluginShares() const { return true; }
  // True: the operator's MIG manager partitions MIG GPUs from the node's
  // nvidia.com/mig.config label. False: the node pool partitions them when it
  // creates the node, and the MIG manager must stay off (it would undo it).
  virtual bool MigManagerPartitions() const { return true; }

  // ---- Terraform ----
  // Fills `module` with the node-pool module; false when mlspec does not
  // create this cloud's nodes (then no terraform/ is written).
  virtual bool BuildTerraform(const Model& model, terraform::Module& module) const = 0;
};

// The provider for `kind`; lives as long as the program.
const Provider& ProviderFor(ProviderKind kind);

// ---- Shared by the provider files ----
namespace providers {

// The DNS prefix of a label key ("a.b/c" -> "a.b"), empty when it has none.
std::string_view LabelPrefix(std::string_view key);
// True when `prefix` is `domain` or a subdomain of it.
bool IsOrUnder(std::string_view prefix, std::string_view domain);
// "[pools.NAME]".
std::string Where(const Pool& pool);

}  // namespace providers
}  // namespace mlspec

#endif  // MLSPEC_PROVIDERS_PROVIDER_H_
