// Helpers shared by subcommands: printing diagnostics.
#ifndef MLSPEC_CLI_IO_H_
#define MLSPEC_CLI_IO_H_

#include "base/diagnostics.h"

namespace mlspec {

// Prints every diagnostic to stderr, sorted by location.
void PrintDiagnostics(Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_CLI_IO_H_
