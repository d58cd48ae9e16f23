// The streamed report writers against the tree-building ones they replaced
// (kept here, verbatim, as the oracle), and LintStreamed's spilled findings
// against the in-memory ones.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/version.h"
#include "lint/registry.h"
#include "lint/report.h"

namespace mlspec {
namespace {

using lint::AllRules;
using lint::RuleInfo;

std::string SevName(Severity s) { return std::string(SeverityName(s)); }

// ---- The nlohmann::json implementation of each format, before streaming ----
std::string OldFormatText(const LintResult& r, const TextOptions& opts, const SourceLines& src) {
  std::string out;
  auto color = [&](const char* code, std::string_view s) {
    return opts.color ? std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m" : std::string(s);
  };
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  for (const Finding& f : r.findings) {
    if (f.suppressed) {
      ++suppressed;
      if (!opts.show_suppressed) continue;
    }
    if (!f.suppressed) ++counts[std::min(2, static_cast<int>(f.severity))];
    std::string head = f.loc.file;
    if (f.loc.line) head += ":" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col);
    const char* code = f.severity == Severity::kError ? "1;31" : f.severity == Severity::kWarning ? "1;35" : "1;36";
    out +=
        color("1", head + ":") + " " + color(code, SevName(f.severity) + ":") + " " + f.message + " [" + f.rule + "]";
    if (f.suppressed) out += " (suppressed: " + f.suppression_reason + ")";
    out += "\n";
    if (opts.show_source && f.loc.line && src) {
      std::optional<std::string> text;
      if (!f.source_line.empty()) text = f.source_line;
      else text = src(f.loc.file, f.loc.line);
      if (text) {
        out += "  " + *text + "\n";
        std::string caret(2, ' ');
        for (uint32_t i = 1; i < f.loc.col && i - 1 < text->size(); ++i) {
          caret += (*text)[i - 1] == '\t' ? '\t' : ' ';
        }
        out += caret + color("1;32", "^") + "\n";
      }
    }
  }
  out += std::to_string(r.files) + " file(s)";
  if (r.invalid_files) out += " (" + std::to_string(r.invalid_files) + " invalid)";
  out += ", " + std::to_string(r.objects) + " object(s): " + std::to_string(counts[0]) + " error(s), " +
         std::to_string(counts[1]) + " warning(s), " + std::to_string(counts[2]) + " info, " +
         std::to_string(suppressed) + " suppressed\n";
  return out;
}

std::string OldFormatJson(const LintResult& r) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["summary"] = {{"files", r.files}, {"documents", r.documents}, {"objects", r.objects}};
  if (r.invalid_files) j["summary"]["invalid_files"] = r.invalid_files;
  nlohmann::ordered_json fs = nlohmann::ordered_json::array();
  for (const Finding& f : r.findings) {
    nlohmann::ordered_json o;
    o["rule"] = f.rule;
    o["severity"] = SevName(f.severity);
    o["file"] = f.loc.file;
    o["line"] = f.loc.line;
    o["column"] = f.loc.col;
    o["object"] = f.object;
    o["path"] = f.path;
    o["message"] = f.message;
    o["suppressed"] = f.suppressed;
    if (f.suppressed) {
      o["suppression"] = {{"kind", f.suppression_kind}, {"reason", f.suppression_reason}};
    }
    fs.push_back(std::move(o));
  }
  j["findings"] = std::move(fs);
  nlohmann::ordered_json ps = nlohmann::ordered_json::array();
  for (const Diagnostic& d : r.problems) {
    ps.push_back({{"severity", SevName(d.severity)},
                  {"file", d.loc.file},
                  {"line", d.loc.line},
                  {"column", d.loc.col},
                  {"message", d.message}});
  }
  j["problems"] = std::move(ps);
  return j.dump(2) + "\n";
}

namespace {
std::string SarifLevel(Severity s) {
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

std::string OldFormatSarif(const LintResult& r, std::string_view tool_version) {
  using json = nlohmann::ordered_json;
  json rules = json::array();
  std::map<std::string, size_t> index;
  for (const lint::Rule* rule : AllRules()) {
    const RuleInfo& i = rule->info();
    index[std::string(i.id)] = rules.size();
    rules.push_back(
        {{"id", i.id},
         {"name", i.id},
         {"shortDescription", {{"text", i.summary}}},
         {"fullDescription", {{"text", i.rationale}}},
         {"help", {{"text", std::string(i.fix)}, {"markdown", RuleHelpMarkdown(i)}}},
         {"helpUri", "https://github.com/mlspec/mlspec/blob/main/docs/rules.md#" + std::string(i.id)},
         {"defaultConfiguration", {{"level", SarifLevel(i.default_severity)}, {"enabled", i.enabled_by_default}}}});
  }
  json results = json::array();
  for (const Finding& f : r.findings) {
    json loc = {
        {"physicalLocation",
         {{"artifactLocation", {{"uri", Uri(f.loc.file)}}},
          {"region",
           {{"startLine", std::max<uint32_t>(1, f.loc.line)}, {"startColumn", std::max<uint32_t>(1, f.loc.col)}}}}}};
    if (!f.path.empty()) {
      loc["logicalLocations"] = json::array({{{"fullyQualifiedName", f.object + ":" + f.path}, {"kind", "member"}}});
    }
    json res = {{"ruleId", f.rule},
                {"ruleIndex", index[f.rule]},
                {"level", SarifLevel(f.severity)},
                {"message", {{"text", f.message}}},
                {"locations", json::array({loc})}};
    if (f.suppressed) {
      res["suppressions"] = json::array({{{"kind", f.suppression_kind == "inline" ? "inSource" : "inSource"},
                                          {"justification", f.suppression_reason}}});
    }
    results.push_back(std::move(res));
  }
  json notifications = json::array();
  for (const Diagnostic& d : r.problems) {
    json n = {{"level", d.severity == Severity::kError ? "error" : "note"}, {"message", {{"text", d.message}}}};
    if (!d.loc.file.empty()) {
      json pl = {{"artifactLocation", {{"uri", Uri(d.loc.file)}}}};
      if (d.loc.line) {
        pl["region"] = {{"startLine", d.loc.line}, {"startColumn", std::max<uint32_t>(1, d.loc.col)}};
      }
      n["locations"] = json::array({{{"physicalLocation", pl}}});
    }
    notifications.push_back(std::move(n));
  }
  json run = {
      {"tool",
       {{"driver",
         {{"name", "mlspec"},
          {"informationUri", "https://github.com/mlspec/mlspec"},
          {"version", std::string(tool_version)},
          {"rules", rules}}}}},
      {"invocations",
       json::array({{{"executionSuccessful", !r.has_input_errors()}, {"toolExecutionNotifications", notifications}}})},
      {"results", results}};
  json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  return sarif.dump(2) + "\n";
}

namespace {
std::string Xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}
}  // namespace

std::string OldFormatJunit(const LintResult& r) {
  // One testsuite per file, one failing testcase per unsuppressed finding.
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const Finding& f : r.findings) {
    if (!f.suppressed) by_file[f.loc.file].push_back(&f);
  }
  size_t failures = 0;
  for (const auto& [file, fs] : by_file) failures += fs.size();
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"mlspec lint\" tests=\"" + std::to_string(std::max<size_t>(1, failures)) +
         "\" failures=\"" + std::to_string(failures) + "\">\n";
  if (by_file.empty()) {
    out +=
        "  <testsuite name=\"mlspec lint\" tests=\"1\" failures=\"0\">\n"
        "    <testcase name=\"lint\" classname=\"mlspec\"/>\n  </testsuite>\n";
  }
  for (const auto& [file, fs] : by_file) {
    out += "  <testsuite name=\"" + Xml(file) + "\" tests=\"" + std::to_string(fs.size()) + "\" failures=\"" +
           std::to_string(fs.size()) + "\">\n";
    for (const Finding* f : fs) {
      std::string where = file + ":" + std::to_string(f->loc.line) + ":" + std::to_string(f->loc.col);
      out += "    <testcase name=\"" + Xml(f->rule + " " + where) + "\" classname=\"" + Xml(f->object) + "\">\n";
      out += "      <failure type=\"" + Xml(SevName(f->severity)) + "\" message=\"" + Xml(f->message) + "\">" +
             Xml(where + " " + f->path) + "</failure>\n";
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

// ---- Random results with every kind of string a report must escape ----

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  std::string Str(size_t max_len) {
    static const char* kPieces[] = {"a",
                                    "Deployment",
                                    " ",
                                    "\"",
                                    "\\",
                                    "\n",
                                    "\t",
                                    "\r",
                                    "\b",
                                    "\f",
                                    "\x01",
                                    "\x1f",
                                    "<",
                                    ">",
                                    "&",
                                    "'",
                                    "é",
                                    "漢字",
                                    "\xF0\x9F\x9A\x80",
                                    "/",
                                    "./",
                                    "%",
                                    "-",
                                    ":",
                                    "0",
                                    "\x7f",
                                    "{}",
                                    "[]",
                                    "nvidia.com/gpu"};
    std::string s;
    size_t n = Below(static_cast<uint32_t>(max_len + 1));
    for (size_t i = 0; i < n; ++i) s += kPieces[Below(sizeof kPieces / sizeof kPieces[0])];
    return s;
  }
  std::string RuleId() {
    const auto& rules = AllRules();
    if (Below(20) == 0) return "not-a-rule";
    return std::string(rules[Below(static_cast<uint32_t>(rules.size()))]->info().id);
  }

 private:
  std::mt19937 rng_;
};

LintResult RandomResult(uint32_t seed) {
  Gen g(seed);
  LintResult r;
  std::vector<std::string> files = {"./a.yaml", "b dir/c.yaml", "-", "z.yaml", "A.yaml", "a.yaml"};
  for (int i = 0; i < 3; ++i) files.push_back(g.Str(3) + ".yaml");
  r.files = files.size();
  r.documents = g.Below(1000);
  r.objects = g.Below(1000);
  r.invalid_files = g.Below(3);
  size_t nf = g.Below(40);
  for (size_t i = 0; i < nf; ++i) {
    Finding f;
    f.rule = g.RuleId();
    f.severity = static_cast<Severity>(g.Below(3));
    f.loc.file = files[g.Below(static_cast<uint32_t>(files.size()))];
    f.loc.line = g.Below(4) ? g.Below(500) : 0;
    f.loc.col = g.Below(40);
    f.object = g.Str(4);
    f.path = g.Below(3) ? g.Str(4) : "";
    f.message = g.Str(8);
    f.suppressed = g.Below(4) == 0;
    if (f.suppressed) {
      f.suppression_kind = g.Below(2) ? "inline" : "annotation";
      f.suppression_reason = g.Str(3);
    }
    if (g.Below(2)) f.source_line = g.Str(5);
    r.findings.push_back(std::move(f));
  }
  size_t np = g.Below(4);
  for (size_t i = 0; i < np; ++i) {
    Diagnostic d;
    d.severity = g.Below(2) ? Severity::kError : Severity::kNote;
    if (g.Below(3)) d.loc.file = files[g.Below(static_cast<uint32_t>(files.size()))];
    d.loc.line = g.Below(3) ? g.Below(100) : 0;
    d.loc.col = g.Below(10);
    d.message = g.Str(6);
    r.problems.push_back(std::move(d));
  }
  return r;
}

std::optional<std::string> FakeSource(const std::string& file, uint32_t line) {
  if (line % 3 == 0) return std::nullopt;
  return "source of " + file + ":" + std::to_string(line) + "\t<x>";
}

TEST(ReportStream, EveryFormatHasTheBytesOfTheTreeBuildingOne) {
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    LintResult r = RandomResult(seed);
    ASSERT_EQ(FormatJson(r), OldFormatJson(r));
    ASSERT_EQ(FormatSarif(r, kVersion), OldFormatSarif(r, kVersion));
    ASSERT_EQ(FormatJunit(r), OldFormatJunit(r));
    for (int k = 0; k < 8; ++k) {
      TextOptions o;
      o.color = k & 1;
      o.show_source = k & 2;
      o.show_suppressed = k & 4;
      ASSERT_EQ(FormatText(r, o, FakeSource), OldFormatText(r, o, FakeSource)) << "text options " << k;
    }
  }
}

TEST(ReportStream, EmptyResultIsTheSameToo) {
  LintResult r;
  EXPECT_EQ(FormatJson(r), OldFormatJson(r));
  EXPECT_EQ(FormatSarif(r, kVersion), OldFormatSarif(r, kVersion));
  EXPECT_EQ(FormatJunit(r), OldFormatJunit(r));
  EXPECT_EQ(FormatText(r, {}, nullptr), OldFormatText(r, {}, nullptr));
}

TEST(ReportStream, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // nlohmann::json threw on these (a file name may hold any byte); the
  // streamed JSON stays valid.
  LintResult r;
  r.files = 1;
  Finding f;
  f.rule = "image-tag-latest";
  f.loc.file = std::string("bad\xff\xc3(\xe0\x80\x80.yaml");
  f.message = "m\xed\xa0\x80";  // a surrogate
  r.findings.push_back(f);
  std::string out = FormatJson(r);
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["findings"][0]["file"], "bad\xEF\xBF\xBD\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.yaml");
  EXPECT_EQ(j["findings"][0]["message"], "m\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

// ---- LintStreamed: spilled to a file, in memory, any thread count ----

// Manifests with per-file findings, findings a LimitRange waives in one
// namespace only, cross-document findings (a Service and a PDB selecting
// nothing, an HPA without target) and inline suppressions.
std::vector<LintInput> Corpus(int files) {
  std::vector<LintInput> in;
  for (int i = 0; i < files; ++i) {
    std::string ns = i % 3 == 0 ? "defaulted" : "team-" + std::to_string(i % 5);
    std::string y;
    if (i == 7) {
      y += "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: d\n  namespace: defaulted\nspec:\n  limits:\n"
           "  - type: Container\n    default:\n      cpu: \"1\"\n      memory: 1Gi\n    defaultRequest:\n"
           "      cpu: 500m\n      memory: 512Mi\n---\n";
    }
    y += "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-" + std::to_string(i) + "\n  namespace: " + ns +
         "\nspec:\n  selector:\n    matchLabels:\n      app: a" + std::to_string(i) +
         "\n  template:\n    metadata:\n      labels:\n        app: a" + std::to_string(i) +
         "\n    spec:\n      containers:\n      - name: c\n        image: nvcr.io/nvidia/pytorch:latest  # "
         "mlspec:ignore image-tag-latest pinned later\n        resources:\n          limits:\n            "
         "nvidia.com/gpu: " +
         std::to_string(1 + i % 4) + "\n";
    y += "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s" + std::to_string(i) + "\n  namespace: " + ns +
         "\nspec:\n  selector:\n    app: nothing-" + std::to_string(i) + "\n";
    y += "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h" + std::to_string(i) +
         "\n  namespace: " + ns +
         "\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: gone\n  minReplicas: 1\n"
         "  maxReplicas: 2\n";
    if (i % 11 == 5) y += "---\nkind: [broken\n";
    // The same name twice: JUnit groups by name.
    std::string path = i % 13 == 12 ? "dup.yaml" : "m/" + std::to_string(1000 - i) + ".yaml";
    in.push_back({path, y});
  }
  return in;
}

std::vector<std::string> Reports(const ReportSource& r) {
  std::vector<std::string> out(4);
  {
    ReportOut o(&out[0]);
    WriteText(r, {}, nullptr, o);
  }
  {
    ReportOut o(&out[1]);
    WriteJson(r, o);
  }
  {
    ReportOut o(&out[2]);
    WriteSarif(r, kVersion, o);
  }
  {
    ReportOut o(&out[3]);
    WriteJunit(r, o);
  }
  return out;
}

TEST(LintStreamed, SpilledFindingsGiveTheReportsOfInMemoryOnes) {
  std::vector<LintInput> in = Corpus(120);
  LintConfig cfg;
  cfg.jobs = 1;
  LintResult whole = Lint(in, cfg, nullptr);
  ASSERT_GT(whole.findings.size(), 500u);
  ASSERT_TRUE(std::any_of(whole.findings.begin(), whole.findings.end(), [](const Finding& f) { return f.suppressed; }));
  std::vector<std::string> expected = {FormatText(whole, {}, nullptr), FormatJson(whole), FormatSarif(whole, kVersion),
                                       FormatJunit(whole)};
  for (unsigned jobs : {1u, 3u}) {
    for (size_t spill : {size_t{0}, size_t{1000}, kDefaultSpillBytes}) {
      SCOPED_TRACE("jobs " + std::to_string(jobs) + ", spill past " + std::to_string(spill) + " bytes");
      cfg.jobs = jobs;
      LintRun run = LintStreamed(in, cfg, nullptr, spill);
      EXPECT_EQ(run.spilled(), spill != kDefaultSpillBytes);
      EXPECT_EQ(run.error(), "");
      EXPECT_EQ(Reports(run), expected);
      EXPECT_EQ(run.unsuppressed(), static_cast<size_t>(std::count_if(whole.findings.begin(), whole.findings.end(),
                                                                      [](const Finding& f) { return !f.suppressed; })));
      for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
        EXPECT_EQ(run.CountAtOrAbove(s), whole.CountAtOrAbove(s));
      }
    }
  }
}

TEST(LintStreamed, ReportsFormattedInBatchesOnSeveralThreadsKeepTheirBytes) {
  // About 2.6 MB of encoded findings: ten batches of files, formatted on
  // three threads, four at most waiting to be written.
  std::vector<LintInput> in = Corpus(3000);
  LintConfig cfg;
  cfg.jobs = 1;
  LintResult whole = Lint(in, cfg, nullptr);
  ASSERT_GT(whole.findings.size(), 15000u);
  std::vector<std::string> expected = {FormatText(whole, {}, nullptr), FormatJson(whole), FormatSarif(whole, kVersion),
                                       FormatJunit(whole)};
  for (size_t spill : {size_t{0}, size_t{64} << 20}) {
    SCOPED_TRACE("spill past " + std::to_string(spill) + " bytes");
    cfg.jobs = 3;
    LintRun run = LintStreamed(in, cfg, nullptr, spill);
    EXPECT_EQ(run.error(), "");
    EXPECT_EQ(Reports(run), expected);
  }
}

TEST(LintStreamed, LimitRangeWaiverAndCrossDocumentFindingsLandInTheirFile) {
  std::vector<LintInput> in = Corpus(12);
  LintConfig cfg;
  cfg.jobs = 2;
  LintResult r = Lint(in, cfg, nullptr);
  std::map<std::string, std::vector<std::string>> rules_by_ns;
  size_t last_file = 0;
  for (const Finding& f : r.findings) {
    // Report order: input order of the files.
    size_t file =
        std::find_if(in.begin(), in.end(), [&](const LintInput& i) { return i.path == f.loc.file; }) - in.begin();
    EXPECT_GE(file, last_file) << f.loc.file;
    last_file = file;
    rules_by_ns[f.object.substr(f.object.find(' ') + 1, f.object.find('/') - f.object.find(' ') - 1)].push_back(f.rule);
  }
  auto has = [&](const std::string& ns, const std::string& rule) {
    const auto& v = rules_by_ns[ns];
    return std::find(v.begin(), v.end(), rule) != v.end();
  };
  for (const char* rule : {"gpu-cpu-memory-unset", "memory-request-missing"}) {
    EXPECT_TRUE(has("team-1", rule)) << rule;
    EXPECT_FALSE(has("defaulted", rule)) << rule;  // the LimitRange in file 7 supplies the defaults
  }
  EXPECT_TRUE(has("team-1", "service-selects-nothing"));
  EXPECT_TRUE(has("defaulted", "hpa-target-missing"));
}

}  // namespace
}  // namespace mlspec
