// Lints what compile emits, against the spec it came from: an error-level
// finding fails the compile (a bug in mlspec or a spec the checks missed).
#ifndef MLSPEC_CLI_SELF_LINT_H_
#define MLSPEC_CLI_SELF_LINT_H_

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "model/model.h"

namespace mlspec {

void SelfLint(const Model& spec, const FileSet& files, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_CLI_SELF_LINT_H_
