// mlspec catalog gpus|instances [--provider P] [--format text|json]: the GPU
// and instance catalogs built into the binary (profiles/*.toml), so that no
// one has to read the TOML to learn what `instance_type` and `gpu_type` take.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "model/catalog.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

struct CatalogOptions {
  std::string what;
  std::string provider;
  std::string format = "text";
};

constexpr std::string_view kWhats[] = {"gpus", "instances"};
constexpr std::string_view kFormats[] = {"text", "json"};

int UsageError(std::string_view what, std::string_view value, const std::vector<std::string_view>& known) {
  std::fprintf(stderr, "mlspec catalog: error: %s\n", UnknownName(what, value, known).c_str());
  return kExitInvalid;
}

// Natural order: digit runs compare as numbers, so g5.2xlarge sorts before
// g5.12xlarge and Standard_NC24 before Standard_NC96.
bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      std::string_view na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j || (a.size() - i == b.size() - j && a < b);
}

std::vector<ProviderKind> Providers() {
  std::vector<ProviderKind> out;
  for (std::string_view n : ProviderNames()) out.push_back(*ParseProvider(n));
  return out;
}

// Whether a pool on `provider` can have GPUs of type `gpu`: one of the
// provider's instance types carries it or accepts it, or the provider does
// not create the nodes (then any GPU can be declared).
bool Offers(const Provider& provider, const Catalog& catalog, const GpuType& gpu) {
  if (!provider.creates_node_pools()) return true;
  for (const auto& [name, instance] : catalog.instances) {
    if (!provider.OffersInstance(instance)) continue;
    if (instance.gpu_type == gpu.key) return true;
    if (instance.gpu_type.empty() && provider.CheckGpuFit(instance, gpu.key, 1, true, false).empty()) return true;
  }
  return false;
}

std::string Number(double v) {
  if (v == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// An aligned table: columns two spaces apart, numbers right-aligned, no
// trailing blanks.
std::string Table(const std::vector<std::string>& header, const std::vector<bool>& right,
                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) out += "  ";
      std::string pad(width[c] - cells[c].size(), ' ');
      out += right[c] ? pad + cells[c] : cells[c] + (c + 1 == cells.size() ? "" : pad);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string Gpus(const Catalog& catalog, const std::vector<ProviderKind>& providers, bool json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, gpu] : catalog.gpus) {
    std::vector<std::string> on;
    for (ProviderKind p : Providers())
      if (Offers(ProviderFor(p), catalog, gpu)) on.emplace_back(ProviderName(p));
    bool wanted = false;
    for (ProviderKind p : providers) wanted |= Offers(ProviderFor(p), catalog, gpu);
    if (!wanted) continue;
    if (json) {
      j.push_back({{"gpu_type", key},
                   {"product_name", gpu.product_name},
                   {"memory", gpu.memory.Canonical()},
                   {"memory_bandwidth_gbps", gpu.memory_bandwidth_gbps},
                   {"fp32_tflops", gpu.fp32_tflops},
                   {"fp16_tflops", gpu.fp16_tflops},
                   {"bf16_tflops", gpu.bf16_tflops},
                   {"compute_capability", gpu.compute_capability},
                   {"mig_profiles", gpu.mig_profiles},
                   {"gke_accelerator", gpu.gke_accelerator},
                   {"providers", on}});
      continue;
    }
    rows.push_back({key, gpu.product_name, gpu.memory.Canonical(), Number(gpu.memory_bandwidth_gbps),
                    Number(gpu.fp32_tflops), Number(gpu.fp16_tflops), Number(gpu.bf16_tflops), gpu.compute_capability,
                    gpu.mig_profiles.empty() ? "-" : Join(gpu.mig_profiles, ","), Join(on, ",")});
  }
  if (json) return j.dump(2) + "\n";
  return Table({"GPU_TYPE", "PRODUCT", "MEMORY", "GB/S", "FP32", "FP16", "BF16", "CC", "MIG", "PROVIDERS"},
               {false, false, true, true, true, true, true, false, false, false}, rows);
}

std::string Instances(const Catalog& catalog, const std::vector<ProviderKind>& providers, bool json) {
  std::vector<const InstanceType*> list;
  for (const auto& [name, instance] : catalog.instances) list.push_back(&instance);
  std::vector<ProviderKind> order = Providers();
  auto rank = [&](ProviderKind k) { return std::find(order.begin(), order.end(), k) - order.begin(); };
  std::sort(list.begin(), list.end(), [&](const InstanceType* a, const InstanceType* b) {
    auto ra = rank(a->provider), rb = rank(b->provider);
    return ra != rb ? ra < rb : NaturalLess(a->name, b->name);
  });
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  std::vector<std::vector<std::string>> rows;
  for (const InstanceType* i : list) {
    // provider = "kubernetes" takes any (for its CPU and memory figures).
    bool wanted = false;
    for (ProviderKind p : providers) wanted |= ProviderFor(p).OffersInstance(*i);
    if (!wanted) continue;
    if (json) {
      j.push_back({{"instance_type", i->name},
                   {"provider", ProviderName(i->provider)},
                   {"vcpus", i->vcpus},
                   {"memory", i->memory.Canonical()},
                   {"gpu_type", i->gpu_type},
                   {"gpus", i->gpus}});
      continue;
    }
    rows.push_back({i->name, std::string(ProviderName(i->provider)), std::to_string(i->vcpus), i->memory.Canonical(),
                    i->gpu_type.empty() ? "-" : i->gpu_type, std::to_string(i->gpus)});
  }
  if (json) return j.dump(2) + "\n";
  return Table({"INSTANCE_TYPE", "PROVIDER", "VCPUS", "MEMORY", "GPU_TYPE", "GPUS"},
               {false, false, true, true, false, true}, rows);
}

int RunCatalog(const CatalogOptions& opts) {
  std::vector<std::string_view> whats(std::begin(kWhats), std::end(kWhats));
  std::vector<std::string_view> formats(std::begin(kFormats), std::end(kFormats));
  if (std::find(whats.begin(), whats.end(), opts.what) == whats.end()) return UsageError("catalog", opts.what, whats);
  if (std::find(formats.begin(), formats.end(), opts.format) == formats.end())
    return UsageError("--format", opts.format, formats);
  std::vector<ProviderKind> providers = Providers();
  if (!opts.provider.empty()) {
    std::optional<ProviderKind> p = ParseProvider(opts.provider);
    if (!p) return UsageError("provider", opts.provider, ProviderNames());
    providers = {*p};
  }
  const bool json = opts.format == "json";
  std::string out =
      opts.what == "gpus" ? Gpus(BuiltinCatalog(), providers, json) : Instances(BuiltinCatalog(), providers, json);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterCatalog(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<CatalogOptions>();
  CLI::App* sub = app.add_subcommand(
      "catalog", "Print the GPU types or instance types mlspec knows (what gpu_type and instance_type take)");
  sub->add_option("WHAT", opts->what, "gpus or instances")->required();
  sub->add_option("--provider", opts->provider,
                  "Only what a spec with this provider can use: aks, eks, gke or kubernetes (which takes any)");
  sub->add_option("-f,--format", opts->format, "text (an aligned table, the default) or json");
  sub->callback([opts, selected] { *selected = [opts] { return RunCatalog(*opts); }; });
}

}  // namespace mlspec
