// Read → LoadSpec → Validate → Resolve in one call, for commands that need
// a ready model (compile, lint --spec).
#ifndef MLSPEC_SPEC_PIPELINE_H_
#define MLSPEC_SPEC_PIPELINE_H_

#include <optional>
#include <string_view>

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

// Reads the file at `path` and runs every stage against the built-in catalog.
// Returns the resolved model, or nullopt when any error was reported.
std::optional<Model> LoadResolvedModel(std::string_view path, Diagnostics& diags);

// The same, for spec text already in memory.
std::optional<Model> ResolveSpecText(std::string_view path, std::string_view content, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_PIPELINE_H_
