// Helpers shared by subcommands: printing diagnostics, naming closed sets.
#ifndef MLSPEC_CLI_IO_H_
#define MLSPEC_CLI_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace mlspec {

// Prints every diagnostic to stderr, sorted by location.
void PrintDiagnostics(Diagnostics& diags);

// "unknown WHAT `value`; did you mean `x`?" when one of `known` is close,
// else "unknown WHAT `value`; use a, b or c".
std::string UnknownName(std::string_view what, std::string_view value, const std::vector<std::string_view>& known);

// "a, b or c".
std::string OneOf(const std::vector<std::string_view>& names);

}  // namespace mlspec

#endif  // MLSPEC_CLI_IO_H_
