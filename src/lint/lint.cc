#include "lint/lint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

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
  for (uint32_t i = indexed_.workloads; i < workloads.size(); ++i) {
    const WorkloadSummary& w = workloads[i];
    by_name_[Key3(w.ns, w.kind, w.name)].push_back(i);
    workload_namespaces_.insert(w.ns);
    for (const auto& [k, v] : w.pod_labels) {
      std::vector<uint32_t>& list = by_label_[Key3(w.ns, k, v)];
      if (list.empty() || list.back() != i) list.push_back(i);  // duplicate labels
    }
  }
  indexed_.workloads = workloads.size();
  inference_service_set_.insert(inference_services.begin() + static_cast<ptrdiff_t>(indexed_.inference_services),
                                inference_services.end());
  indexed_.inference_services = inference_services.size();
  for (uint32_t i = indexed_.claims; i < claims.size(); ++i) {
    claim_index_.emplace(Key3(claims[i].ns, claims[i].name, ""), i);
  }
  indexed_.claims = claims.size();
  for (size_t i = indexed_.limit_ranges; i < limit_range_defaults.size(); ++i) {
    namespace_defaults_[limit_range_defaults[i].first] |= limit_range_defaults[i].second;
  }
  indexed_.limit_ranges = limit_range_defaults.size();
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
  // DRA claims and claim templates of the file, for PodDraGpuClaim.
  DraClaimIndex dra_claims;
};

class ObjectReporter : public Reporter {
 public:
  // `display` is obj.Display(), made once per object. Findings leave
  // loc.file empty: the file is the one the FileResult belongs to.
  ObjectReporter(const Object& obj, const std::string& display, const Suppress& suppress, Severity severity,
                 FileResult& out)
      : obj_(obj),
        display_(display),
        suppress_(suppress),
        severity_(severity),
        out_(out.findings),
        cond_(out.conditional) {}

  void ReportUnlessDefaulted(const RuleInfo& rule, NodeId at, std::string path, std::string message,
                             UnlessDefaulted when) override {
    cond_.push_back({out_.size(), std::string(obj_.ns), when});
    Report(rule, at, std::move(path), std::move(message));
  }

  void Report(const RuleInfo& rule, NodeId at, std::string path, std::string message) override {
    Finding f;
    f.rule = std::string(rule.id);
    f.severity = severity_;
    if (at != kNoNode) {
      f.loc.line = obj_.doc->node(at).line;
      f.loc.col = obj_.doc->node(at).col;
    }
    f.object = display_;
    f.path = std::move(path);
    f.message = std::move(message);
    ApplySuppress(f, suppress_);
    out_.push_back(std::move(f));
  }

 private:
  const Object& obj_;
  const std::string& display_;
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
void Summarize(uint32_t file, const Object& obj, const std::string& display, const Suppress& sup, const Model* spec,
               Corpus& c) {
  const Document& doc = *obj.doc;
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
  if (!obj.templates.empty() && !obj.defaults_only) {
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
      // A placeholder GPU count makes a GPU workload but no total: the
      // quota sums leave the pod out rather than guess its count.
      bool placeholder = false;
      int64_t g = PodGpus(doc, t, &placeholder);
      if (g > 0 || !t.dra_gpu_claim.empty()) w.gpu = true;
      if (placeholder) g = 0;
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
    // A pod's DRA claim may be defined after it in the file: index the
    // file's ResourceClaims and ResourceClaimTemplates first, in a pass that
    // only files mentioning them pay for.
    if (text.find("ResourceClaim") != std::string_view::npos) {
      ReadDocuments(
          text, limits,
          [&](const Document& doc, uint32_t) {
            NodeId root = doc.root();
            NodeId items = doc.Get(root, "items");
            if (doc.IsSeq(items)) {
              for (uint32_t i = 0; i < doc.Size(items); ++i) IndexDraClaim(doc, doc.Item(items, i), res.dra_claims);
            } else if (doc.IsMap(root)) {
              IndexDraClaim(doc, root, res.dra_claims);
            }
          },
          &err);
      err = ReadError{};
    }
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

  // Runs the cross-document rules on up to `jobs` threads and hands their
  // findings to `done` a few hundred at a time, with the rule's position
  // (under a lock; the rules' calls interleave, each rule's come in the
  // order it reported them).
  void LintCorpus(const Corpus& corpus, std::span<const LintInput> inputs, unsigned jobs,
                  const std::function<void(size_t rule, std::vector<Keyed>& findings)>& done) const {
    std::atomic<size_t> next{0};
    std::mutex mu;
    auto worker = [&] {
      for (size_t k; (k = next.fetch_add(1)) < active_.size();) {
        Collector col(inputs, active_[k].severity, [&](std::vector<Keyed>& out) {
          std::lock_guard<std::mutex> lock(mu);
          done(k, out);
        });
        CorpusContext ctx{corpus, spec_, config_, col};
        active_[k].rule->CheckCorpus(ctx);
      }
    };
    jobs = std::min<unsigned>(jobs, static_cast<unsigned>(active_.size()));
    if (jobs <= 1) {
      worker();
      return;
    }
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }

 private:
  class Collector : public CorpusReporter {
   public:
    using Sink = std::function<void(std::vector<Keyed>&)>;
    Collector(std::span<const LintInput> inputs, Severity sev, Sink sink)
        : inputs_(inputs), sev_(sev), sink_(std::move(sink)) {}
    ~Collector() override { Drain(); }
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
      if (out_.size() == 256) Drain();
    }

   private:
    void Drain() {
      if (out_.empty()) return;
      sink_(out_);
      out_.clear();
    }
    std::span<const LintInput> inputs_;
    Severity sev_;
    Sink sink_;
    std::vector<Keyed> out_;
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
    for (PodTemplate& t : obj.templates) {
      if (t.spec == kNoNode) continue;
      if (auto claim = PodDraGpuClaim(doc, t.spec, obj.ns, &res.dra_claims)) {
        t.dra_gpu_claim = std::move(claim->claim);
        t.dra_gpu_object = std::move(claim->object);
        t.dra_gpu_class = std::move(claim->device_class);
      }
    }
    CheckQuantities(path, obj, res);
    NodeId ann = doc.Get(obj.metadata, "annotations");
    Suppress sup{std::string(doc.Text(doc.Get(ann, "mlspec.io/ignore"))),
                 std::string(doc.Text(doc.Get(ann, "mlspec.io/ignore-reason")))};
    std::string display = obj.Display();
    for (const ActiveRule& ar : active_) {
      ObjectReporter rep(obj, display, sup, ar.severity, res);
      CheckContext ctx{obj, doc, spec_, pool_index_ ? &*pool_index_ : nullptr, config_, rep};
      ar.rule->Check(ctx);
    }
    Summarize(index, obj, display, sup, spec_, res.corpus);
  }

  // Resource quantities the API server would reject ("-1Gi", "1e400",
  // "lots") are invalid input, not something rules should read as "unset".
  static void CheckQuantities(const std::string& path, const Object& obj, FileResult& res) {
    const Document& doc = *obj.doc;
    for (const PodTemplate& t : obj.templates) {
      for (const ContainerRef& c : t.containers) {
        for (const char* part : {"requests", "limits"}) {
          NodeId map = part[0] == 'r' ? Requests(doc, c.node) : Limits(doc, c.node);
          if (!doc.IsMap(map)) continue;
          for (uint32_t i = 0; i < doc.Size(map); ++i) {
            NodeId v = doc.ValueAt(map, i);
            std::string err;
            std::optional<Quantity> q;
            if (doc.IsScalar(v)) q = Quantity::Parse(doc.Text(v), &err);
            if (q && !q->negative()) continue;
            Severity sev = Severity::kError;
            if (q) err = "\"" + std::string(doc.Text(v)) + "\" is negative; the API server rejects negative quantities";
            else if (!doc.IsScalar(v)) err = "a quantity must be a string or a number";
            else if (IsQuantityPlaceholder(doc.Text(v))) {
              // Linting a template before it is rendered: say what the
              // rules make of it instead of failing the run.
              sev = Severity::kNote;
              err = "\"" + std::string(doc.Text(v)) + "\" is a template placeholder, not a quantity" +
                    (IsGpuResource(doc.Text(doc.KeyAt(map, i)))
                         ? "; GPU rules count the container as asking for GPUs and skip checks of the number"
                         : "; rules read it as unset");
            }
            res.problems.push_back({sev,
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

namespace lint {
namespace {

// Append-only bytes: in memory up to `limit`, then in an unlinked temporary
// file (TMPDIR, else /tmp) written in 1 MiB chunks. A file that cannot be
// made or written leaves the bytes in memory: the report stays right, only
// the memory bound is lost.
class Spill {
 public:
  explicit Spill(size_t limit) : limit_(limit) {}
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;
  ~Spill() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Appends `data` in one piece; returns its offset.
  uint64_t Append(std::string_view data) {
    uint64_t off = base_ + buf_.size();
    buf_.append(data);
    if (!memory_only_ && buf_.size() >= (fd_ < 0 ? limit_ : kChunk)) Flush();
    return off;
  }

  // The `len` bytes appended at `off` (one whole Append). Reads ahead 1 MiB
  // from the file, so reading in file order costs one pread per chunk.
  std::string_view Read(uint64_t off, size_t len) const {
    if (off >= base_) return std::string_view(buf_).substr(off - base_, len);
    if (off < window_off_ || off + len > window_off_ + window_.size()) {
      size_t want = static_cast<size_t>(std::min<uint64_t>(std::max(len, kChunk), base_ - off));
      window_.resize(want);
      window_off_ = off;
      size_t got = PreadAll(window_.data(), want, off);
      if (got < len) {
        SetError(std::string("cannot read the temporary findings file: ") + std::strerror(errno));
        window_.clear();
        return {};
      }
      window_.resize(got);
    }
    return std::string_view(window_).substr(off - window_off_, len);
  }

  // The `len` bytes at `off` (any range of whole Appends), for readers on
  // several threads at once: bytes still in memory are returned in place,
  // the others are read into `scratch`. Empty after a read error.
  std::string_view ReadRange(uint64_t off, size_t len, std::string& scratch) const {
    if (off >= base_) return std::string_view(buf_).substr(off - base_, len);
    size_t from_file = static_cast<size_t>(std::min<uint64_t>(len, base_ - off));
    scratch.resize(from_file);
    size_t got = PreadAll(scratch.data(), from_file, off);
    if (got < from_file) {
      SetError(std::string("cannot read the temporary findings file: ") + std::strerror(errno));
      return {};
    }
    scratch.append(buf_, 0, len - from_file);
    return scratch;
  }

  bool on_disk() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }

 private:
  static constexpr size_t kChunk = size_t{1} << 20;

  void Flush() {
    if (fd_ < 0 && !Open()) {
      memory_only_ = true;
      return;
    }
    size_t done = 0;
    while (done < buf_.size()) {
      ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    if (done == buf_.size()) {
      base_ += buf_.size();
      // Give back the memory-only buffer's pages; chunks are small from now.
      if (buf_.capacity() > 2 * kChunk) buf_ = std::string();
      buf_.clear();
      return;
    }
    // A full disk: take back what the file holds and stay in memory.
    std::string all(static_cast<size_t>(base_), '\0');
    size_t got = PreadAll(all.data(), all.size(), 0);
    if (got < all.size()) error_ = std::string("cannot read the temporary findings file: ") + std::strerror(errno);
    all.append(buf_);
    buf_ = std::move(all);
    base_ = 0;
    ::close(fd_);
    fd_ = -1;
    memory_only_ = true;
  }

  // Reads up to `n` bytes at `off` of the file; returns how many it got
  // (fewer only at an error or the end, with errno set by the failed call).
  size_t PreadAll(char* to, size_t n, uint64_t off) const {
    size_t got = 0;
    while (got < n) {
      ssize_t r = ::pread(fd_, to + got, n - got, static_cast<off_t>(off + got));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    return got;
  }

  void SetError(std::string message) const {
    std::lock_guard<std::mutex> lock(error_mu_);
    if (error_.empty()) error_ = std::move(message);
  }

  bool Open() {
    const char* dir = std::getenv("TMPDIR");
    std::string path = std::string(dir && *dir ? dir : "/tmp") + "/mlspec-lint-XXXXXX";
    int fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0) return false;
    ::unlink(path.c_str());
    fd_ = fd;
    return true;
  }

  size_t limit_;
  std::string buf_;    // bytes [base_, base_ + buf_.size())
  uint64_t base_ = 0;  // bytes before buf_, all in the file
  int fd_ = -1;
  bool memory_only_ = false;
  mutable std::string window_;
  mutable uint64_t window_off_ = 0;
  mutable std::mutex error_mu_;
  mutable std::string error_;
};

// A finding's record in the spill: flags, severity, line, column, its
// strings, and for a conditional finding its namespace and condition.
void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

constexpr uint8_t kSuppressed = 1;
constexpr uint8_t kConditional = 2;

void Encode(const Finding& f, const Conditional* c, std::string& out) {
  out.push_back(static_cast<char>((f.suppressed ? kSuppressed : 0) | (c ? kConditional : 0)));
  out.push_back(static_cast<char>(f.severity));
  PutVarint(out, f.loc.line);
  PutVarint(out, f.loc.col);
  PutString(out, f.rule);
  PutString(out, f.object);
  PutString(out, f.path);
  PutString(out, f.message);
  PutString(out, f.suppression_kind);
  PutString(out, f.suppression_reason);
  PutString(out, f.source_line);
  if (c) {
    PutString(out, c->ns);
    out.push_back(static_cast<char>(c->when.unset));
    out.push_back(static_cast<char>(c->when.defaulted));
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool done() const { return pos_ >= in_.size(); }
  uint8_t Byte() { return static_cast<uint8_t>(in_[pos_++]); }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = Byte();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }
  std::string_view String() {
    size_t n = static_cast<size_t>(Varint());
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

// Namespace + condition of a conditional finding, for the totals.
std::string ConditionKey(std::string_view ns, UnlessDefaulted when) {
  std::string k(ns);
  k.push_back('\x1f');
  k.push_back(static_cast<char>(when.unset));
  k.push_back(static_cast<char>(when.defaulted));
  return k;
}

// Unsuppressed findings by severity, then suppressed ones.
using Counts = std::array<size_t, 5>;

void Count(const Finding& f, Counts& c) {
  if (f.suppressed) ++c[4];
  else ++c[std::min<size_t>(3, static_cast<size_t>(f.severity))];
}

bool Dropped(uint8_t defaults, UnlessDefaulted when) {
  return (defaults & when.unset) != 0 || (defaults & when.defaulted) != when.defaulted;
}

}  // namespace
}  // namespace lint

struct LintRun::State {
  explicit State(size_t spill_bytes) : spill(spill_bytes) {}

  struct Segment {
    uint64_t offset = 0;
    uint32_t bytes = 0;
  };
  std::span<const LintInput> inputs;
  std::vector<Segment> segments;  // per input: its per-file findings in `spill`
  lint::Spill spill;
  // Cross-document findings, encoded in `spill` after every file's, sorted
  // by file, line, column and rule (and in the order a rule reported them).
  struct CorpusFinding {
    uint32_t file = 0, line = 0, col = 0;
    uint32_t bytes = 0;
    uint64_t offset = 0;
    std::string_view rule;
  };
  std::vector<CorpusFinding> corpus_findings;
  std::unordered_map<std::string, uint8_t> namespace_defaults;  // of linted LimitRanges
  std::vector<Diagnostic> problems;
  size_t invalid_files = 0;
  size_t documents = 0;
  size_t objects = 0;
  lint::Counts counts{};
  lint::Corpus corpus;  // the cross-document summaries, kept to be freed with the run
  unsigned jobs = 1;    // threads that linted, and that format reports

  // File `i`'s findings in report order into `out` (appended).
  void Collect(uint32_t i, std::vector<Finding>& out, size_t& used) const {
    const Segment& seg = segments[i];
    Collect(i, seg.bytes ? spill.Read(seg.offset, seg.bytes) : std::string_view(), out, used);
  }
  // The same, with the file's spilled bytes (`segments[i]`) already read.
  void Collect(uint32_t i, std::string_view encoded, std::vector<Finding>& out, size_t& used) const;
  // Reports batches of files on `jobs` threads; see FormatEachFile.
  void FormatParallel(const std::function<void(std::span<const Finding>, std::string&)>& format,
                      const std::function<void(std::string_view)>& write) const;
};

void LintRun::State::Collect(uint32_t i, std::string_view encoded, std::vector<Finding>& out, size_t& used) const {
  size_t first = used;
  auto next = [&]() -> Finding& {
    if (used == out.size()) out.emplace_back();
    return out[used++];
  };
  auto decode = [&](lint::Decoder& d, Finding& f) {
    uint8_t flags = d.Byte();
    f.severity = static_cast<Severity>(d.Byte());
    f.loc.file = inputs[i].path;
    f.loc.line = static_cast<uint32_t>(d.Varint());
    f.loc.col = static_cast<uint32_t>(d.Varint());
    f.rule = d.String();
    f.object = d.String();
    f.path = d.String();
    f.message = d.String();
    f.suppressed = flags & lint::kSuppressed;
    f.suppression_kind = d.String();
    f.suppression_reason = d.String();
    f.source_line = d.String();
    return flags;
  };
  if (!encoded.empty()) {
    lint::Decoder d(encoded);
    while (!d.done()) {
      Finding& f = next();
      uint8_t flags = decode(d, f);
      if (flags & lint::kConditional) {
        std::string_view ns = d.String();
        lint::UnlessDefaulted when;
        when.unset = d.Byte();
        when.defaulted = d.Byte();
        auto it = namespace_defaults.find(std::string(ns));
        if (lint::Dropped(it == namespace_defaults.end() ? 0 : it->second, when)) --used;
      }
    }
  }
  auto lo = std::lower_bound(corpus_findings.begin(), corpus_findings.end(), i,
                             [](const CorpusFinding& k, uint32_t file) { return k.file < file; });
  std::string scratch;
  for (; lo != corpus_findings.end() && lo->file == i; ++lo) {
    lint::Decoder d(spill.ReadRange(lo->offset, lo->bytes, scratch));
    if (!d.done()) decode(d, next());
  }
  // Per-file findings in the order rules reported them, then cross-document
  // ones: the order Lint() always sorted, stably, by line, column and rule.
  std::stable_sort(out.begin() + static_cast<ptrdiff_t>(first), out.begin() + static_cast<ptrdiff_t>(used),
                   [](const Finding& a, const Finding& b) {
                     if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
                     if (a.loc.col != b.loc.col) return a.loc.col < b.loc.col;
                     return a.rule < b.rule;
                   });
}

bool ReportSource::has_input_errors() const {
  for (const Diagnostic& d : problems()) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

LintRun::LintRun() = default;
LintRun::LintRun(LintRun&&) noexcept = default;
LintRun& LintRun::operator=(LintRun&&) noexcept = default;
LintRun::~LintRun() = default;

size_t LintRun::files() const { return s_->inputs.size(); }
size_t LintRun::invalid_files() const { return s_->invalid_files; }
size_t LintRun::documents() const { return s_->documents; }
size_t LintRun::objects() const { return s_->objects; }
const std::vector<Diagnostic>& LintRun::problems() const { return s_->problems; }
size_t LintRun::unsuppressed() const { return s_->counts[0] + s_->counts[1] + s_->counts[2] + s_->counts[3]; }
bool LintRun::spilled() const { return s_->spill.on_disk(); }
const std::string& LintRun::error() const { return s_->spill.error(); }

size_t LintRun::CountAtOrAbove(Severity threshold) const {
  size_t n = 0;
  for (size_t s = 0; s < 4; ++s) {
    if (static_cast<int>(s) <= static_cast<int>(threshold)) n += s_->counts[s];
  }
  return n;
}

void LintRun::State::FormatParallel(const std::function<void(std::span<const Finding>, std::string&)>& format,
                                    const std::function<void(std::string_view)>& write) const {
  // Batches of consecutive files, about 256 KiB of encoded findings each:
  // large enough to keep the threads busy, small enough that the formatted
  // batches waiting to be written (at most two per thread) stay a few MiB.
  constexpr uint64_t kBatchBytes = uint64_t{256} << 10;
  std::vector<uint32_t> starts;
  uint64_t bytes = kBatchBytes;
  for (uint32_t i = 0; i < inputs.size(); ++i) {
    if (bytes >= kBatchBytes) {
      starts.push_back(i);
      bytes = 0;
    }
    bytes += segments[i].bytes + 64;  // files without findings cost a little too
  }
  starts.push_back(static_cast<uint32_t>(inputs.size()));
  size_t batches = starts.size() - 1;

  struct Slot {
    std::string bytes;
    bool ready = false;
  };
  std::vector<Slot> slots(2 * size_t{jobs});
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0;     // the next batch to format
  size_t written = 0;  // batches handed to `write`
  auto worker = [&] {
    std::vector<Finding> buf;
    std::string scratch, bytes;
    for (;;) {
      size_t k;
      {
        std::unique_lock<std::mutex> lock(mu);
        if (next >= batches) return;
        k = next++;
        cv.wait(lock, [&] { return k < written + slots.size(); });
      }
      uint32_t lo = starts[k], hi = starts[k + 1];
      // Files finish in about input order, so a batch's findings are close
      // together in the spill: read them in one piece when they are.
      uint64_t from = UINT64_MAX, to = 0, total = 0;
      for (uint32_t i = lo; i < hi; ++i) {
        if (!segments[i].bytes) continue;
        from = std::min(from, segments[i].offset);
        to = std::max(to, segments[i].offset + segments[i].bytes);
        total += segments[i].bytes;
      }
      std::string_view range;
      bool whole = total > 0 && to - from <= std::max<uint64_t>(4 * total, uint64_t{1} << 20);
      if (whole) range = spill.ReadRange(from, static_cast<size_t>(to - from), scratch);
      bytes.clear();
      for (uint32_t i = lo; i < hi; ++i) {
        const Segment& seg = segments[i];
        std::string_view encoded;
        if (seg.bytes && whole) {
          if (!range.empty()) encoded = range.substr(static_cast<size_t>(seg.offset - from), seg.bytes);
        } else if (seg.bytes) {
          encoded = spill.ReadRange(seg.offset, seg.bytes, scratch);
        }
        size_t used = 0;
        Collect(i, encoded, buf, used);
        if (used) format(std::span<const Finding>(buf.data(), used), bytes);
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        slots[k % slots.size()].bytes.swap(bytes);
        slots[k % slots.size()].ready = true;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  std::string out;
  for (size_t k = 0; k < batches; ++k) {
    {
      std::unique_lock<std::mutex> lock(mu);
      Slot& slot = slots[k % slots.size()];
      cv.wait(lock, [&] { return slot.ready; });
      out.swap(slot.bytes);
      slot.ready = false;
      written = k + 1;
    }
    cv.notify_all();
    if (!out.empty()) write(out);
  }
  for (std::thread& t : threads) t.join();
}

void ReportSource::FormatEachFile(const std::function<void(std::span<const Finding>, std::string&)>& format,
                                  const std::function<void(std::string_view)>& write) const {
  std::string bytes;
  ForEachFile([&](std::span<const Finding> fs) {
    bytes.clear();
    format(fs, bytes);
    if (!bytes.empty()) write(bytes);
  });
}

void LintRun::FormatEachFile(const std::function<void(std::span<const Finding>, std::string&)>& format,
                             const std::function<void(std::string_view)>& write) const {
  if (s_->jobs <= 1) ReportSource::FormatEachFile(format, write);
  else s_->FormatParallel(format, write);
}

void LintRun::ForEachFile(const std::function<void(std::span<const Finding>)>& fn) const {
  std::vector<Finding> buf;
  for (uint32_t i = 0; i < s_->inputs.size(); ++i) {
    size_t used = 0;
    s_->Collect(i, buf, used);
    if (used) fn(std::span<const Finding>(buf.data(), used));
  }
}

void LintRun::ForEachFileName(const std::function<void(const std::string&, std::span<const Finding>)>& fn) const {
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < s_->inputs.size(); ++i) {
    if (s_->segments[i].bytes) order.push_back(i);
  }
  for (const State::CorpusFinding& k : s_->corpus_findings) {
    if (!s_->segments[k.file].bytes && (order.empty() || order.back() != k.file)) order.push_back(k.file);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    int c = s_->inputs[a].path.compare(s_->inputs[b].path);
    return c != 0 ? c < 0 : a < b;
  });
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::vector<Finding> buf;
  for (size_t k = 0; k < order.size();) {
    const std::string& name = s_->inputs[order[k]].path;
    size_t used = 0;
    for (; k < order.size() && s_->inputs[order[k]].path == name; ++k) s_->Collect(order[k], buf, used);
    if (used) fn(name, std::span<const Finding>(buf.data(), used));
  }
}

LintRun LintStreamed(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec,
                     size_t spill_bytes) {
  using namespace lint;
  Engine engine(config, spec);
  unsigned jobs = config.jobs ? config.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, inputs.size()));

  LintRun run;
  run.s_ = std::make_unique<LintRun::State>(spill_bytes);
  LintRun::State& st = *run.s_;
  st.jobs = jobs;
  st.inputs = inputs;
  st.segments.resize(inputs.size());

  // A file's findings are encoded by the worker that linted it; the bytes,
  // the tallies and what must stay in file order (summaries, problems) wait
  // in `pending` until every earlier file's are merged. Merging is done by
  // whichever worker finds the merge lock free, so no worker ever waits for
  // another's merge (appending a 1 MiB spill chunk, growing the summaries):
  // `mu` guards only `pending`. The spill gets the files in file order, and
  // the segment table records where each one went.
  struct Done {
    std::string encoded;
    Counts counts{};
    std::vector<std::pair<std::string, Counts>> conditional;  // by ConditionKey
    std::vector<Diagnostic> problems;
    std::vector<InlineSuppression> inline_suppressions;
    Corpus corpus;
    size_t documents = 0;
    size_t objects = 0;
  };
  Corpus corpus;
  std::map<uint32_t, std::vector<InlineSuppression>> inline_by_file;
  std::unordered_map<std::string, Counts> conditional_counts;  // by ConditionKey
  std::mutex mu;                                               // guards `pending`
  std::map<uint32_t, Done> pending;
  std::mutex merge_mu;              // held by the worker that merges
  std::atomic<uint32_t> merged{0};  // files merged; written under merge_mu
  auto merge = [&](uint32_t i, Done& r) {
    if (!r.encoded.empty()) st.segments[i] = {st.spill.Append(r.encoded), static_cast<uint32_t>(r.encoded.size())};
    for (size_t s = 0; s < r.counts.size(); ++s) st.counts[s] += r.counts[s];
    for (auto& [key, c] : r.conditional) {
      Counts& to = conditional_counts[key];
      for (size_t s = 0; s < c.size(); ++s) to[s] += c[s];
    }
    st.documents += r.documents;
    st.objects += r.objects;
    bool invalid = false;
    for (Diagnostic& d : r.problems) {
      invalid = invalid || d.severity == Severity::kError;
      st.problems.push_back(std::move(d));
    }
    if (invalid) ++st.invalid_files;
    corpus.Append(std::move(r.corpus));
    // Indexed here, while the other threads go on linting, not after.
    corpus.Index();
    if (!r.inline_suppressions.empty()) inline_by_file[i] = std::move(r.inline_suppressions);
  };
  // Merges what is ready, unless another worker is merging: it then merges
  // ours too, because it looks at `pending` again after letting go of the
  // merge lock.
  auto merge_ready = [&] {
    for (;;) {
      std::unique_lock<std::mutex> merging(merge_mu, std::try_to_lock);
      if (!merging.owns_lock()) return;
      for (;;) {
        Done d;
        uint32_t i = merged.load();
        {
          std::lock_guard<std::mutex> lock(mu);
          auto it = pending.find(i);
          if (it == pending.end()) break;
          d = std::move(it->second);
          pending.erase(it);
        }
        merge(i, d);
        merged.store(i + 1);
      }
      merging.unlock();
      std::lock_guard<std::mutex> lock(mu);
      if (pending.find(merged.load()) == pending.end()) return;
    }
  };
  std::atomic<size_t> next{0};
  auto worker = [&] {
    std::vector<const Conditional*> cond;
    for (size_t n; (n = next.fetch_add(1)) < inputs.size();) {
      uint32_t i = static_cast<uint32_t>(n);
      FileResult r = engine.LintFile(i, inputs[i]);
      Done d;
      cond.assign(r.findings.size(), nullptr);
      for (const Conditional& c : r.conditional) cond[c.finding] = &c;
      for (size_t k = 0; k < r.findings.size(); ++k) {
        Encode(r.findings[k], cond[k], d.encoded);
        if (!cond[k]) {
          Count(r.findings[k], d.counts);
          continue;
        }
        std::string key = ConditionKey(cond[k]->ns, cond[k]->when);
        auto it =
            std::find_if(d.conditional.begin(), d.conditional.end(), [&](const auto& e) { return e.first == key; });
        if (it == d.conditional.end()) it = d.conditional.insert(it, {std::move(key), Counts{}});
        Count(r.findings[k], it->second);
      }
      d.problems = std::move(r.problems);
      d.inline_suppressions = std::move(r.inline_suppressions);
      d.corpus = std::move(r.corpus);
      d.documents = r.documents;
      d.objects = r.objects;
      // Whole documents are gone by now; only the summaries stay.
      {
        std::lock_guard<std::mutex> lock(mu);
        pending.emplace(i, std::move(d));
      }
      merge_ready();
    }
  };
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }
  merge_ready();  // nothing is left (each insertion is merged by someone); cheap to be sure

  corpus.Index();
  // Conditional findings a linted LimitRange makes moot are dropped when
  // they are read back; the totals leave them out now.
  for (const auto& [ns, mask] : corpus.limit_range_defaults) st.namespace_defaults[ns] |= mask;
  for (const auto& [key, c] : conditional_counts) {
    size_t sep = key.size() - 3;
    UnlessDefaulted when;
    when.unset = static_cast<uint8_t>(key[sep + 1]);
    when.defaulted = static_cast<uint8_t>(key[sep + 2]);
    if (Dropped(corpus.NamespaceDefaults(std::string_view(key).substr(0, sep)), when)) continue;
    for (size_t s = 0; s < c.size(); ++s) st.counts[s] += c[s];
  }
  // Each rule's findings are encoded into the spill as soon as the rule is
  // done; only their keys stay in memory, for the sort.
  std::vector<std::vector<LintRun::State::CorpusFinding>> by_rule;
  std::string record;
  engine.LintCorpus(corpus, inputs, jobs, [&](size_t rule, std::vector<Keyed>& findings) {
    if (by_rule.size() <= rule) by_rule.resize(rule + 1);
    std::string_view id = FindRule(findings.front().f.rule)->info().id;  // lives as long as the program
    for (Keyed& k : findings) {
      auto it = inline_by_file.find(k.file);
      if (it != inline_by_file.end()) ApplyInline(k.f, it->second);
      Count(k.f, st.counts);
      record.clear();
      Encode(k.f, nullptr, record);
      by_rule[rule].push_back(
          {k.file, k.f.loc.line, k.f.loc.col, static_cast<uint32_t>(record.size()), st.spill.Append(record), id});
    }
  });
  for (auto& keys : by_rule) st.corpus_findings.insert(st.corpus_findings.end(), keys.begin(), keys.end());
  std::stable_sort(st.corpus_findings.begin(), st.corpus_findings.end(),
                   [](const LintRun::State::CorpusFinding& a, const LintRun::State::CorpusFinding& b) {
                     if (a.file != b.file) return a.file < b.file;
                     if (a.line != b.line) return a.line < b.line;
                     if (a.col != b.col) return a.col < b.col;
                     return a.rule < b.rule;
                   });
  // The summaries are freed with the run, not here: a caller about to exit
  // need not wait for it (cli/lint.cc).
  st.corpus = std::move(corpus);
  return run;
}

LintResult Lint(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec) {
  LintRun run = LintStreamed(inputs, config, spec);
  LintResult out;
  out.files = run.files();
  out.invalid_files = run.invalid_files();
  out.documents = run.documents();
  out.objects = run.objects();
  out.problems = run.problems();
  run.ForEachFile([&](std::span<const Finding> fs) { out.findings.insert(out.findings.end(), fs.begin(), fs.end()); });
  return out;
}

}  // namespace mlspec
