// libFuzzer target: the spec loader and validator (TOML bytes in).
// Runs LoadSpec → Validate → Resolve, the path `compile` and `lint --spec`
// take, and checks that a rejected spec always says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/diagnostics.h"
#include "pipeline/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mlspec::Diagnostics diags;
  std::optional<mlspec::Model> spec = mlspec::ResolveSpecText("fuzz.toml", text, diags);
  // Invariant: no spec means at least one error, so the CLI never exits 2
  // with nothing on stderr.
  if (!spec && !diags.has_errors()) std::abort();
  (void)diags.ToString();
  return 0;
}
