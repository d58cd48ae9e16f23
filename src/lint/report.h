// Report formats for lint results (text, json, sarif, junit) and the rule
// documentation generated from rule metadata (docs/rules.md, `mlspec explain`).
#ifndef MLSPEC_POLICIES_REPORT_H_
#define MLSPEC_POLICIES_REPORT_H_

#include <functional>
#include <string>
#include <string_view>

#include "lint/lint.h"

namespace mlspec {

// Returns the text of line `line` (1-based) of `file`, or nullopt.
using SourceLines = std::function<std::optional<std::string>(const std::string& file, uint32_t line)>;

struct TextOptions {
  bool color = false;
  bool show_source = true;
  bool show_suppressed = false;
};

// `FILE:LINE:COL: SEVERITY: MESSAGE [rule-id]`, the source line and a caret,
// then a summary line.
std::string FormatText(const LintResult& r, const TextOptions& opts, const SourceLines& src);
// Stable JSON (schema documented in docs/rules.md).
std::string FormatJson(const LintResult& r);
// SARIF 2.1.0 with rule metadata and real regions.
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
