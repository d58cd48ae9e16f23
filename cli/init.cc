// mlspec init: print a starter spec for a provider.
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "base/exit_codes.h"

namespace mlspec {
namespace {

struct InitOptions {
  std::string provider = "aks";
};

struct Starter {
  const char* provider;
  const char* region;
  const char* cpu_instance;
  const char* gpu_instance;
};

constexpr Starter kStarters[] = {
    {"aks", "westeurope", "Standard_D4s_v5", "Standard_NC24ads_A100_v4"},
    {"eks", "eu-west-1", "m5.xlarge", "g5.2xlarge"},
    {"gke", "europe-west4", "e2-standard-4", "g2-standard-8"},
};

int RunInit(const InitOptions& opts) {
  for (const Starter& s : kStarters) {
    if (opts.provider != s.provider) continue;
    std::printf(
        "# mlspec spec: see docs/spec.md for every key.\n"
        "[cluster]\nname = \"mlplat\"\nprovider = \"%s\"\nregion = \"%s\"\n\n"
        "[pools.system]\ninstance_type = \"%s\"\nmin_nodes = 1\nmax_nodes = 3\n\n"
        "[pools.gpu]\ninstance_type = \"%s\"\nmin_nodes = 0\nmax_nodes = 2\n"
        "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n\n"
        "[namespaces.ml]\nquota = { gpu = 2 }\n\n"
        "[profiles.gpu-small]\nimage = \"pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime\"\npool = \"gpu\"\n"
        "gpu = 1\ncpu = \"4\"\nmemory = \"16Gi\"\nshm = \"2Gi\"\n",
        s.provider, s.region, s.cpu_instance, s.gpu_instance);
    return kExitOk;
  }
  std::fprintf(stderr, "mlspec init: error: unknown provider \"%s\"; use aks, eks or gke\n", opts.provider.c_str());
  return kExitInvalid;
}

}  // namespace

void RegisterInit(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "Print a starter spec (redirect it to a file)");
  sub->add_option("--provider", opts->provider, "aks, eks or gke")->capture_default_str();
  sub->callback([opts, selected] { *selected = [opts] { return RunInit(*opts); }; });
}

}  // namespace mlspec
