#include "base/diagnostics.h"

#include <algorithm>

namespace mlspec {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.loc.file.empty() ? "mlspec" : d.loc.file;
  if (d.loc.line) {
    out += ':' + std::to_string(d.loc.line);
    if (d.loc.col) out += ':' + std::to_string(d.loc.col);
  }
  out += ": ";
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  if (!d.rule.empty()) out += " [" + d.rule + "]";
  return out;
}

void Diagnostics::Add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::Error(SourceLoc loc, std::string message) {
  Add({Severity::kError, std::move(loc), std::move(message), {}});
}

void Diagnostics::Warning(SourceLoc loc, std::string message) {
  Add({Severity::kWarning, std::move(loc), std::move(message), {}});
}

void Diagnostics::Note(SourceLoc loc, std::string message) {
  Add({Severity::kNote, std::move(loc), std::move(message), {}});
}

void Diagnostics::SortByLocation() {
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.loc < b.loc; });
}

std::string Diagnostics::ToString() const {
  std::string out;
  for (const Diagnostic& d : items_) {
    out += FormatDiagnostic(d);
    out += '\n';
  }
  return out;
}

}  // namespace mlspec
