// Stage 4: the emitters. Each writes its part of the output tree into a
// FileSet (in memory); the writer alone touches disk. Every emitter reads the
// resolved Model and nothing else, so output is a pure function of it.
#ifndef MLSPEC_EMIT_EMIT_H_
#define MLSPEC_EMIT_EMIT_H_

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "model/model.h"

namespace mlspec {

// The whole tree for `spec`: manifests, Helm values, ArgoCD, Terraform, README.
void EmitAll(const Model& spec, FileSet& out, Diagnostics& diags);

void EmitKubernetes(const Model& spec, FileSet& out, Diagnostics& diags);  // manifests/
void EmitHelm(const Model& spec, FileSet& out, Diagnostics& diags);        // helm/
void EmitArgoCD(const Model& spec, FileSet& out, Diagnostics& diags);      // argocd/
void EmitTerraform(const Model& spec, FileSet& out, Diagnostics& diags);   // terraform/
void EmitReadme(const Model& spec, FileSet& out, Diagnostics& diags);      // README.md (last: lists the tree)

// The comment every generated file starts with, each line prefixed by
// `prefix` ("# " for YAML and HCL). Names mlspec, its version and the spec.
std::string GeneratedHeader(const Model& spec, std::string_view prefix);

// The spec's file name as written in headers: its base name, so output does
// not depend on the directory mlspec was run from.
std::string SpecDisplayName(const Model& spec);

}  // namespace mlspec

#endif  // MLSPEC_EMIT_EMIT_H_
