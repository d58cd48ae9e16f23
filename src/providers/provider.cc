#include "providers/provider.h"

namespace mlspec {

// Defined in aks.cc, eks.cc, gke.cc, kubernetes.cc.
const Provider& AksProvider();
const Provider& EksProvider();
const Provider& GkeProvider();
const Provider& KubernetesProvider();

namespace {

struct Entry {
  ProviderKind kind;
  std::string_view name;
};
constexpr Entry kProviders[] = {
    {ProviderKind::kAks, "aks"},
    {ProviderKind::kEks, "eks"},
    {ProviderKind::kGke, "gke"},
    {ProviderKind::kKubernetes, "kubernetes"},
};

}  // namespace

std::string_view ProviderName(ProviderKind kind) {
  for (const Entry& e : kProviders)
    if (e.kind == kind) return e.name;
  return "";
}

std::optional<ProviderKind> ParseProvider(std::string_view name) {
  for (const Entry& e : kProviders)
    if (e.name == name) return e.kind;
  return std::nullopt;
}

std::vector<std::string_view> ProviderNames() {
  std::vector<std::string_view> out;
  for (const Entry& e : kProviders) out.push_back(e.name);
  return out;
}

const Provider& ProviderFor(ProviderKind kind) {
  switch (kind) {
    case ProviderKind::kAks:
      return AksProvider();
    case ProviderKind::kEks:
      return EksProvider();
    case ProviderKind::kGke:
      return GkeProvider();
    case ProviderKind::kKubernetes:
      return KubernetesProvider();
  }
  return KubernetesProvider();
}

std::map<std::string, std::string> Provider::DeclaredCloudLabels(const Pool&) const { return {}; }
std::vector<Taint> Provider::DeclaredCloudTaints(const Pool&) const { return {}; }

std::vector<Provider::GpuMisfit> Provider::CheckGpuFit(const InstanceType& instance, const std::string& gpu_key,
                                                       int gpus, bool gpu_type_set, bool gpus_set) const {
  const std::string& name = instance.name;
  std::vector<GpuMisfit> out;
  if (gpu_type_set && instance.gpu_type != gpu_key)
    out.push_back(GpuMisfit{
        "gpu_type",
        "instance type \"" + name + "\" carries " +
            (instance.gpu_type.empty() ? std::string("no GPU") : "\"" + instance.gpu_type + "\"") + ", not \"" +
            gpu_key + "\"" +
            (instance.gpu_type.empty() ? "" : "; write gpu_type = \"" + instance.gpu_type + "\" or leave it out")});
  if (gpus_set && !instance.gpu_type.empty() && instance.gpus != gpus)
    out.push_back(GpuMisfit{"gpus_per_node", "instance type \"" + name + "\" has " + std::to_string(instance.gpus) +
                                                 " GPU(s) per node, not " + std::to_string(gpus)});
  return out;
}

namespace providers {

std::string_view LabelPrefix(std::string_view key) {
  size_t slash = key.find('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

bool IsOrUnder(std::string_view prefix, std::string_view domain) {
  return prefix == domain || (prefix.size() > domain.size() && prefix.ends_with(domain) &&
                              prefix[prefix.size() - domain.size() - 1] == '.');
}

std::string Where(const Pool& pool) { return "[pools." + pool.name + "]"; }

}  // namespace providers
}  // namespace mlspec
