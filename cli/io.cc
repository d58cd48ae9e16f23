#include "cli/io.h"

#include <cstdio>

namespace mlspec {

void PrintDiagnostics(Diagnostics& diags) {
  diags.SortByLocation();
  std::string text = diags.ToString();
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace mlspec
