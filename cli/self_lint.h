// Lints what compile emits, against the spec it came from. Validate finds
// every spec problem, so an error-level finding here is a bug in mlspec: it
// fails the compile and says so.
#ifndef MLSPEC_CLI_SELF_LINT_H_
#define MLSPEC_CLI_SELF_LINT_H_

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "model/model.h"

namespace mlspec {

void SelfLint(const Model& spec, const FileSet& files, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_CLI_SELF_LINT_H_
