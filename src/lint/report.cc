#include "lint/report.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <map>
#include <unordered_map>

#include "lint/registry.h"

namespace mlspec {

namespace {

using lint::AllRules;
using lint::FindRule;
using lint::RuleInfo;

std::string SevName(Severity s) { return std::string(SeverityName(s)); }

}  // namespace

bool ReportOut::Flush() {
  if (file_ && !buf_.empty()) {
    if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) ok_ = false;
    buf_.clear();
  }
  return ok_;
}

namespace {

// A LintResult as a ReportSource.
class ResultSource : public ReportSource {
 public:
  explicit ResultSource(const LintResult& r) : r_(r) {}
  size_t files() const override { return r_.files; }
  size_t invalid_files() const override { return r_.invalid_files; }
  size_t documents() const override { return r_.documents; }
  size_t objects() const override { return r_.objects; }
  const std::vector<Diagnostic>& problems() const override { return r_.problems; }
  size_t unsuppressed() const override {
    size_t n = 0;
    for (const Finding& f : r_.findings) n += f.suppressed ? 0 : 1;
    return n;
  }
  void ForEachFile(const std::function<void(std::span<const Finding>)>& fn) const override {
    if (!r_.findings.empty()) fn(r_.findings);
  }
  void ForEachFileName(const std::function<void(const std::string&, std::span<const Finding>)>& fn) const override {
    std::map<std::string, std::vector<Finding>> by_file;
    for (const Finding& f : r_.findings) by_file[f.loc.file].push_back(f);
    for (const auto& [file, fs] : by_file) fn(file, fs);
  }

 private:
  const LintResult& r_;
};

void PutUint(ReportOut& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.Put(std::string_view(buf, static_cast<size_t>(end - buf)));
}

// The length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0.
size_t Utf8Length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned c = byte(i);
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned c1 = byte(i + 1);
    if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// A JSON string as nlohmann::json dumps it (UTF-8 kept, control characters
// escaped, \u00xx in lower case). Bytes that are not UTF-8 (a file name can
// hold any) become U+FFFD, where nlohmann::json would throw.
void PutJsonString(ReportOut& out, std::string_view s) {
  out.Put('"');
  size_t run = 0;  // start of the bytes not yet written
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = Utf8Length(s, i)) {
        i += n;
        continue;
      }
    }
    out.Put(s.substr(run, i - run));
    switch (c) {
      case '"':
        out.Put("\\\"");
        break;
      case '\\':
        out.Put("\\\\");
        break;
      case '\b':
        out.Put("\\b");
        break;
      case '\f':
        out.Put("\\f");
        break;
      case '\n':
        out.Put("\\n");
        break;
      case '\r':
        out.Put("\\r");
        break;
      case '\t':
        out.Put("\\t");
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out.Put(std::string_view(esc, sizeof esc));
        } else {
          out.Put("\xEF\xBF\xBD");
        }
    }
    run = ++i;
  }
  out.Put(s.substr(run));
  out.Put('"');
}

// Writes JSON laid out as nlohmann::json's dump(2): "key": value, two spaces
// per level, an empty object or array as {} or [].
class JsonWriter {
 public:
  explicit JsonWriter(ReportOut& out) : out_(out) {}
  // A writer for items of an array `depth` containers deep that already
  // holds items: every item it writes starts with ",\n" (see RawItems).
  JsonWriter(ReportOut& out, size_t depth) : out_(out), counts_(depth, 1) {}

  // Items of the open array, written by a JsonWriter(out, depth) of the same
  // depth; the separator of the array's first item is "\n", not ",\n".
  void RawItems(std::string_view items) {
    if (items.empty()) return;
    if (counts_.back() == 0) items.remove_prefix(1);
    out_.Put(items);
    ++counts_.back();
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  JsonWriter& Key(std::string_view k) {
    Item();
    PutJsonString(out_, k);
    out_.Put(": ");
    after_key_ = true;
    return *this;
  }
  void String(std::string_view s) {
    Value();
    PutJsonString(out_, s);
  }
  void Uint(uint64_t v) {
    Value();
    PutUint(out_, v);
  }
  void Bool(bool b) {
    Value();
    out_.Put(b ? "true" : "false");
  }
  // {"text": s}
  void TextObject(std::string_view s) {
    BeginObject();
    Key("text").String(s);
    EndObject();
  }

 private:
  void Indent(size_t n) {
    while (n > 0) {
      size_t k = std::min(n, sizeof kSpaces - 1);
      out_.Put(std::string_view(kSpaces, k));
      n -= k;
    }
  }
  void Item() {
    if (counts_.empty()) return;
    out_.Put(counts_.back()++ ? ",\n" : "\n");
    Indent(2 * counts_.size());
  }
  void Value() {
    if (after_key_) after_key_ = false;
    else Item();
  }
  void Open(char c) {
    Value();
    out_.Put(c);
    counts_.push_back(0);
  }
  void Close(char c) {
    bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
      out_.Put('\n');
      Indent(2 * counts_.size());
    }
    out_.Put(c);
  }

  static constexpr char kSpaces[] = "                                ";
  ReportOut& out_;
  std::vector<size_t> counts_;  // items so far, per open container
  bool after_key_ = false;
};

}  // namespace

namespace {
// One file's findings as text; tallies what it wrote into `counts` (errors,
// warnings, info) and `suppressed`.
void TextFile(std::span<const Finding> fs, const TextOptions& opts, const SourceLines& src, ReportOut& out,
              size_t counts[3], size_t& suppressed) {
  auto color = [&](const char* code, std::string_view s) {
    if (!opts.color) {
      out.Put(s);
      return;
    }
    out.Put("\x1b[");
    out.Put(code);
    out.Put('m');
    out.Put(s);
    out.Put("\x1b[0m");
  };
  std::string head;
  for (const Finding& f : fs) {
    if (f.suppressed) {
      ++suppressed;
      if (!opts.show_suppressed) continue;
    }
    if (!f.suppressed) ++counts[std::min(2, static_cast<int>(f.severity))];
    head = f.loc.file;
    if (f.loc.line) head.append(":").append(std::to_string(f.loc.line)).append(":").append(std::to_string(f.loc.col));
    head += ':';
    const char* code = f.severity == Severity::kError ? "1;31" : f.severity == Severity::kWarning ? "1;35" : "1;36";
    color("1", head);
    out.Put(' ');
    std::string_view sev = SeverityName(f.severity);
    if (opts.color) {
      color(code, std::string(sev) + ":");
    } else {
      out.Put(sev);
      out.Put(':');
    }
    out.Put(' ');
    out.Put(f.message);
    out.Put(" [");
    out.Put(f.rule);
    out.Put(']');
    if (f.suppressed) {
      out.Put(" (suppressed: ");
      out.Put(f.suppression_reason);
      out.Put(')');
    }
    out.Put('\n');
    if (opts.show_source && f.loc.line && src) {
      std::optional<std::string> text;
      if (!f.source_line.empty()) text = f.source_line;
      else text = src(f.loc.file, f.loc.line);
      if (text) {
        out.Put("  ");
        out.Put(*text);
        out.Put('\n');
        std::string caret(2, ' ');
        for (uint32_t i = 1; i < f.loc.col && i - 1 < text->size(); ++i) {
          caret += (*text)[i - 1] == '\t' ? '\t' : ' ';
        }
        out.Put(caret);
        color("1;32", "^");
        out.Put('\n');
      }
    }
  }
}
}  // namespace

void WriteText(const ReportSource& r, const TextOptions& opts, const SourceLines& src, ReportOut& out) {
  std::atomic<size_t> totals[4] = {};  // errors, warnings, info, suppressed
  r.FormatEachFile(
      [&](std::span<const Finding> fs, std::string& bytes) {
        ReportOut o(&bytes);
        size_t c[3] = {0, 0, 0};
        size_t sup = 0;
        TextFile(fs, opts, src, o, c, sup);
        for (int i = 0; i < 3; ++i) totals[i] += c[i];
        totals[3] += sup;
      },
      [&](std::string_view s) { out.Put(s); });
  size_t counts[3] = {totals[0], totals[1], totals[2]};
  size_t suppressed = totals[3];
  std::string tail = std::to_string(r.files()) + " file(s)";
  if (r.invalid_files()) tail += " (" + std::to_string(r.invalid_files()) + " invalid)";
  tail += ", " + std::to_string(r.objects()) + " object(s): " + std::to_string(counts[0]) + " error(s), " +
          std::to_string(counts[1]) + " warning(s), " + std::to_string(counts[2]) + " info, " +
          std::to_string(suppressed) + " suppressed\n";
  out.Put(tail);
}

void WriteJson(const ReportSource& r, ReportOut& out) {
  JsonWriter j(out);
  j.BeginObject();
  j.Key("version").Uint(1);
  j.Key("summary").BeginObject();
  j.Key("files").Uint(r.files());
  j.Key("documents").Uint(r.documents());
  j.Key("objects").Uint(r.objects());
  if (r.invalid_files()) j.Key("invalid_files").Uint(r.invalid_files());
  j.EndObject();
  j.Key("findings").BeginArray();
  r.FormatEachFile(
      [](std::span<const Finding> fs, std::string& bytes) {
        ReportOut o(&bytes);
        JsonWriter w(o, 2);  // the root object, "findings"
        for (const Finding& f : fs) {
          w.BeginObject();
          w.Key("rule").String(f.rule);
          w.Key("severity").String(SeverityName(f.severity));
          w.Key("file").String(f.loc.file);
          w.Key("line").Uint(f.loc.line);
          w.Key("column").Uint(f.loc.col);
          w.Key("object").String(f.object);
          w.Key("path").String(f.path);
          w.Key("message").String(f.message);
          w.Key("suppressed").Bool(f.suppressed);
          if (f.suppressed) {
            w.Key("suppression").BeginObject();
            w.Key("kind").String(f.suppression_kind);
            w.Key("reason").String(f.suppression_reason);
            w.EndObject();
          }
          w.EndObject();
        }
      },
      [&](std::string_view items) { j.RawItems(items); });
  j.EndArray();
  j.Key("problems").BeginArray();
  for (const Diagnostic& d : r.problems()) {
    j.BeginObject();
    j.Key("severity").String(SeverityName(d.severity));
    j.Key("file").String(d.loc.file);
    j.Key("line").Uint(d.loc.line);
    j.Key("column").Uint(d.loc.col);
    j.Key("message").String(d.message);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  out.Put('\n');
}

namespace {
std::string_view SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    default:
      return "note";
  }
}

std::string RuleHelpMarkdown(const RuleInfo& i) {
  return std::string(i.rationale) + "\n\n**Fix:** " + std::string(i.fix) + "\n\nBad:\n```yaml\n" +
         std::string(i.bad_example) + "\n```\n\nGood:\n```yaml\n" + std::string(i.good_example) + "\n```\n";
}

std::string Uri(const std::string& path) {
  std::string p = path;
  if (p.starts_with("./")) p = p.substr(2);
  std::string out;
  for (char c : p) {
    if (c == ' ') out += "%20";
    else out += c;
  }
  return out == "-" ? "stdin" : out;
}
}  // namespace

void WriteSarif(const ReportSource& r, std::string_view tool_version, ReportOut& out) {
  JsonWriter j(out);
  j.BeginObject();
  j.Key("$schema").String("https://json.schemastore.org/sarif-2.1.0.json");
  j.Key("version").String("2.1.0");
  j.Key("runs").BeginArray();
  j.BeginObject();
  j.Key("tool").BeginObject();
  j.Key("driver").BeginObject();
  j.Key("name").String("mlspec");
  j.Key("informationUri").String("https://github.com/mlspec/mlspec");
  j.Key("version").String(tool_version);
  j.Key("rules").BeginArray();
  std::unordered_map<std::string_view, size_t> index;
  size_t n = 0;
  for (const lint::Rule* rule : AllRules()) {
    const RuleInfo& i = rule->info();
    index[i.id] = n++;
    j.BeginObject();
    j.Key("id").String(i.id);
    j.Key("name").String(i.id);
    j.Key("shortDescription").TextObject(i.summary);
    j.Key("fullDescription").TextObject(i.rationale);
    j.Key("help").BeginObject();
    j.Key("text").String(i.fix);
    j.Key("markdown").String(RuleHelpMarkdown(i));
    j.EndObject();
    j.Key("helpUri").String("https://github.com/mlspec/mlspec/blob/main/docs/rules.md#" + std::string(i.id));
    j.Key("defaultConfiguration").BeginObject();
    j.Key("level").String(SarifLevel(i.default_severity));
    j.Key("enabled").Bool(i.enabled_by_default);
    j.EndObject();
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  j.EndObject();
  j.Key("invocations").BeginArray();
  j.BeginObject();
  j.Key("executionSuccessful").Bool(!r.has_input_errors());
  j.Key("toolExecutionNotifications").BeginArray();
  for (const Diagnostic& d : r.problems()) {
    j.BeginObject();
    j.Key("level").String(d.severity == Severity::kError ? "error" : "note");
    j.Key("message").TextObject(d.message);
    if (!d.loc.file.empty()) {
      j.Key("locations").BeginArray();
      j.BeginObject();
      j.Key("physicalLocation").BeginObject();
      j.Key("artifactLocation").BeginObject();
      j.Key("uri").String(Uri(d.loc.file));
      j.EndObject();
      if (d.loc.line) {
        j.Key("region").BeginObject();
        j.Key("startLine").Uint(d.loc.line);
        j.Key("startColumn").Uint(std::max<uint32_t>(1, d.loc.col));
        j.EndObject();
      }
      j.EndObject();
      j.EndObject();
      j.EndArray();
    }
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  j.EndArray();
  j.Key("results").BeginArray();
  r.FormatEachFile(
      [&index](std::span<const Finding> fs, std::string& bytes) {
        ReportOut o(&bytes);
        JsonWriter w(o, 4);       // the root object, "runs", the run, "results"
        std::string uri_of, uri;  // the last file's URI
        for (const Finding& f : fs) {
          if (f.loc.file != uri_of) {
            uri_of = f.loc.file;
            uri = Uri(f.loc.file);
          }
          w.BeginObject();
          w.Key("ruleId").String(f.rule);
          auto it = index.find(f.rule);
          w.Key("ruleIndex").Uint(it == index.end() ? 0 : it->second);
          w.Key("level").String(SarifLevel(f.severity));
          w.Key("message").TextObject(f.message);
          w.Key("locations").BeginArray();
          w.BeginObject();
          w.Key("physicalLocation").BeginObject();
          w.Key("artifactLocation").BeginObject();
          w.Key("uri").String(uri);
          w.EndObject();
          w.Key("region").BeginObject();
          w.Key("startLine").Uint(std::max<uint32_t>(1, f.loc.line));
          w.Key("startColumn").Uint(std::max<uint32_t>(1, f.loc.col));
          w.EndObject();
          w.EndObject();
          if (!f.path.empty()) {
            w.Key("logicalLocations").BeginArray();
            w.BeginObject();
            w.Key("fullyQualifiedName").String(f.object + ":" + f.path);
            w.Key("kind").String("member");
            w.EndObject();
            w.EndArray();
          }
          w.EndObject();
          w.EndArray();
          if (f.suppressed) {
            w.Key("suppressions").BeginArray();
            w.BeginObject();
            w.Key("kind").String("inSource");
            w.Key("justification").String(f.suppression_reason);
            w.EndObject();
            w.EndArray();
          }
          w.EndObject();
        }
      },
      [&](std::string_view items) { j.RawItems(items); });
  j.EndArray();
  j.EndObject();
  j.EndArray();
  j.EndObject();
  out.Put('\n');
}

namespace {
void PutXml(ReportOut& out, std::string_view s) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* esc = nullptr;
    switch (s[i]) {
      case '<':
        esc = "&lt;";
        break;
      case '>':
        esc = "&gt;";
        break;
      case '&':
        esc = "&amp;";
        break;
      case '"':
        esc = "&quot;";
        break;
      default:
        continue;
    }
    out.Put(s.substr(run, i - run));
    out.Put(esc);
    run = i + 1;
  }
  out.Put(s.substr(run));
}
}  // namespace

void WriteJunit(const ReportSource& r, ReportOut& out) {
  size_t failures = r.unsuppressed();
  out.Put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mlspec lint\" tests=\"");
  PutUint(out, std::max<size_t>(1, failures));
  out.Put("\" failures=\"");
  PutUint(out, failures);
  out.Put("\">\n");
  if (failures == 0) {
    out.Put(
        "  <testsuite name=\"mlspec lint\" tests=\"1\" failures=\"0\">\n"
        "    <testcase name=\"lint\" classname=\"mlspec\"/>\n  </testsuite>\n");
  }
  std::string where;
  r.ForEachFileName([&](const std::string& file, std::span<const Finding> fs) {
    size_t n = 0;
    for (const Finding& f : fs) n += f.suppressed ? 0 : 1;
    if (n == 0) return;
    out.Put("  <testsuite name=\"");
    PutXml(out, file);
    out.Put("\" tests=\"");
    PutUint(out, n);
    out.Put("\" failures=\"");
    PutUint(out, n);
    out.Put("\">\n");
    for (const Finding& f : fs) {
      if (f.suppressed) continue;
      where = file;
      where.append(":").append(std::to_string(f.loc.line)).append(":").append(std::to_string(f.loc.col));
      out.Put("    <testcase name=\"");
      PutXml(out, f.rule);
      out.Put(" ");
      PutXml(out, where);
      out.Put("\" classname=\"");
      PutXml(out, f.object);
      out.Put("\">\n      <failure type=\"");
      PutXml(out, SeverityName(f.severity));
      out.Put("\" message=\"");
      PutXml(out, f.message);
      out.Put("\">");
      PutXml(out, where);
      out.Put(" ");
      PutXml(out, f.path);
      out.Put("</failure>\n    </testcase>\n");
    }
    out.Put("  </testsuite>\n");
  });
  out.Put("</testsuites>\n");
}

std::string FormatText(const LintResult& r, const TextOptions& opts, const SourceLines& src) {
  std::string s;
  ReportOut out(&s);
  WriteText(ResultSource(r), opts, src, out);
  return s;
}

std::string FormatJson(const LintResult& r) {
  std::string s;
  ReportOut out(&s);
  WriteJson(ResultSource(r), out);
  return s;
}

std::string FormatSarif(const LintResult& r, std::string_view tool_version) {
  std::string s;
  ReportOut out(&s);
  WriteSarif(ResultSource(r), tool_version, out);
  return s;
}

std::string FormatJunit(const LintResult& r) {
  std::string s;
  ReportOut out(&s);
  WriteJunit(ResultSource(r), out);
  return s;
}

std::string RulesMarkdown() {
  std::string out =
      "# mlspec lint rules\n\n"
      "<!-- Generated from the rule metadata in src/lint/rules/*.cc. Do not edit.\n"
      "     Regenerate: build/mlspec rules --format markdown > docs/rules.md -->\n\n"
      "`mlspec lint` checks Kubernetes manifests for the mistakes that leave GPU pods Pending, "
      "crash data loaders or waste GPUs. Rules marked *needs --spec* run only when a spec is "
      "given. Severities: error (the API server rejects it or it surely breaks), warning, "
      "info.\n\n"
      "Suppress a finding with the annotation `mlspec.io/ignore: \"rule-a,rule-b\"` (reason in "
      "`mlspec.io/ignore-reason`) or an inline comment `# mlspec:ignore rule-a,rule-b reason` on or "
      "above the line; `*` stands for every rule there, in `--disable`/`--enable` and in the "
      "`[lint]` table's `disable`/`enable` (spec or `.mlspec.toml`), where an unknown rule id is an "
      "error.\n\n"
      "JSON output (`--format json`): `{version: 1, summary: {files, documents, objects, invalid_files?}, "
      "findings: [{rule, severity, file, line, column, object, path, message, suppressed, "
      "suppression?: {kind, reason}}], problems: [{severity, file, line, column, message}]}`.\n\n"
      "Adding a rule: `scripts/new-rule.sh RULE-ID [error|warning|info]` writes the rule file, "
      "its accessor and registry line, and fixtures that fail until the rule reports; fixtures "
      "pin each finding's line, column and message (tests/lint/README.md).\n\n"
      "## What the linter knows before a pod runs\n\n"
      "- **Where pods are.** Pod templates are read from Pod, Deployment, StatefulSet, ReplicaSet, "
      "DaemonSet, ReplicationController, Job, CronJob; the Kubeflow training operator's PyTorchJob, "
      "TFJob, MPIJob (v1 and mpi-operator v2beta1), XGBoostJob, PaddleJob, JAXJob and Notebook; Kubeflow "
      "Trainer v2's TrainJob (`spec.trainer`, `resourcesPerNode` per node), TrainingRuntime and "
      "ClusterTrainingRuntime; KubeRay's RayCluster, RayJob and RayService; JobSet; LeaderWorkerSet; "
      "Volcano's Job; KServe's InferenceService (predictor, transformer, explainer, workerSpec), "
      "ServingRuntime, ClusterServingRuntime, InferenceGraph, LLMInferenceService and "
      "LLMInferenceServiceConfig; NVIDIA NIM's NIMService; KAITO's Workspace. Other kinds: "
      "`[[lint.pod_templates]]` in the lint config. The paths follow each project's Go types "
      "(cited in src/lint/workload.cc).\n"
      "- **What a GPU pod is.** One that asks for `nvidia.com/gpu`, `nvidia.com/gpu.shared`, a MIG slice "
      "(`nvidia.com/mig-<profile>`), `amd.com/gpu`, Intel's `gpu.intel.com/i915`/`xe`, or a GPU-sharing "
      "plugin's resource (HAMi `nvidia.com/gpumem`, `gpumem-percentage`, `gpucores`; Volcano "
      "`volcano.sh/vgpu-number`, `vgpu-memory`, `vgpu-cores`; Alibaba `aliyun.com/gpu-count`, `gpu-mem`; "
      "Tencent `tencent.com/vcuda-core`, `vcuda-memory`; sources in src/lint/gpu.cc); one whose GPU count "
      "is a template placeholder (`$GPU_PER_NODE`, `${GPUS}`, `{{ .Values.gpus }}`, `__GPUS__`: a GPU pod "
      "for placement and shared memory, counted in no sum, and the finding says so); and one with a DRA "
      "ResourceClaim of a GPU device class (`gpu.nvidia.com`, `mig.nvidia.com`, `gpu.amd.com`, "
      "`gpu.intel.com`, any class naming `gpu`), judged from the claim or template in the same file, else "
      "by its name.\n"
      "- **What controllers add, and the linter does not ask for.** KubeRay mounts a memory-backed "
      "/dev/shm into the Ray container of every head and worker pod (ray-project/kuberay "
      "`ray-operator/controllers/ray/common/pod.go`); the NIM operator mounts one into every NIMService pod "
      "(NVIDIA/k8s-nim-operator `api/apps/v1alpha1/nimservice_types.go`), and KServe's well-known "
      "LLMInferenceServiceConfigs into every LLMInferenceService (kserve/kserve `config/llmisvcconfig`). "
      "KServe's pod webhook turns the `serving.kserve.io/gke-accelerator` annotation of a GPU predictor into "
      "the node selector `cloud.google.com/gke-accelerator` (kserve/kserve "
      "`pkg/webhook/admission/pod/accelerator_injector.go`), which the pool rules then match. GKE's "
      "ExtendedResourceToleration admission adds the `nvidia.com/gpu` toleration to pods that request GPUs "
      "(https://cloud.google.com/kubernetes-engine/docs/how-to/gpus): the provider says so under `--spec`, "
      "`--extended-resource-toleration` or `extended_resource_toleration = true` without it. KAITO sets "
      "the affinity and tolerations of a Workspace's pods from `resource.labelSelector`; a TrainJob's "
      "placement comes from its runtime, and an LLMInferenceService with `baseRefs` takes its placement "
      "and resources from its configs: for these the linter reports only what the manifest itself must "
      "supply (values that are set are still checked).\n"
      "- **One problem, one finding.** A LimitRange of the namespace among the linted manifests, or the "
      "spec's namespace defaults (`default_request`, `default_limit`) under `--spec`, satisfies the "
      "request and limit rules for the fields it defaults (a default limit also defaults the request). "
      "While `gpu-cpu-memory-unset` runs, it alone reports a GPU container's CPU request and memory "
      "limit; `cpu-request-missing` and `memory-limit-missing` leave those containers alone.\n"
      "- **Nodes.** Under `--spec` every node of a pool carries the pool's labels and the well-known ones "
      "(`kubernetes.io/hostname`, `kubernetes.io/os`, `kubernetes.io/arch`, "
      "`node.kubernetes.io/instance-type`, `topology.kubernetes.io/region` and `zone`, and their beta "
      "forms); selecting on them is not a mismatch when the value fits the pool.\n\n";
  for (lint::Category cat : {lint::Category::kGpu, lint::Category::kShm, lint::Category::kCluster,
                             lint::Category::kHygiene, lint::Category::kCrossDocument}) {
    out += "## " + std::string(lint::CategoryName(cat)) + "\n\n| Rule | Severity | Summary |\n|---|---|---|\n";
    for (const lint::Rule* r : AllRules()) {
      const RuleInfo& i = r->info();
      if (i.category != cat) continue;
      out += "| [`" + std::string(i.id) + "`](#" + std::string(i.id) + ") | " + SevName(i.default_severity) +
             (i.enabled_by_default ? "" : " (off by default)") + " | " + std::string(i.summary) + " |\n";
    }
    out += "\n";
  }
  for (const lint::Rule* r : AllRules()) {
    const RuleInfo& i = r->info();
    out += "## " + std::string(i.id) + "\n\n";
    out.append("*").append(SevName(i.default_severity)).append("*");
    if (!i.enabled_by_default) out += ", off by default";
    if (i.needs_spec) out += ", needs --spec";
    out.append(" — ").append(i.summary).append("\n\n");
    out += "**Why:** " + std::string(i.rationale) + "\n\n";
    out += "**Fix:** " + std::string(i.fix) + "\n\n";
    out += "Bad:\n\n```yaml\n" + std::string(i.bad_example) + "\n```\n\n";
    out += "Good:\n\n```yaml\n" + std::string(i.good_example) + "\n```\n\n";
  }
  return out;
}

std::string RulesText() {
  std::string out;
  for (const lint::Rule* r : AllRules()) {
    const RuleInfo& i = r->info();
    std::string id(i.id);
    id.resize(std::max<size_t>(id.size(), 32), ' ');
    std::string sev = SevName(i.default_severity);
    sev.resize(8, ' ');
    out += id + " " + sev + " " + (i.enabled_by_default ? "" : "(off) ") + (i.needs_spec ? "(--spec) " : "") +
           std::string(i.summary) + "\n";
  }
  return out;
}

std::string ExplainRule(std::string_view id) {
  const lint::Rule* r = FindRule(id);
  if (!r) return {};
  const RuleInfo& i = r->info();
  std::string out = std::string(i.id) + " (" + SevName(i.default_severity) +
                    (i.enabled_by_default ? "" : ", off by default") + (i.needs_spec ? ", needs --spec" : "") + ")\n\n";
  out += std::string(i.summary) + "\n\nWhy: " + std::string(i.rationale) + "\n\nFix: " + std::string(i.fix) +
         "\n\nBad:\n" + std::string(i.bad_example) + "\n\nGood:\n" + std::string(i.good_example) + "\n";
  return out;
}

}  // namespace mlspec
