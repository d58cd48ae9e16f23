// The linter's public entry point: Kubernetes manifests in, findings out.
//
// `mlspec lint` calls it on files, `mlspec compile` on the FileSet it emits
// (with the resolved model) and fails on error-level findings.
#ifndef MLSPEC_POLICIES_LINT_H_
#define MLSPEC_POLICIES_LINT_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

// What a report reads: the totals, all known before the first finding is
// written (JSON's summary, SARIF's invocation and JUnit's counts come first),
// and the findings, one input file at a time.
class ReportSource {
 public:
  virtual ~ReportSource() = default;
  virtual size_t files() const = 0;
  virtual size_t invalid_files() const = 0;
  virtual size_t documents() const = 0;
  virtual size_t objects() const = 0;
  virtual const std::vector<Diagnostic>& problems() const = 0;
  // Unsuppressed findings, all severities.
  virtual size_t unsuppressed() const = 0;
  // `fn` once per input file with findings, in input order, with that file's
  // findings in report order (line, column, rule).
  virtual void ForEachFile(const std::function<void(std::span<const Finding>)>& fn) const = 0;
  // `fn` once per distinct file name, names in byte order, with every
  // finding reported in a file of that name in report order (JUnit's suites).
  virtual void ForEachFileName(const std::function<void(const std::string&, std::span<const Finding>)>& fn) const = 0;
  // The visit of ForEachFile, formatted: `format` appends the bytes of one
  // file's findings to its `out`, and `write` receives the bytes in input
  // order. A LintRun formats on its --jobs threads, a bounded batch of files
  // each, so `format` must be safe to call from several threads at once; by
  // default (and with one thread) it runs on the calling thread, file by file.
  virtual void FormatEachFile(const std::function<void(std::span<const Finding>, std::string& out)>& format,
                              const std::function<void(std::string_view)>& write) const;
  bool has_input_errors() const;
};

// A lint run whose findings are not held as objects: each file's findings are
// encoded as soon as the file is linted, into a buffer that moves to an
// unlinked temporary file past `spill_bytes` (by default 4 MiB), and are
// decoded again one file at a time when a report is written. Memory holds the
// cross-document summaries, the file list and one file's findings, whatever
// the number of findings; the bytes of every report are those of Lint()'s.
class LintRun : public ReportSource {
 public:
  LintRun();
  LintRun(LintRun&&) noexcept;
  LintRun& operator=(LintRun&&) noexcept;
  ~LintRun() override;

  size_t files() const override;
  size_t invalid_files() const override;
  size_t documents() const override;
  size_t objects() const override;
  const std::vector<Diagnostic>& problems() const override;
  size_t unsuppressed() const override;
  void ForEachFile(const std::function<void(std::span<const Finding>)>& fn) const override;
  void ForEachFileName(const std::function<void(const std::string&, std::span<const Finding>)>& fn) const override;
  void FormatEachFile(const std::function<void(std::span<const Finding>, std::string& out)>& format,
                      const std::function<void(std::string_view)>& write) const override;
  // Unsuppressed findings at or above `threshold` (kError < kWarning < kInfo).
  size_t CountAtOrAbove(Severity threshold) const;
  // Whether the findings went to a temporary file (tests).
  bool spilled() const;
  // Non-empty when the temporary file failed in a way that lost findings
  // (a write error is not one: the findings then stay in memory).
  const std::string& error() const;

  struct State;

 private:
  friend LintRun LintStreamed(std::span<const LintInput>, const LintConfig&, const Model*, size_t);
  std::unique_ptr<State> s_;
};

inline constexpr size_t kDefaultSpillBytes = size_t{4} << 20;

// Lints `inputs` in parallel (config.jobs threads; 0 = hardware concurrency).
// Output order does not depend on the thread count. `spec` is a resolved
// spec (spec/pipeline.h) or null; rules that need it are skipped without it.
// The run refers to `inputs` (findings name their file by index into it):
// they must outlive it.
LintRun LintStreamed(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec,
                     size_t spill_bytes = kDefaultSpillBytes);

// The same run with every finding collected in memory.
LintResult Lint(std::span<const LintInput> inputs, const LintConfig& config, const Model* spec);

}  // namespace mlspec

#endif  // MLSPEC_POLICIES_LINT_H_
