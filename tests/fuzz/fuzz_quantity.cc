// libFuzzer target: the Kubernetes quantity parser. A parsed quantity must
// print a canonical form that parses back to the same value (the emitters
// rely on that round trip to produce stable manifests).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/quantity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  std::optional<mlspec::Quantity> q = mlspec::Quantity::Parse(text, &error);
  if (!q) {
    if (error.empty()) std::abort();  // a rejection always says why
    return 0;
  }
  std::string canonical = q->Canonical();
  std::string error2;
  std::optional<mlspec::Quantity> back = mlspec::Quantity::Parse(canonical, &error2);
  if (!back || !(*back == *q)) {
    std::fprintf(stderr, "round trip failed: \"%.*s\" -> \"%s\" (%s)\n", static_cast<int>(size),
                 reinterpret_cast<const char*>(data), canonical.c_str(), error2.c_str());
    std::abort();
  }
  (void)q->MilliValue();
  (void)q->Value();
  (void)q->AsDouble();
  (void)q->IsInteger();
  return 0;
}
