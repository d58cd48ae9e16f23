// Placeholder: the Terraform emitter lands with its issue.
#include "emit/emit.h"
namespace mlspec {
void EmitTerraform(const Spec&, FileSet&, Diagnostics&) {}
}  // namespace mlspec
