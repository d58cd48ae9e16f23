// Stage 4: the emitters. Each writes its part of the output tree into a
// FileSet (in memory); the writer alone touches disk. Every emitter reads the
// resolved Model (and the component table derived from it) and nothing
// else — never another emitter's files — so output is a pure function of it.
#ifndef MLSPEC_EMIT_EMIT_H_
#define MLSPEC_EMIT_EMIT_H_

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/file_set.h"
#include "emit/components.h"
#include "model/model.h"

namespace mlspec {

// The whole tree for `spec`: manifests, Helm values, ArgoCD, Terraform, README.
void EmitAll(const Model& spec, FileSet& out);

void EmitKubernetes(const Model& spec, FileSet& out);  // manifests/
void EmitHelm(const Model& spec, FileSet& out);        // helm/
void EmitTerraform(const Model& spec, FileSet& out);   // terraform/
// argocd/: one Application per component.
void EmitArgoCD(const Model& spec, const std::vector<Component>& components, FileSet& out);
// README.md: the pools, the components, what to do by hand; `tree_sha256`
// identifies every other file of the tree (TreeSha256).
void EmitReadme(const Model& spec, const std::vector<Component>& components, std::string_view tree_sha256,
                FileSet& out);

// The hash that identifies a tree: every path and the sha256 of its bytes.
std::string TreeSha256(const FileSet& files);

// The comment every generated file starts with, each line prefixed by
// `prefix` ("# " for YAML and HCL). Names mlspec, its version and the spec.
std::string GeneratedHeader(const Model& spec, std::string_view prefix);

// The spec's file name as written in headers: its base name, so output does
// not depend on the directory mlspec was run from.
std::string SpecDisplayName(const Model& spec);

}  // namespace mlspec

#endif  // MLSPEC_EMIT_EMIT_H_
