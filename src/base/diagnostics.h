// Diagnostics: located messages collected by every stage, printed gcc-style.
#ifndef MLSPEC_COMMON_DIAGNOSTICS_H_
#define MLSPEC_COMMON_DIAGNOSTICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mlspec {

// A position in an input file. line/col are 1-based; 0 means unknown.
struct SourceLoc {
  std::string file;
  uint32_t line = 0;
  uint32_t col = 0;

  bool known() const { return line != 0; }
  friend auto operator<=>(const SourceLoc&, const SourceLoc&) = default;
};

enum class Severity { kError, kWarning, kInfo, kNote };

std::string_view SeverityName(Severity s);

struct Diagnostic {
  Severity severity = Severity::kError;
  SourceLoc loc;
  std::string message;
  std::string rule;  // Lint rule id; empty for spec and input errors.
};

// Formats "FILE:LINE:COL: SEVERITY: MESSAGE [rule]"; the position parts that
// are unknown are left out ("FILE: error: ...").
std::string FormatDiagnostic(const Diagnostic& d);

// An append-only sink. Stages add to it and never stop at the first problem.
class Diagnostics {
 public:
  void Add(Diagnostic d);
  void Error(SourceLoc loc, std::string message);
  void Warning(SourceLoc loc, std::string message);
  void Note(SourceLoc loc, std::string message);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return items_; }
  bool empty() const { return items_.empty(); }

  // Stable sort by file, line, column, so output order does not depend on
  // the order in which checks ran.
  void SortByLocation();

  // Every diagnostic, formatted, one per line.
  std::string ToString() const;

 private:
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
};

}  // namespace mlspec

#endif  // MLSPEC_COMMON_DIAGNOSTICS_H_
