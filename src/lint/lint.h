// The linter's public entry point: Kubernetes manifests in, findings out.
//
// `mlspec lint` calls it on files, `mlspec compile` on the FileSet it emits
// (with the resolved model) and fails on error-level findings.
#ifndef MLSPEC_POLICIES_LINT_H_
#define MLSPEC_POLICIES_LINT_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "lint/config.h"

namespace mlspec {

struct Model;

struct LintInput {
  std::string path;                    // as shown in findings; "-" for stdin
  std::optional<std::string> content;  // nullopt: the worker reads `path` itself
};

struct Finding {
  std::string rule;  // rule id
  Severity severity = Severity::kWarning;
  SourceLoc loc;       // the offending node
  std::string object;  // "Deployment ns/name"
  std::string path;    // "spec.template.spec.containers[0].resources"
  std::string message;
  bool suppressed = false;
  std::string suppression_kind;    // "annotation" | "inline"
  std::string suppression_reason;  // may be empty
  // The offending source line, captured while the file is in memory (text
  // output shows it under the message); empty for cross-document findings.
  std::string source_line;
};

struct LintResult {
  std::vector<Finding> findings;     // sorted by file order, line, col, rule
  std::vector<Diagnostic> problems;  // invalid input (errors) and notes
  size_t files = 0;
  size_t invalid_files = 0;  // unreadable, not YAML, or holding invalid values
  size_t documents = 0;
  size_t objects = 0;

  bool has_input_errors() const;
  // Unsuppressed findings at or above `threshold` (kError < kWarning < kInfo).
  size_t CountAtOrAbove(Severity threshold) const;
};

// Lints `inputs` in parallel (config.jobs threads; 0 = hardware concurrency).
// Output order does not depend on the thread count. `spec` is a resolved
// spec (spec/pipeline.h) or null; rules that need it are skipped without it.
LintResult Lint(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec);

}  // namespace mlspec

#endif  // MLSPEC_POLICIES_LINT_H_
