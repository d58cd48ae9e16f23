// The Terraform module mlspec writes for a cloud cluster (DIR/terraform/):
// one body per file, filled by the provider (Provider::BuildTerraform in
// providers/), rendered by EmitTerraform. Shared pieces — versions,
// variables, outputs — live here.
#ifndef MLSPEC_EMIT_TERRAFORM_MODULE_H_
#define MLSPEC_EMIT_TERRAFORM_MODULE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emit/terraform/hcl_writer.h"
#include "model/model.h"

namespace mlspec::terraform {

// Terraform itself: 1.5 is the oldest release this module is written for
// (every construct used here is older; 1.5 is the last MPL-licensed line).
inline constexpr char kRequiredVersion[] = ">= 1.5.0";

struct Module {
  hcl::Body versions;    // versions.tf
  hcl::Body variables;   // variables.tf
  hcl::Body node_pools;  // node_pools.tf
  hcl::Body outputs;     // outputs.tf
};

// ---- Shared by the providers' builders ----

// The resource name of a pool: the pool name when it is an HCL identifier,
// else prefixed with "pool_" (a DNS label may start with a digit).
std::string ResourceName(const Pool& pool);

// terraform { required_version, required_providers { NAME = {source, version} } }.
void AddVersions(hcl::Body& body, std::string_view provider, std::string_view source, std::string_view version);

// variable "NAME" { description, type[, default] }; `default_value` is an
// HCL expression such as "{}" or "null".
void AddVariable(hcl::Body& body, std::string_view name, std::string_view type, std::string_view description,
                 std::optional<std::string_view> default_value = std::nullopt);

// output "NAME" { description, value = { "<pool>" = TYPE.<res>.ATTRIBUTE } }.
void AddPoolOutput(hcl::Body& body, const Model& model, std::string_view name, std::string_view description,
                   std::string_view resource_type, std::string_view attribute);

// A pool's labels as an HCL map, sorted by key.
hcl::Value LabelMap(const std::map<std::string, std::string>& labels);

// Kubernetes taint effect in the EKS / GKE API spelling: NoSchedule ->
// NO_SCHEDULE, PreferNoSchedule -> PREFER_NO_SCHEDULE, NoExecute -> NO_EXECUTE.
std::string UpperSnakeEffect(std::string_view effect);

}  // namespace mlspec::terraform

#endif  // MLSPEC_EMIT_TERRAFORM_MODULE_H_
