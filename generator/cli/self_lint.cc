#include "cli/self_lint.h"

namespace mlspec {

// Wired to the linter (policies/lint.h) once it lands.
void SelfLint(const Spec&, const FileSet&, Diagnostics&) {}

}  // namespace mlspec
