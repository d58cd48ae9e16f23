// Report formats for lint results (text, json, sarif, junit) and the rule
// documentation generated from rule metadata (docs/rules.md, `mlspec explain`).
#ifndef MLSPEC_POLICIES_REPORT_H_
#define MLSPEC_POLICIES_REPORT_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "lint/lint.h"

namespace mlspec {

// Returns the text of line `line` (1-based) of `file`, or nullopt. Text
// reports may call it from several threads at once.
using SourceLines = std::function<std::optional<std::string>(const std::string& file, uint32_t line)>;

struct TextOptions {
  bool color = false;
  bool show_source = true;
  bool show_suppressed = false;
};

// Where a report's bytes go: a string, or a stdio stream written through a
// 64 KiB buffer, so a report of any size is never held whole.
class ReportOut {
 public:
  explicit ReportOut(std::string* to) : str_(to) {}
  explicit ReportOut(std::FILE* to) : file_(to) {}
  ReportOut(const ReportOut&) = delete;
  ReportOut& operator=(const ReportOut&) = delete;
  ~ReportOut() { Flush(); }

  void Put(std::string_view s) {
    if (str_) {
      str_->append(s);
      return;
    }
    buf_.append(s);
    if (buf_.size() >= kBuffer) Flush();
  }
  void Put(char c) {
    if (str_) str_->push_back(c);
    else buf_.push_back(c);
  }
  // Writes what is buffered; false once a write to the stream failed.
  bool Flush();

 private:
  static constexpr size_t kBuffer = size_t{64} << 10;
  std::string* str_ = nullptr;
  std::FILE* file_ = nullptr;
  std::string buf_;
  bool ok_ = true;
};

// Each format reads `r` once, file by file, and writes as it goes.
// `FILE:LINE:COL: SEVERITY: MESSAGE [rule-id]`, the source line and a caret,
// then a summary line.
void WriteText(const ReportSource& r, const TextOptions& opts, const SourceLines& src, ReportOut& out);
// Stable JSON (schema documented in docs/rules.md), laid out as
// nlohmann::json's dump(2) lays it out.
void WriteJson(const ReportSource& r, ReportOut& out);
// SARIF 2.1.0 with rule metadata and real regions.
void WriteSarif(const ReportSource& r, std::string_view tool_version, ReportOut& out);
// One testsuite per file name (in byte order), one failing testcase per
// unsuppressed finding.
void WriteJunit(const ReportSource& r, ReportOut& out);

// The same, of a result held in memory, as one string.
std::string FormatText(const LintResult& r, const TextOptions& opts, const SourceLines& src);
std::string FormatJson(const LintResult& r);
std::string FormatSarif(const LintResult& r, std::string_view tool_version);
std::string FormatJunit(const LintResult& r);

// docs/rules.md, generated from the rule table.
std::string RulesMarkdown();
// One line per rule.
std::string RulesText();
// `mlspec explain RULE`; empty when the id is unknown.
std::string ExplainRule(std::string_view id);

}  // namespace mlspec

#endif  // MLSPEC_POLICIES_REPORT_H_
