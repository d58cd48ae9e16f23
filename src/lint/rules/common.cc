#include "lint/rules/common.h"

#include <algorithm>
#include <cctype>

#include "lint/rules/rules.h"
#include "providers/provider.h"

namespace mlspec::lint {

std::string ContainerName(const Document& doc, const ContainerRef& c) {
  std::string_view n = doc.Text(doc.Get(c.node, "name"));
  return n.empty() ? c.path : std::string(n);
}

bool IsGpuPod(const Document& doc, const PodTemplate& t) { return PodGpus(doc, t) > 0 || !t.dra_gpu_claim.empty(); }

std::string GpuAskNote(const Document& doc, const PodTemplate& t) {
  std::string_view placeholder;
  for (const ContainerRef& c : t.containers) {
    ContainerGpuAsk a = ContainerGpuAskOf(doc, c.node);
    if (a.count > 0) return "";
    if (placeholder.empty()) placeholder = a.placeholder;
  }
  if (!placeholder.empty()) return " (`" + std::string(placeholder) + "`, a placeholder; counted as a GPU pod)";
  if (t.dra_gpu_claim.empty()) return "";
  return " (through DRA claim " + Quote(t.dra_gpu_claim) + ": " + t.dra_gpu_object +
         (t.dra_gpu_class.empty() ? std::string(", not in this file; a GPU by its name")
                                  : ", device class " + Quote(t.dra_gpu_class)) +
         ")";
}

std::string ContainerGpuNote(const Document& doc, NodeId container) {
  ContainerGpuAsk a = ContainerGpuAskOf(doc, container);
  if (a.count > 0 || a.placeholder.empty()) return "";
  return " (GPUs `" + std::string(a.placeholder) + "`, a placeholder)";
}

int64_t PodWholeGpus(const Document& doc, const PodTemplate& t) {
  int64_t app = 0, init = 0;
  for (const ContainerRef& c : t.containers) {
    int64_t n = 0;
    for (std::string_view r : {"nvidia.com/gpu", "amd.com/gpu", "nvidia.com/gpu.shared"}) {
      auto q = ParseQuantity(doc, doc.Get(Limits(doc, c.node), r));
      if (!q) q = ParseQuantity(doc, doc.Get(Requests(doc, c.node), r));
      if (q) n += q->Value();
    }
    if (c.init) init = std::max(init, n);
    else app += n;
  }
  return std::max(app, init);
}

namespace {
bool MentionsGpu(std::string_view s) {
  std::string l(s);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find("gpu") != std::string::npos;
}
}  // namespace

bool IsGpuTaint(const Taint& t) { return MentionsGpu(t.key) || MentionsGpu(t.value); }

bool ClusterAddsGpuToleration(const Model* spec, const LintConfig& config) {
  if (spec) return ProviderFor(spec->cluster.provider).AddsGpuTolerationToPods();
  return config.extended_resource_toleration;
}

std::vector<const Taint*> UntoleratedTaints(const Pool& pool, const std::vector<Toleration>& tols) {
  std::vector<const Taint*> out;
  for (const Taint& t : pool.effective_taints) {
    if (t.effect == "PreferNoSchedule") continue;
    if (!ToleratesAny(tols, t.key, t.value, t.effect)) out.push_back(&t);
  }
  return out;
}

std::string PoolNames(const std::vector<const Pool*>& pools) {
  std::string out;
  for (const Pool* p : pools) {
    if (!out.empty()) out += ", ";
    out += Quote(p->name);
  }
  return out;
}

NodeId PodAnchor(const Document& doc, const PodTemplate& t) {
  NodeSelection s = ReadNodeSelection(doc, t);
  if (s.anchor != kNoNode) return s.anchor;
  return t.spec != kNoNode ? t.spec : t.anchor;
}

NodeId ResourceKey(const Document& doc, NodeId c, std::string_view res) {
  NodeId k = doc.KeyNode(Limits(doc, c), res);
  if (k == kNoNode) k = doc.KeyNode(Requests(doc, c), res);
  return k == kNoNode ? c : k;
}

bool RunsDeepLearningFramework(const Document& doc, NodeId container) {
  // Substrings of the lower-cased image, command and args. Generic words
  // ("ray", "accelerate", "dask", "xgboost") are left out or anchored: they
  // name non-GPU tools as often as GPU ones.
  static constexpr std::string_view kFrameworks[] = {"pytorch",
                                                     "torch",
                                                     "tensorflow",
                                                     "jax",
                                                     "text-generation-inference",
                                                     "vllm",
                                                     "tritonserver",
                                                     "triton",
                                                     "nemo",
                                                     "deepspeed",
                                                     "megatron",
                                                     "sglang",
                                                     "tgi",
                                                     "horovod",
                                                     "mpirun",
                                                     "mpiexec",
                                                     "colossalai",
                                                     "paddle",
                                                     "mxnet",
                                                     "accelerate launch",
                                                     "huggingface/accelerate",
                                                     "mpioperator/",
                                                     "tensorrt_llm",
                                                     "tensorrt-llm",
                                                     "trtllm",
                                                     "lmdeploy"};
  std::string hay(Image(doc, container));
  for (std::string_view w : CommandWords(doc, container)) {
    hay += ' ';
    hay += w;
  }
  for (char& ch : hay) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string_view f : kFrameworks) {
    if (hay.find(f) != std::string::npos) return true;
  }
  // NCCL reads NCCL_* (NVIDIA/nccl docs: environment variables), Horovod
  // HOROVOD_*, Open MPI OMPI_* / OMPI_MCA_*: set only for collective jobs.
  NodeId env = doc.Get(container, "env");
  for (uint32_t i = 0; doc.IsSeq(env) && i < doc.Size(env); ++i) {
    std::string_view name = doc.Text(doc.Get(doc.Item(env, i), "name"));
    if (name.starts_with("NCCL_") || name.starts_with("HOROVOD_") || name.starts_with("OMPI_")) return true;
  }
  return false;
}

std::vector<std::string_view> CommandWords(const Document& doc, NodeId container, std::vector<NodeId>* nodes) {
  std::vector<std::string_view> out;
  for (const char* f : {"command", "args"}) {
    NodeId s = doc.Get(container, f);
    for (uint32_t i = 0; doc.IsSeq(s) && i < doc.Size(s); ++i) {
      std::string_view item = doc.Text(doc.Item(s, i));
      size_t p = 0;
      while (p < item.size()) {
        size_t b = item.find_first_not_of(" \t\n\r\"'", p);
        if (b == std::string_view::npos) break;
        size_t e = item.find_first_of(" \t\n\r\"'", b);
        if (e == std::string_view::npos) e = item.size();
        out.push_back(item.substr(b, e - b));
        if (nodes) nodes->push_back(doc.Item(s, i));
        p = e;
      }
    }
  }
  return out;
}

std::string Gpus(int64_t n) { return std::to_string(n) + (n == 1 ? " GPU" : " GPUs"); }

std::string FormatBytes(int64_t bytes) { return Quantity::FromUnits(bytes, Quantity::Format::kBinarySI).Canonical(); }

uint8_t SpecNamespaceDefaults(const Model* spec, std::string_view ns) {
  if (!spec) return 0;
  auto it = spec->namespaces.find(std::string(ns));
  if (it == spec->namespaces.end()) return 0;
  uint8_t mask = 0;
  // A LimitRange default limit also becomes the default request.
  if (const auto& p = it->second.default_limit) {
    if (p->cpu) mask |= kCpuLimit | kCpuRequest;
    if (p->memory) mask |= kMemoryLimit | kMemoryRequest;
  }
  if (const auto& p = it->second.default_request) {
    if (p->cpu) mask |= kCpuRequest;
    if (p->memory) mask |= kMemoryRequest;
  }
  return mask;
}

bool GpuRuleOwnsGpuContainers(const LintConfig& config) {
  const RuleInfo& gpu = GpuCpuMemoryUnsetRule().info();
  auto it = config.enabled.find(gpu.id);
  return it == config.enabled.end() ? gpu.enabled_by_default : it->second;
}

void ReportMissingResource(const CheckContext& c, const RuleInfo& info, std::string_view resource, bool limit) {
  const Document& d = c.doc;
  const uint8_t bit = resource == "cpu" ? (limit ? kCpuLimit : kCpuRequest) : (limit ? kMemoryLimit : kMemoryRequest);
  if (SpecNamespaceDefaults(c.spec, c.obj.ns) & bit) return;
  const bool gpu_owned = (bit == kCpuRequest || bit == kMemoryLimit) && GpuRuleOwnsGpuContainers(c.config);
  const std::string what = std::string(resource) + (limit ? " limit" : " request");
  const std::string field = std::string(limit ? "resources.limits." : "resources.requests.") + std::string(resource);
  for (const PodTemplate& t : c.obj.templates) {
    for (const ContainerRef& ct : t.containers) {
      if (ct.init || ct.partial) continue;
      if (d.Get(Limits(d, ct.node), resource) != kNoNode) continue;
      if (!limit && d.Get(Requests(d, ct.node), resource) != kNoNode) continue;
      if (gpu_owned && ContainerGpus(d, ct.node) > 0) continue;
      c.out.ReportUnlessDefaulted(
          info, ct.node, ct.path,
          c.obj.Display() + ": container " + Quote(ContainerName(d, ct)) + " sets no " + what + "; set " + field,
          UnlessDefaulted{bit, 0});
    }
  }
}

namespace {
// The object holding ttlSecondsAfterFinished / activeDeadlineSeconds for
// GPU batch kinds: batch Job spec, Kubeflow training jobs' runPolicy
// (training-operator v1 RunPolicy), JobSet spec, Volcano Job spec, RayJob spec.
NodeId JobPolicy(const CheckContext& c, bool deadline, std::string* where) {
  const Document& d = c.doc;
  std::string_view k = c.obj.kind, g = c.obj.api_group;
  if (k == "Job" && (g == "batch" || g == "batch.volcano.sh") && !(deadline && g != "batch")) {
    *where = "spec";
    return c.obj.spec;
  }
  if (g == "kubeflow.org" && k.ends_with("Job")) {
    *where = "spec.runPolicy";
    NodeId rp = d.Get(c.obj.spec, "runPolicy");
    return rp == kNoNode ? c.obj.spec : rp;
  }
  if (k == "JobSet" && !deadline) {
    *where = "spec";
    return c.obj.spec;
  }
  if (k == "RayJob" && deadline) {
    *where = "spec";
    return c.obj.spec;
  }
  // Trainer v2: TrainJob spec.activeDeadlineSeconds since v2.2 (kubeflow/trainer
  // pkg/apis/trainer/v1alpha1/trainjob_types.go); a manifest written for
  // v2.0/v2.1 (podSpecOverrides, podTemplateOverrides) has no such field. No
  // TTL: neither TrainJob nor the controller has one, and a runtime's JobSet
  // TTL would delete a JobSet its TrainJob still owns. Runtimes are
  // templates: silent.
  if (k == "TrainJob" && g == "trainer.kubeflow.org" && deadline && d.Get(c.obj.spec, "podSpecOverrides") == kNoNode &&
      d.Get(c.obj.spec, "podTemplateOverrides") == kNoNode) {
    *where = "spec";
    return c.obj.spec;
  }
  return kNoNode;
}
bool AnyGpu(const CheckContext& c) {
  for (const PodTemplate& t : c.obj.templates)
    if (IsGpuPod(c.doc, t)) return true;
  return false;
}
}  // namespace

void ReportMissingJobField(const CheckContext& c, const RuleInfo& info, bool deadline, std::string_view consequence) {
  const Document& d = c.doc;
  std::string where;
  NodeId pol = JobPolicy(c, deadline, &where);
  if (pol == kNoNode || !AnyGpu(c)) return;
  const std::string_view field = deadline ? "activeDeadlineSeconds" : "ttlSecondsAfterFinished";
  if (d.Get(pol, field) != kNoNode) return;
  c.out.Report(
      info, d.KeyNode(c.obj.root, "spec"), c.obj.path_prefix + where,
      c.obj.Display() + ": GPU job has no " + std::string(field) + " in " + where + "; " + std::string(consequence));
}

bool LabelsSubset(const Labels& sel, const Labels& labels) {
  for (const auto& [k, v] : sel) {
    bool found = false;
    for (const auto& [lk, lv] : labels) found = found || (lk == k && lv == v);
    if (!found) return false;
  }
  return true;
}

void ReportSelectsNothing(const CorpusContext& c, const RuleInfo& info, const std::vector<SelectorSummary>& selectors,
                          std::string_view consequence) {
  for (const SelectorSummary& s : selectors) {
    if (s.selector.empty() || s.has_expressions) continue;
    if (!c.corpus.HasWorkloads(s.ns)) continue;
    // Only workloads with the selector's first label can match it.
    const auto& [key, value] = s.selector.front();
    bool matched = false;
    for (uint32_t i : c.corpus.WorkloadsLabeled(s.ns, key, value)) {
      if (LabelsSubset(s.selector, c.corpus.workloads[i].pod_labels)) {
        matched = true;
        break;
      }
    }
    if (matched) continue;
    c.out.Report(info, s.loc, s.display, "spec.selector",
                 s.display + ": selector matches the pods of no workload in namespace " +
                     Quote(s.ns.empty() ? "default" : s.ns) + "; " + std::string(consequence),
                 s.suppress);
  }
}

}  // namespace mlspec::lint
