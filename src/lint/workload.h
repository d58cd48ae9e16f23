// Finding pod templates in objects, and reading what rules ask of a pod:
// resources, GPUs, tolerations, node selection.
#ifndef MLSPEC_POLICIES_WORKLOAD_H_
#define MLSPEC_POLICIES_WORKLOAD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/quantity.h"
#include "lint/config.h"
#include "lint/document.h"
#include "lint/rule.h"

namespace mlspec::lint {

// "apps/v1" -> "apps"; "v1" -> "".
std::string_view ApiGroup(std::string_view api_version);

// Fills obj.templates from the built-in table of kinds and `extra`.
void DiscoverTemplates(Object& obj, const std::vector<TemplatePath>& extra);

// True for kinds whose pods serve traffic continuously (Deployment-like).
bool IsServingKind(std::string_view kind);

// ---- Resources ----
std::optional<Quantity> ParseQuantity(const Document& doc, NodeId node);
// A resource a GPU device plugin offers: see GpuResourceKindOf (gpu.cc).
bool IsGpuResource(std::string_view name);
// A resource name that looks like a GPU but is none the device plugins offer.
bool LooksLikeGpuResource(std::string_view name);

// What a GPU resource name counts (gpu.cc lists the plugins and sources).
enum class GpuResourceKind {
  kNone,
  kCount,         // whole devices or device slices: nvidia.com/gpu, volcano.sh/vgpu-number, ...
  kPercentCores,  // tencent.com/vcuda-core: 100 per GPU
  kShare,         // memory or compute share of a GPU: nvidia.com/gpumem, aliyun.com/gpu-mem, ...
  kKnownNoGpu,    // offered by a GPU plugin but no GPU: gpu.intel.com/i915_monitoring
};
GpuResourceKind GpuResourceKindOf(std::string_view name);

// A resource quantity written as a template placeholder rather than a
// number ("$GPU_PER_NODE", "${GPUS}", "{{ .Values.gpus }}", "__GPUS__");
// the patterns are documented at the definition (gpu.cc).
bool IsQuantityPlaceholder(std::string_view text);

// How a container asks for GPUs through resources.limits/requests.
struct ContainerGpuAsk {
  int64_t count = 0;             // GPUs from parsed quantities (the larger of limits and requests)
  std::string_view placeholder;  // the first GPU quantity written as a placeholder, if any
};
ContainerGpuAsk ContainerGpuAskOf(const Document& doc, NodeId container);

// A DRA claim of a pod that gets it a GPU (gpu.cc).
struct DraGpuClaim {
  std::string claim;         // the pod's spec.resourceClaims[].name
  std::string object;        // "ResourceClaimTemplate gpu-tmpl" / "ResourceClaim gpu-claim"
  std::string device_class;  // the GPU device class, empty when judged by the object's name
};
// GPU device classes of the ResourceClaims and ResourceClaimTemplates of one
// file: key "<ns>\x1f<Kind>\x1f<name>", value the GPU device class
// ("" for claims of no GPU class).
using DraClaimIndex = std::vector<std::pair<std::string, std::string>>;
// Adds `root` to `index` when it is a ResourceClaim or ResourceClaimTemplate
// (resource.k8s.io).
void IndexDraClaim(const Document& doc, NodeId root, DraClaimIndex& index);
// The first claim of the pod that gets a GPU: its object in `index` names a
// GPU device class or, when not in the file, its template/claim name contains
// "gpu".
std::optional<DraGpuClaim> PodDraGpuClaim(const Document& doc, NodeId podspec, std::string_view ns,
                                          const DraClaimIndex* index);
// True for device classes of GPUs: gpu.nvidia.com, mig.nvidia.com,
// gpu.amd.com, gpu.intel.com, any name containing "gpu".
bool IsGpuDeviceClass(std::string_view name);

// A container's resources.requests / resources.limits; for a container
// without `resources`, its `resourcesPerNode` (Trainer v2 TrainJob's trainer).
NodeId Requests(const Document& doc, NodeId container);
NodeId Limits(const Document& doc, NodeId container);
// GPUs of a container: the larger of its GPU limits and requests (whole); a
// container whose GPU quantity is a placeholder counts 1.
int64_t ContainerGpus(const Document& doc, NodeId container);
// GPUs of one pod: the sum over app containers, or the largest init
// container. `placeholder`, when given, is set when a container's count is a
// placeholder (counted 1): the sum is then a lower bound, not a total.
int64_t PodGpus(const Document& doc, const PodTemplate& t, bool* placeholder = nullptr);
// Effective request of a container (request, else limit), in milli-units /
// bytes; 0 when unset.
int64_t ContainerRequestMilli(const Document& doc, NodeId container, std::string_view res);
int64_t ContainerRequestValue(const Document& doc, NodeId container, std::string_view res);
// MIG resources a pod asks for ("1g.10gb" for nvidia.com/mig-1g.10gb).
std::vector<std::string> PodMigProfiles(const Document& doc, const PodTemplate& t);

// ---- Scheduling ----
struct Toleration {
  std::string_view key, op, value, effect;
  NodeId node = kNoNode;
};
std::vector<Toleration> Tolerations(const Document& doc, NodeId podspec);
// Kubernetes semantics (k8s.io/api/core/v1 Toleration.ToleratesTaint): an
// empty key with Exists matches every taint; an empty effect every effect.
bool Tolerates(const Toleration& t, std::string_view key, std::string_view value, std::string_view effect);
bool ToleratesAny(const std::vector<Toleration>& ts, std::string_view key, std::string_view value,
                  std::string_view effect);

struct SelectorRequirement {
  std::string_view key, op;
  std::vector<std::string_view> values;
};
struct NodeSelection {
  std::vector<std::pair<std::string_view, std::string_view>> node_selector;
  // Required node affinity: OR of terms, each an AND of requirements.
  std::vector<std::vector<SelectorRequirement>> terms;
  NodeId anchor = kNoNode;  // nodeSelector or affinity key, for findings
  bool any() const { return !node_selector.empty() || !terms.empty(); }
};
NodeSelection ReadNodeSelection(const Document& doc, NodeId podspec);
// The pod's own selection plus the node selector a webhook adds to it
// (PodTemplate::added_node_selector); rules read a template's through this.
NodeSelection ReadNodeSelection(const Document& doc, const PodTemplate& t);
// Whether a node with `labels` (a map with a transparent comparator, looked
// up by string_view) satisfies the selection.
template <typename LabelMap>
bool SelectionMatches(const NodeSelection& s, const LabelMap& labels);

// ---- Containers ----
std::string_view Image(const Document& doc, NodeId container);
// The volume named by the container's mount at `mount_path`, or kNoNode.
NodeId MountedVolume(const Document& doc, NodeId podspec, NodeId container, std::string_view mount_path,
                     NodeId* mount = nullptr);
// Labels of a mapping as pairs.
Labels ReadLabels(const Document& doc, NodeId map);

// A base-10 integer, or nullopt.
std::optional<int64_t> ParseInteger(std::string_view s);

// Implementation of the template.
template <typename LabelMap>
bool SelectionMatches(const NodeSelection& s, const LabelMap& labels) {
  for (const auto& [k, v] : s.node_selector) {
    auto it = labels.find(k);
    if (it == labels.end() || it->second != v) return false;
  }
  if (s.terms.empty()) return true;
  for (const auto& term : s.terms) {
    bool ok = true;
    for (const SelectorRequirement& r : term) {
      auto it = labels.find(r.key);
      bool has = it != labels.end();
      auto in = [&] {
        if (!has) return false;
        for (std::string_view v : r.values) {
          if (it->second == v) return true;
        }
        return false;
      };
      if (r.op == "In") ok = in();
      else if (r.op == "NotIn") ok = !in();
      else if (r.op == "Exists") ok = has;
      else if (r.op == "DoesNotExist") ok = !has;
      else if (r.op == "Gt" || r.op == "Lt") {
        ok = false;
        if (has && !r.values.empty()) {
          auto nv = ParseInteger(it->second);
          auto rv = ParseInteger(r.values[0]);
          ok = nv && rv && (r.op == "Gt" ? *nv > *rv : *nv < *rv);
        }
      }
      if (!ok) break;
    }
    if (ok) return true;
  }
  return false;
}

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_WORKLOAD_H_
