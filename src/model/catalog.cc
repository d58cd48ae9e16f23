#include "model/catalog.h"

#include <toml++/toml.h>

#include "providers/provider.h"
#include "spec/toml_reader.h"

namespace mlspec {

extern const std::string_view kBuiltinGpusToml;
extern const std::string_view kBuiltinInstancesToml;

const GpuType* Catalog::FindGpu(std::string_view key) const {
  auto it = gpus.find(key);
  return it == gpus.end() ? nullptr : &it->second;
}

const InstanceType* Catalog::FindInstance(std::string_view name) const {
  auto it = instances.find(name);
  return it == instances.end() ? nullptr : &it->second;
}

void ReadGpuType(TableReader& r, GpuType& g) {
  g.loc = r.locs().table;
  g.product_name = r.String("product_name", true).value_or("");
  g.memory = r.Qty("memory", true).value_or(Quantity{});
  g.memory_bandwidth_gbps = r.Number("memory_bandwidth_gbps", 1, 1e6).value_or(0);
  g.fp32_tflops = r.Number("fp32_tflops", 0, 1e6).value_or(0);
  g.fp16_tflops = r.Number("fp16_tflops", 0, 1e6).value_or(0);
  g.bf16_tflops = r.Number("bf16_tflops", 0, 1e6).value_or(0);
  g.compute_capability = r.String("compute_capability").value_or("");
  g.gke_accelerator = r.String("gke_accelerator").value_or("");
  if (const toml::array* a = r.Array("mig_profiles")) {
    for (const toml::node& n : *a) {
      if (auto s = n.value<std::string>()) g.mig_profiles.push_back(*s);
      else
        r.diags().Error(LocOf(n.source(), r.file()),
                        r.where() + " `mig_profiles` must hold strings such as \"1g.10gb\"");
    }
  }
  r.Finish();
}

Catalog ParseCatalog(std::string_view gpus_toml, std::string_view instances_toml, Diagnostics& diags) {
  Catalog c;
  static const std::string kGpusFile = "profiles/gpus.toml";
  static const std::string kInstancesFile = "profiles/instances.toml";
  std::optional<toml::table> gpus = ParseToml(gpus_toml, kGpusFile, diags);
  if (!gpus) return c;
  for (const auto& [k, v] : *gpus) {
    std::string key(k.str());
    if (!v.is_table()) continue;
    TableReader r(*v.as_table(), "[" + key + "]", kGpusFile, diags);
    GpuType g;
    g.key = key;
    ReadGpuType(r, g);
    c.gpus.emplace(key, std::move(g));
  }
  std::optional<toml::table> inst = ParseToml(instances_toml, kInstancesFile, diags);
  if (!inst) return c;
  for (const auto& [k, v] : *inst) {
    std::string name(k.str());
    if (!v.is_table()) continue;
    TableReader r(*v.as_table(), "[\"" + name + "\"]", kInstancesFile, diags);
    InstanceType it;
    it.name = name;
    std::string provider = r.String("provider", true).value_or("");
    if (auto p = ParseProvider(provider)) it.provider = *p;
    else r.diags().Error(r.Loc("provider"), "unknown provider \"" + provider + "\"");
    it.vcpus = static_cast<int>(r.Int("vcpus", 1, 4096, true).value_or(1));
    it.memory = r.Qty("memory", true).value_or(Quantity{});
    it.gpu_type = r.String("gpu_type").value_or("");
    it.gpus = static_cast<int>(r.Int("gpus", 0, 64).value_or(0));
    r.Finish();
    if (!it.gpu_type.empty() && !c.FindGpu(it.gpu_type))
      diags.Error(r.Loc("gpu_type"), "unknown GPU type \"" + it.gpu_type + "\"");
    c.instances.emplace(name, std::move(it));
  }
  return c;
}

const Catalog& BuiltinCatalog() {
  static const Catalog catalog = [] {
    Diagnostics diags;  // Checked by catalog_test; a broken catalog never ships.
    return ParseCatalog(kBuiltinGpusToml, kBuiltinInstancesToml, diags);
  }();
  return catalog;
}

}  // namespace mlspec
