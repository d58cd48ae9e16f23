#include "lint/report.h"

#include <map>

#include <nlohmann/json.hpp>

#include "lint/registry.h"

namespace mlspec {

namespace {

using lint::AllRules;
using lint::FindRule;
using lint::RuleInfo;

std::string SevName(Severity s) { return std::string(SeverityName(s)); }

}  // namespace

std::string FormatText(const LintResult& r, const TextOptions& opts, const SourceLines& src) {
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

std::string FormatJson(const LintResult& r) {
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

std::string FormatSarif(const LintResult& r, std::string_view tool_version) {
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

std::string FormatJunit(const LintResult& r) {
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
      "pin each finding's line, column and message (tests/lint/README.md).\n\n";
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
