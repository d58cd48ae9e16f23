#include "lint/lint.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/read_file.h"
#include "lint/document.h"
#include "lint/pool_index.h"
#include "lint/registry.h"
#include "lint/rule.h"
#include "lint/workload.h"
#include "model/model.h"

namespace mlspec {

bool LintResult::has_input_errors() const {
  for (const Diagnostic& d : problems) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

size_t LintResult::CountAtOrAbove(Severity threshold) const {
  size_t n = 0;
  for (const Finding& f : findings) {
    if (!f.suppressed && static_cast<int>(f.severity) <= static_cast<int>(threshold)) ++n;
  }
  return n;
}

namespace lint {

std::string_view CategoryName(Category c) {
  switch (c) {
    case Category::kGpu:
      return "GPU resources and scheduling";
    case Category::kShm:
      return "Shared memory";
    case Category::kCluster:
      return "Against the cluster (--spec)";
    case Category::kHygiene:
      return "Workload hygiene";
    case Category::kCrossDocument:
      return "Across documents";
  }
  return "";
}

std::string Object::Display() const {
  std::string out(kind);
  out += ' ';
  if (!ns.empty()) {
    out += ns;
    out += '/';
  }
  out += name.empty() ? std::string_view("<unnamed>") : name;
  return out;
}

void Corpus::Append(Corpus&& o) {
  auto move_all = [](auto& to, auto& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  move_all(workloads, o.workloads);
  move_all(services, o.services);
  move_all(pdbs, o.pdbs);
  move_all(hpas, o.hpas);
  move_all(namespace_uses, o.namespace_uses);
  move_all(namespaces_defined, o.namespaces_defined);
  move_all(inference_services, o.inference_services);
  move_all(claims, o.claims);
  move_all(claim_uses, o.claim_uses);
  move_all(limit_range_defaults, o.limit_range_defaults);
}

namespace {

// Joins lookup-key parts with a unit separator, which no label, name or
// namespace contains.
std::string Key3(std::string_view a, std::string_view b, std::string_view c) {
  std::string k;
  k.reserve(a.size() + b.size() + c.size() + 2);
  k.append(a).append(1, '\x1f').append(b).append(1, '\x1f').append(c);
  return k;
}

std::span<const uint32_t> Lookup(const std::unordered_map<std::string, std::vector<uint32_t>>& m,
                                 const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return {};
  return it->second;
}

}  // namespace

void Corpus::Index() {
  by_name_.clear();
  by_label_.clear();
  workload_namespaces_.clear();
  inference_service_set_.clear();
  for (uint32_t i = 0; i < workloads.size(); ++i) {
    const WorkloadSummary& w = workloads[i];
    by_name_[Key3(w.ns, w.kind, w.name)].push_back(i);
    workload_namespaces_.insert(w.ns);
    for (const auto& [k, v] : w.pod_labels) {
      std::vector<uint32_t>& list = by_label_[Key3(w.ns, k, v)];
      if (list.empty() || list.back() != i) list.push_back(i);  // duplicate labels
    }
  }
  inference_service_set_.insert(inference_services.begin(), inference_services.end());
  claim_index_.clear();
  for (uint32_t i = 0; i < claims.size(); ++i) claim_index_.emplace(Key3(claims[i].ns, claims[i].name, ""), i);
  namespace_defaults_.clear();
  for (const auto& [ns, mask] : limit_range_defaults) namespace_defaults_[ns] |= mask;
}

uint8_t Corpus::NamespaceDefaults(std::string_view ns) const {
  auto it = namespace_defaults_.find(std::string(ns));
  return it == namespace_defaults_.end() ? 0 : it->second;
}

std::span<const uint32_t> Corpus::WorkloadsNamed(std::string_view ns, std::string_view kind,
                                                 std::string_view name) const {
  return Lookup(by_name_, Key3(ns, kind, name));
}

std::span<const uint32_t> Corpus::WorkloadsLabeled(std::string_view ns, std::string_view key,
                                                   std::string_view value) const {
  return Lookup(by_label_, Key3(ns, key, value));
}

bool Corpus::HasWorkloads(std::string_view ns) const { return workload_namespaces_.count(std::string(ns)) > 0; }

bool Corpus::HasInferenceService(std::string_view ns, std::string_view name) const {
  std::string key;
  key.reserve(ns.size() + name.size() + 1);
  key.append(ns).append(1, '/').append(name);
  return inference_service_set_.count(key) > 0;
}

const ClaimSummary* Corpus::ExclusiveClaim(std::string_view ns, std::string_view name) const {
  auto it = claim_index_.find(Key3(ns, name, ""));
  return it == claim_index_.end() ? nullptr : &claims[it->second];
}

namespace {

struct InlineSuppression {
  uint32_t line;  // the comment's line; covers it and the next line
  std::vector<std::string> rules;
  std::string reason;
};

// Finds `# mlspec:ignore rule-a,rule-b reason` comments with one memmem-like
// scan, so files without them cost nothing.
std::vector<InlineSuppression> ScanInlineSuppressions(std::string_view text) {
  std::vector<InlineSuppression> out;
  static constexpr std::string_view kMarker = "mlspec:ignore";
  size_t pos = 0;
  while ((pos = text.find(kMarker, pos)) != std::string_view::npos) {
    size_t line_start = text.rfind('\n', pos);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    size_t hash = text.rfind('#', pos);
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (hash != std::string_view::npos && hash >= line_start &&
        text.substr(hash + 1, pos - hash - 1).find_first_not_of(" \t") == std::string_view::npos) {
      std::string_view rest = text.substr(pos + kMarker.size(), end - pos - kMarker.size());
      InlineSuppression s;
      s.line = static_cast<uint32_t>(std::count(text.begin(), text.begin() + pos, '\n') + 1);
      size_t b = rest.find_first_not_of(" \t");
      if (b != std::string_view::npos) {
        rest.remove_prefix(b);
        size_t e = rest.find_first_of(" \t");
        std::string_view ids = rest.substr(0, e);
        while (!ids.empty()) {
          size_t comma = ids.find(',');
          if (comma) s.rules.emplace_back(ids.substr(0, comma));
          if (comma == std::string_view::npos) break;
          ids.remove_prefix(comma + 1);
        }
        if (e != std::string_view::npos) {
          std::string_view reason = rest.substr(e);
          size_t rb = reason.find_first_not_of(" \t");
          size_t re = reason.find_last_not_of(" \t\r");
          if (rb != std::string_view::npos) s.reason = std::string(reason.substr(rb, re - rb + 1));
        }
      }
      out.push_back(std::move(s));
    }
    pos = end;
  }
  return out;
}

bool RuleListed(std::string_view list, std::string_view id) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ')) item.remove_suffix(1);
    if (item == id || item == "*" || item == "all") return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

void ApplySuppress(Finding& f, const Suppress& s) {
  if (!s.rules.empty() && RuleListed(s.rules, f.rule)) {
    f.suppressed = true;
    f.suppression_kind = "annotation";
    f.suppression_reason = s.reason;
  }
}

void ApplyInline(Finding& f, const std::vector<InlineSuppression>& inl) {
  if (f.suppressed) return;
  for (const InlineSuppression& s : inl) {
    if (f.loc.line != s.line && f.loc.line != s.line + 1) continue;
    for (const std::string& r : s.rules) {
      if (r == f.rule || r == "*" || r == "all") {
        f.suppressed = true;
        f.suppression_kind = "inline";
        f.suppression_reason = s.reason;
        return;
      }
    }
  }
}

struct ActiveRule {
  const Rule* rule;
  Severity severity;
};

struct Keyed {
  uint32_t file;
  Finding f;
};

// A finding that stands only if the namespace's linted LimitRanges fit `when`.
struct Conditional {
  size_t finding;  // index in FileResult::findings, then in the merged list
  std::string ns;
  UnlessDefaulted when;
};

struct FileResult {
  std::vector<Finding> findings;
  std::vector<Conditional> conditional;
  std::vector<Diagnostic> problems;
  std::vector<InlineSuppression> inline_suppressions;
  Corpus corpus;
  size_t documents = 0;
  size_t objects = 0;
};

class ObjectReporter : public Reporter {
 public:
  ObjectReporter(const std::string& file, const Object& obj, const Suppress& suppress, Severity severity,
                 FileResult& out)
      : file_(file), obj_(obj), suppress_(suppress), severity_(severity), out_(out.findings), cond_(out.conditional) {}

  void ReportUnlessDefaulted(const RuleInfo& rule, NodeId at, std::string path, std::string message,
                             UnlessDefaulted when) override {
    cond_.push_back({out_.size(), std::string(obj_.ns), when});
    Report(rule, at, std::move(path), std::move(message));
  }

  void Report(const RuleInfo& rule, NodeId at, std::string path, std::string message) override {
    Finding f;
    f.rule = std::string(rule.id);
    f.severity = severity_;
    f.loc.file = file_;
    if (at != kNoNode) {
      f.loc.line = obj_.doc->node(at).line;
      f.loc.col = obj_.doc->node(at).col;
    }
    f.object = obj_.Display();
    f.path = std::move(path);
    f.message = std::move(message);
    ApplySuppress(f, suppress_);
    out_.push_back(std::move(f));
  }

 private:
  const std::string& file_;
  const Object& obj_;
  const Suppress& suppress_;
  Severity severity_;
  std::vector<Finding>& out_;
  std::vector<Conditional>& cond_;
};

Loc MakeLoc(uint32_t file, const Document& doc, NodeId n) {
  if (n == kNoNode) return {file, 0, 0};
  return {file, doc.node(n).line, doc.node(n).col};
}

// Whether namespace-unknown could report a use of `ns`: only with a spec, and
// only for namespaces the spec does not declare (the rule's own first test),
// so the summaries of the usual, known namespaces are never kept.
bool NamespaceUseMatters(const Model* spec, std::string_view ns) {
  if (spec == nullptr) return false;
  if (spec->namespaces.find(std::string(ns)) != spec->namespaces.end()) return false;
  return !(spec->gitops && spec->gitops->argocd_namespace == ns);
}

// The one node every pod of `podspec` runs on: spec.nodeName, a
// kubernetes.io/hostname node selector, or required node affinity whose every
// term asks for one and the same hostname; empty when the pods can move.
std::string_view PinnedNode(const Document& doc, NodeId podspec) {
  if (std::string_view n = doc.Text(doc.Get(podspec, "nodeName")); !n.empty()) return n;
  NodeSelection s = ReadNodeSelection(doc, podspec);
  for (const auto& [k, v] : s.node_selector) {
    if (k == "kubernetes.io/hostname") return v;
  }
  std::string_view host;
  for (const auto& term : s.terms) {
    std::string_view term_host;
    for (const SelectorRequirement& r : term) {
      if (r.key == "kubernetes.io/hostname" && r.op == "In" && r.values.size() == 1) term_host = r.values[0];
    }
    if (term_host.empty() || (!host.empty() && host != term_host)) return {};
    host = term_host;
  }
  return host;
}

// rwo-volume-shared's summaries: per claim the workload's pods mount, how
// many pods and whether they share one node; only uses by more than one pod.
void SummarizeClaimUses(uint32_t file, const Object& obj, const std::string& display, const Suppress& sup, Corpus& c) {
  const Document& doc = *obj.doc;
  std::vector<ClaimUse> uses;
  std::vector<std::string_view> hosts;  // per use: the node all its pods share so far
  for (const PodTemplate& t : obj.templates) {
    NodeId vols = doc.Get(t.spec, "volumes");
    std::string_view host = PinnedNode(doc, t.spec);
    std::vector<size_t> counted;  // uses this template already counted
    for (uint32_t i = 0; doc.IsSeq(vols) && i < doc.Size(vols); ++i) {
      NodeId name = doc.Get(doc.Get(doc.Item(vols, i), "persistentVolumeClaim"), "claimName");
      std::string_view claim = doc.Text(name);
      if (claim.empty()) continue;
      size_t k =
          std::find_if(uses.begin(), uses.end(), [&](const ClaimUse& u) { return u.claim == claim; }) - uses.begin();
      if (k == uses.size()) {
        ClaimUse u;
        u.loc = MakeLoc(file, doc, name);
        u.ns = obj.ns;
        u.claim = claim;
        u.display = display;
        u.path = t.path + ".volumes[" + std::to_string(i) + "].persistentVolumeClaim.claimName";
        u.pods = 0;
        u.every_node = obj.kind == "DaemonSet" && obj.api_group == "apps";
        u.suppress = sup;
        uses.push_back(std::move(u));
        hosts.push_back(host);
      } else if (std::find(counted.begin(), counted.end(), k) != counted.end()) {
        continue;  // the same claim twice in one pod
      } else if (hosts[k] != host) {
        hosts[k] = {};
      }
      counted.push_back(k);
      uses[k].pods += t.replicas;
    }
  }
  for (size_t k = 0; k < uses.size(); ++k) {
    uses[k].one_node = !hosts[k].empty();
    if (uses[k].pods > 1 || uses[k].every_node) c.claim_uses.push_back(std::move(uses[k]));
  }
}

// The compact summaries cross-document rules need from one object.
void Summarize(uint32_t file, const Object& obj, const Suppress& sup, const Model* spec, Corpus& c) {
  const Document& doc = *obj.doc;
  std::string display = obj.Display();
  NodeId name_node = doc.Get(obj.metadata, "name");
  Loc obj_loc = MakeLoc(file, doc, name_node != kNoNode ? name_node : obj.root);
  if (!obj.ns.empty() && NamespaceUseMatters(spec, obj.ns)) {
    c.namespace_uses.push_back(
        {MakeLoc(file, doc, doc.Get(obj.metadata, "namespace")), std::string(obj.ns), display, sup});
  }
  if (obj.kind == "Namespace" && obj.api_group.empty()) {
    c.namespaces_defined.emplace_back(obj.name);
  }
  if (obj.kind == "InferenceService") {
    c.inference_services.push_back(std::string(obj.ns) + "/" + std::string(obj.name));
  }
  if (!obj.templates.empty()) {
    WorkloadSummary w;
    w.loc = obj_loc;
    w.kind = obj.kind;
    w.api_group = obj.api_group;
    w.ns = obj.ns;
    w.name = obj.name;
    w.display = display;
    w.pod_labels = ReadLabels(doc, doc.Get(obj.templates[0].meta, "labels"));
    if (obj.kind == "InferenceService" && obj.api_group == "serving.kserve.io") {
      // The KServe controller labels predictor pods with the service name and
      // component (pkg/constants: InferenceServicePodLabelKey, KServiceComponentLabel),
      // which is what PDBs and Services select on.
      w.pod_labels.emplace_back("serving.kserve.io/inferenceservice", std::string(obj.name));
      w.pod_labels.emplace_back("component", "predictor");
    }
    NodeId rep = doc.Get(obj.spec, "replicas");
    if (auto v = doc.Int(rep)) {
      w.replicas = *v;
      w.replicas_fixed = true;
    }
    for (const PodTemplate& t : obj.templates) {
      int64_t g = PodGpus(doc, t);
      if (g > 0) w.gpu = true;
      int64_t cpu = 0, mem = 0;
      for (const ContainerRef& ct : t.containers) {
        if (ct.init) continue;
        cpu += ContainerRequestMilli(doc, ct.node, "cpu");
        mem += ContainerRequestValue(doc, ct.node, "memory");
        if (IsServingKind(obj.kind) && doc.Size(doc.Get(ct.node, "ports")) > 0) w.serving = true;
      }
      w.gpu_total += g * t.replicas;
      w.cpu_milli_total += cpu * t.replicas;
      w.memory_total += mem * t.replicas;
    }
    w.suppress = sup;
    c.workloads.push_back(std::move(w));
    SummarizeClaimUses(file, obj, display, sup, c);
  }
  if (obj.kind == "LimitRange" && obj.api_group.empty()) {
    // The LimitRanger admission plugin fills unset container requests from
    // `defaultRequest` (else `default`) and limits from `default`
    // (kubernetes plugin/pkg/admission/limitranger: defaultContainerResourceRequirements).
    uint8_t mask = 0;
    NodeId limits = doc.Get(obj.spec, "limits");
    for (uint32_t i = 0; doc.IsSeq(limits) && i < doc.Size(limits); ++i) {
      NodeId item = doc.Item(limits, i);
      if (doc.Text(doc.Get(item, "type")) != "Container") continue;
      NodeId def = doc.Get(item, "default"), req = doc.Get(item, "defaultRequest");
      if (doc.Get(def, "cpu") != kNoNode) mask |= kCpuLimit | kCpuRequest;
      if (doc.Get(def, "memory") != kNoNode) mask |= kMemoryLimit | kMemoryRequest;
      if (doc.Get(req, "cpu") != kNoNode) mask |= kCpuRequest;
      if (doc.Get(req, "memory") != kNoNode) mask |= kMemoryRequest;
    }
    if (mask) c.limit_range_defaults.emplace_back(std::string(obj.ns), mask);
  }
  if (obj.kind == "PersistentVolumeClaim" && obj.api_group.empty()) {
    // Kept only when the claim is exclusive to one node or pod: every listed
    // mode must be ReadWriteOnce (or ReadWriteOncePod); a claim that also
    // lists ReadOnlyMany or ReadWriteMany binds to a volume others can share.
    NodeId modes = doc.Get(obj.spec, "accessModes");
    bool rwo = false, rwop = false, shared = false;
    for (uint32_t i = 0; doc.IsSeq(modes) && i < doc.Size(modes); ++i) {
      std::string_view m = doc.Text(doc.Item(modes, i));
      if (m == "ReadWriteOnce") rwo = true;
      else if (m == "ReadWriteOncePod") rwop = true;
      else shared = true;
    }
    if ((rwo || rwop) && !shared) c.claims.push_back({std::string(obj.ns), std::string(obj.name), rwop});
  }
  auto selector_summary = [&](NodeId sel_key, NodeId labels) {
    SelectorSummary s;
    s.loc = MakeLoc(file, doc, sel_key);
    s.kind = obj.kind;
    s.ns = obj.ns;
    s.name = obj.name;
    s.display = display;
    s.selector = ReadLabels(doc, labels);
    s.suppress = sup;
    return s;
  };
  if (obj.kind == "Service" && obj.api_group.empty()) {
    NodeId sel = doc.Get(obj.spec, "selector");
    if (doc.IsMap(sel) && doc.Size(sel) > 0) {
      c.services.push_back(selector_summary(doc.KeyNode(obj.spec, "selector"), sel));
    }
  }
  if (obj.kind == "PodDisruptionBudget") {
    NodeId sel = doc.Get(obj.spec, "selector");
    SelectorSummary s = selector_summary(doc.KeyNode(obj.spec, "selector"), doc.Get(sel, "matchLabels"));
    s.has_expressions = doc.Size(doc.Get(sel, "matchExpressions")) > 0;
    NodeId min = doc.Get(obj.spec, "minAvailable");
    NodeId maxu = doc.Get(obj.spec, "maxUnavailable");
    if (auto v = doc.Int(min); v && *v >= 1) s.blocks_single = true;
    if (doc.Text(min) == "100%") s.blocks_single = true;
    if (auto v = doc.Int(maxu); v && *v == 0) s.blocks_single = true;
    if (doc.Text(maxu) == "0%") s.blocks_single = true;
    if (doc.IsMap(sel)) c.pdbs.push_back(std::move(s));
  }
  if (obj.kind == "HorizontalPodAutoscaler") {
    HpaSummary h;
    h.loc = obj_loc;
    h.ns = obj.ns;
    h.name = obj.name;
    h.display = display;
    NodeId ref = doc.Get(obj.spec, "scaleTargetRef");
    h.target_loc = MakeLoc(file, doc, doc.KeyNode(obj.spec, "scaleTargetRef"));
    h.target_kind = doc.Text(doc.Get(ref, "kind"));
    h.target_name = doc.Text(doc.Get(ref, "name"));
    NodeId v1 = doc.KeyNode(obj.spec, "targetCPUUtilizationPercentage");
    if (v1 != kNoNode) h.cpu_metric_loc = MakeLoc(file, doc, v1);
    NodeId metrics = doc.Get(obj.spec, "metrics");
    for (uint32_t i = 0; doc.IsSeq(metrics) && i < doc.Size(metrics); ++i) {
      NodeId m = doc.Item(metrics, i);
      NodeId r = doc.Get(m, "resource");
      if (doc.Text(doc.Get(m, "type")) == "Resource" && doc.Text(doc.Get(r, "name")) == "cpu") {
        h.cpu_metric_loc = MakeLoc(file, doc, doc.Get(r, "name"));
      }
    }
    h.suppress = sup;
    c.hpas.push_back(std::move(h));
  }
}

class Engine {
 public:
  Engine(const LintConfig& config, const Model* spec) : config_(config), spec_(spec) {
    if (spec != nullptr) pool_index_.emplace(*spec);
    for (const Rule* r : AllRules()) {
      const RuleInfo& info = r->info();
      bool on = info.enabled_by_default;
      if (auto it = config.enabled.find(info.id); it != config.enabled.end()) on = it->second;
      if (!on || (info.needs_spec && spec == nullptr)) continue;
      Severity sev = info.default_severity;
      if (auto it = config.severity.find(info.id); it != config.severity.end()) sev = it->second;
      active_.push_back({r, sev});
    }
  }

  FileResult LintFile(uint32_t index, const LintInput& in) const {
    FileResult res;
    std::string storage;
    std::string_view text;
    if (in.content) {
      text = *in.content;
    } else {
      // Never blocks on a FIFO; refuses directories and oversized files.
      std::string error;
      if (!ReadInputFile(in.path, kMaxManifestBytes, &storage, &error)) {
        Diagnostic d;  // (built field by field: g++ 12 -O2 warns on the aggregate)
        d.loc.file = in.path;
        d.message = "cannot read file: " + error;
        res.problems.push_back(std::move(d));
        return res;
      }
      text = storage;
    }
    if (config_.inline_suppressions) res.inline_suppressions = ScanInlineSuppressions(text);
    ReadError err;
    ReadLimits limits;
    bool ok = ReadDocuments(
        text, limits,
        [&](const Document& doc, uint32_t) {
          ++res.documents;
          LintDocument(index, in.path, doc, res);
        },
        &err);
    if (!ok) {
      res.problems.push_back({Severity::kError, {in.path, err.line, err.col}, err.message, {}});
    }
    for (Finding& f : res.findings) ApplyInline(f, res.inline_suppressions);
    CaptureSourceLines(text, res.findings);
    return res;
  }

  // Copies each finding's line out of the file text, so that reporting does
  // not have to read the file again on the main thread.
  static void CaptureSourceLines(std::string_view text, std::vector<Finding>& findings) {
    if (findings.empty()) return;
    std::vector<uint32_t> starts{0};
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(static_cast<uint32_t>(i + 1));
    for (Finding& f : findings) {
      if (f.loc.line == 0 || f.loc.line > starts.size()) continue;
      size_t b = starts[f.loc.line - 1];
      size_t e = text.find('\n', b);
      std::string_view line = text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      f.source_line = std::string(line);
    }
  }

  void LintCorpus(const Corpus& corpus, std::span<const LintInput> inputs, std::vector<Keyed>& out) const {
    for (const ActiveRule& ar : active_) {
      Collector col(inputs, ar.severity, out);
      CorpusContext ctx{corpus, spec_, config_, col};
      ar.rule->CheckCorpus(ctx);
    }
  }

 private:
  class Collector : public CorpusReporter {
   public:
    Collector(std::span<const LintInput> inputs, Severity sev, std::vector<Keyed>& out)
        : inputs_(inputs), sev_(sev), out_(out) {}
    void Report(const RuleInfo& rule, const Loc& at, std::string_view object, std::string path, std::string message,
                const Suppress& suppress) override {
      Finding f;
      f.rule = std::string(rule.id);
      f.severity = sev_;
      f.loc = {inputs_[at.file].path, at.line, at.col};
      f.object = std::string(object);
      f.path = std::move(path);
      f.message = std::move(message);
      ApplySuppress(f, suppress);
      out_.push_back({at.file, std::move(f)});
    }

   private:
    std::span<const LintInput> inputs_;
    Severity sev_;
    std::vector<Keyed>& out_;
  };

  void LintDocument(uint32_t index, const std::string& path, const Document& doc, FileResult& res) const {
    NodeId root = doc.root();
    if (!doc.IsMap(root)) {
      if (!doc.IsNull(root)) {
        res.problems.push_back({Severity::kNote,
                                {path, doc.node(root).line, doc.node(root).col},
                                "document is not a mapping; skipped",
                                {}});
      }
      return;
    }
    NodeId av = doc.Get(root, "apiVersion");
    NodeId kind = doc.Get(root, "kind");
    if (doc.Text(av).empty() || doc.Text(kind).empty()) {
      res.problems.push_back({Severity::kNote,
                              {path, doc.node(root).line, doc.node(root).col},
                              "document without apiVersion/kind skipped",
                              {}});
      return;
    }
    if (doc.Text(kind) == "List" || doc.Text(kind).ends_with("List")) {
      NodeId items = doc.Get(root, "items");
      if (doc.IsSeq(items)) {
        for (uint32_t i = 0; i < doc.Size(items); ++i) {
          NodeId item = doc.Item(items, i);
          if (!doc.IsMap(item) || doc.Text(doc.Get(item, "kind")).empty()) continue;
          LintObject(index, path, doc, item, "items[" + std::to_string(i) + "].", res);
        }
        return;
      }
    }
    LintObject(index, path, doc, root, "", res);
  }

  void LintObject(uint32_t index, const std::string& path, const Document& doc, NodeId root, std::string prefix,
                  FileResult& res) const {
    ++res.objects;
    Object obj;
    obj.doc = &doc;
    obj.root = root;
    obj.metadata = doc.Get(root, "metadata");
    obj.spec = doc.Get(root, "spec");
    obj.api_version = doc.Text(doc.Get(root, "apiVersion"));
    obj.api_group = ApiGroup(obj.api_version);
    obj.kind = doc.Text(doc.Get(root, "kind"));
    obj.name = doc.Text(doc.Get(obj.metadata, "name"));
    obj.ns = doc.Text(doc.Get(obj.metadata, "namespace"));
    obj.path_prefix = std::move(prefix);
    DiscoverTemplates(obj, config_.extra_templates);
    CheckQuantities(path, obj, res);
    NodeId ann = doc.Get(obj.metadata, "annotations");
    Suppress sup{std::string(doc.Text(doc.Get(ann, "mlspec.io/ignore"))),
                 std::string(doc.Text(doc.Get(ann, "mlspec.io/ignore-reason")))};
    for (const ActiveRule& ar : active_) {
      ObjectReporter rep(path, obj, sup, ar.severity, res);
      CheckContext ctx{obj, doc, spec_, pool_index_ ? &*pool_index_ : nullptr, config_, rep};
      ar.rule->Check(ctx);
    }
    Summarize(index, obj, sup, spec_, res.corpus);
  }

  // Resource quantities the API server would reject ("-1Gi", "1e400",
  // "lots") are invalid input, not something rules should read as "unset".
  static void CheckQuantities(const std::string& path, const Object& obj, FileResult& res) {
    const Document& doc = *obj.doc;
    for (const PodTemplate& t : obj.templates) {
      for (const ContainerRef& c : t.containers) {
        for (const char* part : {"requests", "limits"}) {
          NodeId map = doc.Get(doc.Get(c.node, "resources"), part);
          if (!doc.IsMap(map)) continue;
          for (uint32_t i = 0; i < doc.Size(map); ++i) {
            NodeId v = doc.ValueAt(map, i);
            std::string err;
            std::optional<Quantity> q;
            if (doc.IsScalar(v)) q = Quantity::Parse(doc.Text(v), &err);
            if (q && !q->negative()) continue;
            if (q) err = "\"" + std::string(doc.Text(v)) + "\" is negative; the API server rejects negative quantities";
            else if (!doc.IsScalar(v)) err = "a quantity must be a string or a number";
            res.problems.push_back({Severity::kError,
                                    {path, doc.node(v).line, doc.node(v).col},
                                    obj.Display() + ": " + obj.path_prefix + c.path + ".resources." + part + "." +
                                        std::string(doc.Text(doc.KeyAt(map, i))) + ": " + err,
                                    {}});
          }
        }
      }
    }
  }

  const LintConfig& config_;
  const Model* spec_;
  std::optional<PoolIndex> pool_index_;
  std::vector<ActiveRule> active_;
};

}  // namespace
}  // namespace lint

LintResult Lint(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec) {
  using namespace lint;
  Engine engine(config, spec);
  unsigned jobs = config.jobs ? config.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, inputs.size()));

  // Each file's result is merged, in file order, as soon as every earlier
  // file's is: only files still in flight (or finished early) wait in
  // `pending`, so memory follows the summaries and findings, not the number
  // of files. Document order of everything merged stays that of a 1-thread run.
  LintResult out;
  out.files = inputs.size();
  Corpus corpus;
  std::vector<Keyed> keyed;
  std::vector<Conditional> conditional;  // indices into `keyed`
  std::map<uint32_t, std::vector<InlineSuppression>> inline_by_file;
  std::mutex mu;
  std::map<uint32_t, FileResult> pending;
  uint32_t merged = 0;
  auto merge = [&](uint32_t i, FileResult& r) {
    out.documents += r.documents;
    out.objects += r.objects;
    for (Conditional& c : r.conditional) {
      c.finding += keyed.size();
      conditional.push_back(std::move(c));
    }
    for (Finding& f : r.findings) keyed.push_back({i, std::move(f)});
    bool invalid = false;
    for (Diagnostic& d : r.problems) {
      invalid = invalid || d.severity == Severity::kError;
      out.problems.push_back(std::move(d));
    }
    if (invalid) ++out.invalid_files;
    corpus.Append(std::move(r.corpus));
    if (!r.inline_suppressions.empty()) inline_by_file[i] = std::move(r.inline_suppressions);
  };
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t n; (n = next.fetch_add(1)) < inputs.size();) {
      uint32_t i = static_cast<uint32_t>(n);
      FileResult r = engine.LintFile(i, inputs[i]);
      // Whole documents are gone by now; only findings and summaries stay.
      std::lock_guard<std::mutex> lock(mu);
      if (i != merged) {
        pending.emplace(i, std::move(r));
        continue;
      }
      merge(i, r);
      ++merged;
      for (auto it = pending.begin(); it != pending.end() && it->first == merged; it = pending.erase(it)) {
        merge(it->first, it->second);
        ++merged;
      }
    }
  };
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }

  corpus.Index();
  // Findings a linted LimitRange makes moot go before anything is sorted.
  if (!conditional.empty()) {
    std::vector<bool> drop(keyed.size(), false);
    for (const Conditional& c : conditional) {
      uint8_t d = corpus.NamespaceDefaults(c.ns);
      drop[c.finding] = (d & c.when.unset) != 0 || (d & c.when.defaulted) != c.when.defaulted;
    }
    size_t kept = 0;
    for (size_t j = 0; j < keyed.size(); ++j) {
      if (drop[j]) continue;
      if (kept != j) keyed[kept] = std::move(keyed[j]);
      ++kept;
    }
    keyed.resize(kept);
  }
  size_t before = keyed.size();
  engine.LintCorpus(corpus, inputs, keyed);
  for (size_t k = before; k < keyed.size(); ++k) {
    auto it = inline_by_file.find(keyed[k].file);
    if (it != inline_by_file.end()) ApplyInline(keyed[k].f, it->second);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.f.loc.line != b.f.loc.line) return a.f.loc.line < b.f.loc.line;
    if (a.f.loc.col != b.f.loc.col) return a.f.loc.col < b.f.loc.col;
    return a.f.rule < b.f.rule;
  });
  out.findings.reserve(keyed.size());
  for (Keyed& k : keyed) out.findings.push_back(std::move(k.f));
  return out;
}

}  // namespace mlspec
