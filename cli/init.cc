// mlspec init: print a starter spec for a provider.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

struct InitOptions {
  std::string provider = "aks";
};

int RunInit(const InitOptions& opts) {
  std::optional<ProviderKind> kind = ParseProvider(opts.provider);
  std::optional<StarterSpec> s = kind ? ProviderFor(*kind).starter() : std::nullopt;
  if (!s) {
    std::fprintf(stderr, "mlspec init: error: unknown provider \"%s\"; use aks, eks or gke\n", opts.provider.c_str());
    return kExitInvalid;
  }
  const std::string region(s->region), cpu(s->cpu_instance), gpu(s->gpu_instance);
  std::printf(
      "# mlspec spec: see docs/spec.md for every key.\n"
      "[cluster]\nname = \"mlplat\"\nprovider = \"%s\"\nregion = \"%s\"\n\n"
      "[pools.system]\ninstance_type = \"%s\"\nmin_nodes = 1\nmax_nodes = 3\n\n"
      "[pools.gpu]\ninstance_type = \"%s\"\nmin_nodes = 0\nmax_nodes = 2\n"
      "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n\n"
      "[namespaces.ml]\nquota = { gpu = 2 }\n\n"
      "[profiles.gpu-small]\nimage = \"pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime\"\npool = \"gpu\"\n"
      "gpu = 1\ncpu = \"4\"\nmemory = \"16Gi\"\nshm = \"2Gi\"\n",
      opts.provider.c_str(), region.c_str(), cpu.c_str(), gpu.c_str());
  return kExitOk;
}

}  // namespace

void RegisterInit(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "Print a starter spec (redirect it to a file)");
  sub->add_option("--provider", opts->provider, "aks, eks or gke")->capture_default_str();
  sub->callback([opts, selected] { *selected = [opts] { return RunInit(*opts); }; });
}

}  // namespace mlspec
