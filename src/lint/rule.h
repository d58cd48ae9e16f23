// The rule interface, the object view rules see, and the summaries that
// cross-document rules read. One rule = one class in src/lint/rules/.
#ifndef MLSPEC_POLICIES_RULE_H_
#define MLSPEC_POLICIES_RULE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "lint/config.h"
#include "lint/document.h"
#include "lint/lint.h"

namespace mlspec {
struct Model;
}

namespace mlspec::lint {

enum class Category { kGpu, kShm, kCluster, kHygiene, kCrossDocument };
std::string_view CategoryName(Category c);

struct RuleInfo {
  std::string_view id;
  Severity default_severity = Severity::kWarning;
  Category category = Category::kHygiene;
  std::string_view summary;    // one line
  std::string_view rationale;  // why it matters
  std::string_view fix;        // what to do
  std::string_view bad_example;
  std::string_view good_example;
  bool enabled_by_default = true;
  bool needs_spec = false;
};

struct ContainerRef {
  NodeId node = kNoNode;  // the container mapping; Requests()/Limits() find its resources
  std::string path;       // "spec.template.spec.containers[0]"
  bool init = false;
  // Its resources may be completed from an object the linter does not see (a
  // Trainer runtime's container, an LLMInferenceServiceConfig): rules about
  // resources it leaves unset stay silent; what it sets is still checked.
  bool partial = false;
};

// One pod template found in an object.
struct PodTemplate {
  NodeId spec = kNoNode;                 // the PodSpec mapping (kNoNode for container-only forms)
  NodeId meta = kNoNode;                 // the template's metadata (labels)
  NodeId anchor = kNoNode;               // where pod-level findings point
  std::string path;                      // path of the PodSpec, e.g. "spec.template.spec"
  std::string role;                      // replica type / group name, may be empty
  int64_t replicas = 1;                  // pods this template yields (replicas × parallelism)
  std::vector<ContainerRef> containers;  // app containers, then init containers
  // A DRA claim (spec.resourceClaims) of a GPU device class: filled by Lint
  // after discovery (PodDraGpuClaim); empty claim when none.
  std::string dra_gpu_claim, dra_gpu_object, dra_gpu_class;
  // Node selector labels a mutating webhook adds to the pod (KServe's
  // `serving.kserve.io/gke-accelerator` annotation); ReadNodeSelection(doc,
  // template) merges them. `added_anchor` is where findings about them point.
  std::vector<std::pair<std::string_view, std::string_view>> added_node_selector;
  NodeId added_anchor = kNoNode;
  // The operator mounts a memory-backed emptyDir at /dev/shm into the pod's
  // containers itself (NIM operator's NIMService; KServe's well-known
  // LLMInferenceServiceConfigs), so /dev/shm rules have nothing to ask.
  bool shm_mounted = false;
};

// A Kubernetes object as rules see it.
struct Object {
  const Document* doc = nullptr;
  NodeId root = kNoNode;
  NodeId metadata = kNoNode;
  NodeId spec = kNoNode;
  std::string_view api_version;
  std::string_view api_group;  // "" for core
  std::string_view kind;
  std::string_view name;
  std::string_view ns;      // "" when not set
  std::string path_prefix;  // "items[3]." inside a List
  std::vector<PodTemplate> templates;
  // The templates are defaults other objects' pods start from (a Trainer
  // runtime, a KServe ServingRuntime, an LLMInferenceServiceConfig): rules
  // check them, but they run no pods of their own (no workload summary).
  bool defaults_only = false;

  std::string Display() const;  // "Deployment ai/trainer"
};

// Compact summaries for cross-document rules: a few strings, never documents.
struct Loc {
  uint32_t file = 0;  // index into the inputs
  uint32_t line = 0;
  uint32_t col = 0;
};

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Suppress {
  std::string rules;   // mlspec.io/ignore value
  std::string reason;  // mlspec.io/ignore-reason
};

struct WorkloadSummary {
  Loc loc;
  std::string kind, api_group, ns, name, display;
  Labels pod_labels;  // of the first template
  bool gpu = false;
  bool serving = false;         // Deployment-like and exposes a port
  int64_t replicas = 1;         // of the object (Deployment spec.replicas)
  bool replicas_fixed = false;  // replicas given explicitly
  // Requests of all pods (replicas counted).
  int64_t gpu_total = 0;
  int64_t cpu_milli_total = 0;
  int64_t memory_total = 0;
  Suppress suppress;
};

struct SelectorSummary {  // Service or PodDisruptionBudget
  Loc loc;                // the selector
  std::string kind, ns, name, display;
  Labels selector;  // matchLabels (or a Service's selector)
  bool has_expressions = false;
  bool blocks_single = false;  // PDB: minAvailable>=1 / 100% or maxUnavailable 0
  Suppress suppress;
};

struct HpaSummary {
  Loc loc;             // the object
  Loc target_loc;      // scaleTargetRef
  Loc cpu_metric_loc;  // line 0: no CPU metric
  std::string ns, name, display, target_kind, target_name;
  Suppress suppress;
};

struct NamespaceUse {
  Loc loc;  // metadata.namespace
  std::string ns, display;
  Suppress suppress;
};

// A PersistentVolumeClaim that only one node (ReadWriteOnce) or one pod
// (ReadWriteOncePod) can use at a time; claims other pods can share are not kept.
struct ClaimSummary {
  std::string ns, name;
  bool once_pod = false;  // ReadWriteOncePod; else ReadWriteOnce
};

// One workload's volumes from one claim, over all its pod templates.
struct ClaimUse {
  Loc loc;  // the first persistentVolumeClaim.claimName
  std::string ns, claim, display, path;
  int64_t pods = 1;         // pods of the workload with the volume, at once
  bool every_node = false;  // a DaemonSet: a pod on every node
  bool one_node = false;    // every such pod pinned to one node (nodeName or kubernetes.io/hostname)
  Suppress suppress;
};

// Container fields a namespace's LimitRange can default (a bit mask). A
// default limit also defaults the request.
enum DefaultedField : uint8_t {
  kCpuRequest = 1,
  kCpuLimit = 2,
  kMemoryRequest = 4,
  kMemoryLimit = 8,
};

// When a finding about unset container fields stands, once every file is in:
// LimitRanges among the linted manifests, in the object's namespace, default
// none of `unset` and all of `defaulted`. A rule whose message names several
// fields reports one variant per combination; the one that fits stands.
struct UnlessDefaulted {
  uint8_t unset = 0;
  uint8_t defaulted = 0;
};

struct Corpus {
  std::vector<WorkloadSummary> workloads;
  std::vector<SelectorSummary> services;
  std::vector<SelectorSummary> pdbs;
  std::vector<HpaSummary> hpas;
  std::vector<NamespaceUse> namespace_uses;
  std::vector<std::string> namespaces_defined;  // Namespace objects
  std::vector<std::string> inference_services;  // "ns/name"
  std::vector<ClaimSummary> claims;
  std::vector<ClaimUse> claim_uses;  // only of workloads with more than one pod
  // LimitRange defaults for containers: namespace, DefaultedField mask.
  std::vector<std::pair<std::string, uint8_t>> limit_range_defaults;
  void Append(Corpus&& other);

  // Builds the lookups below, for what was appended since the last call;
  // Lint calls it as files are merged, and once every file is in, before any
  // CheckCorpus. Cross-document rules look up through them instead of
  // scanning every workload for every HPA, Service or PDB (which made large
  // repositories quadratic). Only appending keeps the lookups right.
  void Index();
  // Indices into `workloads`, in corpus order.
  std::span<const uint32_t> WorkloadsNamed(std::string_view ns, std::string_view kind, std::string_view name) const;
  // Workloads whose first pod template carries the label key=value.
  std::span<const uint32_t> WorkloadsLabeled(std::string_view ns, std::string_view key, std::string_view value) const;
  bool HasWorkloads(std::string_view ns) const;
  bool HasInferenceService(std::string_view ns, std::string_view name) const;
  // The linted claim `name` in `ns` if it is single-node or single-pod; null
  // when it is not linted or other nodes can share it.
  const ClaimSummary* ExclusiveClaim(std::string_view ns, std::string_view name) const;
  // DefaultedField mask of what the linted LimitRanges of `ns` default.
  uint8_t NamespaceDefaults(std::string_view ns) const;

 private:
  std::unordered_map<std::string, std::vector<uint32_t>> by_name_;   // ns␟kind␟name
  std::unordered_map<std::string, std::vector<uint32_t>> by_label_;  // ns␟key␟value
  std::unordered_set<std::string> workload_namespaces_;
  std::unordered_set<std::string> inference_service_set_;  // "ns/name"
  std::unordered_map<std::string, uint32_t> claim_index_;  // ns␟name -> claims[i]
  std::unordered_map<std::string, uint8_t> namespace_defaults_;
  struct {
    size_t workloads = 0, inference_services = 0, claims = 0, limit_ranges = 0;
  } indexed_;  // how much of each list the lookups cover
};

// Emits findings for one rule run. Per-object contexts apply the object's
// suppression annotations; corpus contexts take them per report.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void Report(const RuleInfo& rule, NodeId at, std::string path, std::string message) = 0;
  // A finding about unset container fields that a LimitRange elsewhere in
  // the linted manifests may make moot; the engine decides once every file
  // is in. Reporters that cannot wait keep every variant.
  virtual void ReportUnlessDefaulted(const RuleInfo& rule, NodeId at, std::string path, std::string message,
                                     UnlessDefaulted when) {
    (void)when;
    Report(rule, at, std::move(path), std::move(message));
  }
};

class CorpusReporter {
 public:
  virtual ~CorpusReporter() = default;
  virtual void Report(const RuleInfo& rule, const Loc& at, std::string_view object, std::string path,
                      std::string message, const Suppress& suppress) = 0;
};

class PoolIndex;

struct CheckContext {
  const Object& obj;
  const Document& doc;
  const Model* spec;       // resolved, or null
  const PoolIndex* pools;  // the spec's pools by label; null without a spec
  const LintConfig& config;
  Reporter& out;
};

struct CorpusContext {
  const Corpus& corpus;
  const Model* spec;
  const LintConfig& config;
  CorpusReporter& out;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called for every object.
  virtual void Check(const CheckContext&) const {}
  // Called once after every file, for cross-document rules.
  virtual void CheckCorpus(const CorpusContext&) const {}
};

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_RULE_H_
