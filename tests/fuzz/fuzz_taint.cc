// libFuzzer target: the taint parser (KEY[=VALUE]:EFFECT).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "spec/taint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  std::optional<mlspec::Taint> t = mlspec::ParseTaint(text, &error);
  if (!t) {
    if (error.empty()) std::abort();  // a rejection always says why
    return 0;
  }
  // What the emitters print must parse back to the same taint.
  std::string error2;
  std::optional<mlspec::Taint> back = mlspec::ParseTaint(t->ToString(), &error2);
  if (!back || !(*back == *t)) std::abort();
  return 0;
}
