// EmitTerraform: DIR/terraform/{versions,variables,node_pools,outputs}.tf for
// AKS, EKS and GKE; nothing for provider = "kubernetes".
#include <cctype>

#include "emit/emit.h"
#include "emit/terraform/module.h"
#include "providers/provider.h"

namespace mlspec {
namespace terraform {

std::string ResourceName(const Pool& pool) { return hcl::IsIdentifier(pool.name) ? pool.name : "pool_" + pool.name; }

void AddVersions(hcl::Body& body, std::string_view provider, std::string_view source, std::string_view version) {
  hcl::Body& tf = body.AddBlock("terraform");
  tf.Set("required_version", hcl::Str(kRequiredVersion));
  hcl::Body& rp = tf.AddBlock("required_providers");
  rp.Set(std::string(provider), hcl::Object({{"source", hcl::Str(source)}, {"version", hcl::Str(version)}}));
}

void AddVariable(hcl::Body& body, std::string_view name, std::string_view type, std::string_view description,
                 std::optional<std::string_view> default_value) {
  hcl::Body& v = body.AddBlock("variable", {std::string(name)});
  v.Set("description", hcl::Str(description));
  v.Set("type", hcl::Ref(std::string(type)));
  if (default_value) v.Set("default", hcl::Ref(std::string(*default_value)));
}

void AddPoolOutput(hcl::Body& body, const Model& model, std::string_view name, std::string_view description,
                   std::string_view resource_type, std::string_view attribute) {
  std::vector<std::pair<std::string, hcl::Value>> entries;
  for (const auto& [pool_name, pool] : model.pools)
    entries.emplace_back(
        pool_name, hcl::Ref(std::string(resource_type) + "." + ResourceName(pool) + "." + std::string(attribute)));
  hcl::Body& o = body.AddBlock("output", {std::string(name)});
  o.Set("description", hcl::Str(description));
  o.Set("value", hcl::Map(std::move(entries)));
}

hcl::Value LabelMap(const std::map<std::string, std::string>& labels) {
  std::vector<std::pair<std::string, hcl::Value>> entries;
  for (const auto& [k, v] : labels) entries.emplace_back(k, hcl::Str(v));
  return hcl::Map(std::move(entries));
}

std::string UpperSnakeEffect(std::string_view effect) {
  std::string out;
  for (size_t i = 0; i < effect.size(); ++i) {
    const char c = effect[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c))) out += '_';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace terraform

void EmitTerraform(const Model& model, FileSet& out) {
  terraform::Module module;
  if (!ProviderFor(model.cluster.provider).BuildTerraform(model, module)) return;  // the nodes are not ours to create
  const std::string header = GeneratedHeader(model, "# ") + "\n";
  out["terraform/versions.tf"] = header + module.versions.Render();
  out["terraform/variables.tf"] = header + module.variables.Render();
  out["terraform/node_pools.tf"] = header + module.node_pools.Render();
  out["terraform/outputs.tf"] = header + module.outputs.Render();
}

}  // namespace mlspec
