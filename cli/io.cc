#include "cli/io.h"

#include <cstdio>

#include "base/text.h"

namespace mlspec {

void PrintDiagnostics(Diagnostics& diags) {
  diags.SortByLocation();
  std::string text = diags.ToString();
  std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string OneOf(const std::vector<std::string_view>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string UnknownName(std::string_view what, std::string_view value, const std::vector<std::string_view>& known) {
  std::string msg = "unknown " + std::string(what) + " " + Quote(value);
  if (auto s = DidYouMean(value, known)) return msg + "; did you mean " + Quote(*s) + "?";
  return msg + "; use " + OneOf(known);
}

}  // namespace mlspec
