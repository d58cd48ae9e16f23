// Stage 1: TOML text → Spec. Checks syntax, keys, types, names and quantities;
// reports every problem at its line and column, never just the first.
#ifndef MLSPEC_SPEC_LOAD_H_
#define MLSPEC_SPEC_LOAD_H_

#include <optional>
#include <string_view>

#include "base/diagnostics.h"
#include "spec/spec.h"

namespace mlspec {

// `path` is used in messages only. Returns nullopt when the TOML cannot be
// parsed at all; otherwise a Spec (possibly with errors recorded in diags —
// callers must check diags.has_errors()).
std::optional<Spec> LoadSpec(std::string_view path, std::string_view content, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_LOAD_H_
