// Taints as written in specs and on nodes: KEY[=VALUE]:EFFECT.
#ifndef MLSPEC_SPEC_TAINT_H_
#define MLSPEC_SPEC_TAINT_H_

#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"

namespace mlspec {

// Parses "nvidia.com/gpu=true:NoSchedule". On failure returns nullopt and
// sets *error to what is wrong and what would be right.
std::optional<Taint> ParseTaint(std::string_view text, std::string* error);

}  // namespace mlspec

#endif  // MLSPEC_SPEC_TAINT_H_
