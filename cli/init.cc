// mlspec init: print a starter spec for a provider — a small GPU platform
// that validates, compiles and works on that cloud, commented so that a
// reader learns the language from it. What differs per cloud comes from the
// provider (StarterSpec); the text around it is the same for all.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/exit_codes.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "providers/provider.h"

namespace mlspec {
namespace {

struct InitOptions {
  std::string provider = "aks";
};

// Each line of `text` as a TOML comment.
std::string Comment(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == text.npos ? text.npos : nl - start);
    out += line.empty() ? "#\n" : "# " + std::string(line) + "\n";
    if (nl == text.npos) break;
    start = nl + 1;
  }
  return out;
}

// `key = value` with a trailing comment, the comments of a table aligned.
std::string Line(std::string_view key_value, std::string_view comment) {
  constexpr size_t kColumn = 29;
  std::string out(key_value);
  out += std::string(out.size() < kColumn ? kColumn - out.size() : 1, ' ');
  return out + "# " + std::string(comment) + "\n";
}

std::string Starter(std::string_view provider, const Provider& p, const StarterSpec& s) {
  const std::string name(provider);
  const bool instances = !s.cpu_instance.empty();
  std::string out;
  std::vector<std::pair<std::string, std::string>> next = {
      {"mlspec validate platform.toml", "check it; writes nothing"},
      {"mlspec compile platform.toml -o output", "write the GitOps tree; output/README.md says what's next"}};
  if (instances) next.push_back({"mlspec catalog instances --provider " + name, "the instance types a pool can use"});
  next.push_back({"mlspec catalog gpus --provider " + name, "the GPU types"});
  size_t width = 0;
  for (const auto& [command, _] : next) width = std::max(width, command.size());
  out += "# A starter GPU platform on " + std::string(p.display_name()) + ", from `mlspec init --provider " + name +
         "`.\n# Every key is in docs/spec.md. Next:\n";
  for (const auto& [command, what] : next)
    out += "#   " + command + std::string(width - command.size() + 3, ' ') + what + "\n";
  out += "\n";

  out += "[cluster]\n";
  out += Line("name = \"mlplat\"", "prefixes the ArgoCD Applications; a-z, 0-9 and '-'");
  out += Line("provider = \"" + name + "\"", "aks | eks | gke | kubernetes");
  if (!s.region.empty()) out += "region = \"" + std::string(s.region) + "\"\n";
  out += "\n";

  out += "# Node pools, one table each. ";
  out += instances ? "mlspec writes their Terraform (terraform/); a known\n"
                     "# instance_type supplies the GPU type, GPU count, CPU and memory.\n"
                   : "mlspec creates no nodes here (no Terraform): create them\n"
                     "# yourself, labelled mlspec.io/pool=NAME (output/README.md lists each pool's labels and\n"
                     "# taints), and say what one node offers to pods.\n";
  out += "[pools.system]\n";
  if (instances) out += "instance_type = \"" + std::string(s.cpu_instance) + "\"\n";
  else out += Line("cpu = \"4\"", "what one node offers to pods (allocatable)") + "memory = \"14Gi\"\n";
  if (s.system_pool)
    out += Line("mode = \"system\"",
                "the pool " + std::string(p.display_name()) + " runs its own pods on: not spot, min_nodes >= 1");
  out += "min_nodes = 1\nmax_nodes = 3\n\n";

  out += "# GPU nodes; min_nodes = 0 lets the pool scale to zero when no GPU pod runs.\n";
  out += "[pools.gpu]\n";
  if (instances) {
    out += Line("instance_type = \"" + std::string(s.gpu_instance) + "\"", s.gpu_instance_note);
  } else {
    out += Line("gpu_type = \"l4\"", "a GPU type of `mlspec catalog gpus`") + "gpus_per_node = 1\n" +
           Line("cpu = \"8\"", "what one node offers to pods (allocatable)") + "memory = \"28Gi\"\n";
  }
  out += "min_nodes = 0\nmax_nodes = 2\n";
  if (s.gpu_taint) {
    out += Comment(std::string(s.gpu_taint_note) +
                   ". The taint keeps pods that need no GPU away;\n"
                   "every pod mlspec places here gets the matching toleration.");
    out += "taints = [\"nvidia.com/gpu=true:NoSchedule\"]\n";
  } else {
    out += Comment(std::string(s.gpu_taint_note) + ".");
  }
  out += "\n";

  out +=
      "# A namespace with a quota: at most 2 GPUs requested at once. isolation (default true)\n"
      "# lets only pods of the same namespace (and the components placed here) reach its pods.\n"
      "[namespaces.ml]\nquota = { gpu = 2 }\n\n";

  out +=
      "# A profile is the shape of one pod: its pool, GPUs, requests and /dev/shm. JupyterHub\n"
      "# offers profiles as server options; [jobs.*] and [inference.*] run on them too.\n"
      "[profiles.cpu-small]\n"
      "display_name = \"CPU - small\"\n"
      "image = \"quay.io/jupyter/scipy-notebook:2024-07-29\"\n"
      "pool = \"system\"\n"
      "cpu = \"1\"                    # requests; the limits (cpu_limit, memory_limit) default to them\n"
      "memory = \"2Gi\"\n\n"
      "[profiles.gpu-small]\n"
      "display_name = \"GPU - PyTorch\"\n"
      "image = \"quay.io/jupyter/pytorch-notebook:cuda12-2024-07-29\"\n"
      "pool = \"gpu\"\n"
      "gpu = 1                      # whole GPUs (nvidia.com/gpu)\n"
      "cpu = \"4\"\n"
      "memory = \"16Gi\"\n"
      "shm = \"2Gi\"                  # /dev/shm; PyTorch DataLoader workers need more than the 64Mi default\n\n";

  out +=
      "# JupyterHub, offering both profiles; every user gets a 10Gi volume. Create the Secret it\n"
      "# needs first (docs/helm.md).\n"
      "[jupyterhub]\n"
      "namespace = \"ml\"\n"
      "profiles = [\"cpu-small\", \"gpu-small\"]\n"
      "default_profile = \"cpu-small\"\n\n";

  out +=
      "# A job that runs once: nvidia-smi on a GPU node proves that pods get a GPU.\n"
      "# Training jobs look the same (docs/workloads.md).\n"
      "[jobs.gpu-check]\n"
      "namespace = \"ml\"\n"
      "profile = \"gpu-small\"\n"
      "command = [\"nvidia-smi\"]\n";

  out += "\n" + Comment(s.gpu_operator_note);
  if (s.gpu_operator) out += "[gpu_operator]\n";

  out +=
      "\n# To let ArgoCD sync the tree from your repository, uncomment (docs/spec.md, [gitops]):\n"
      "# [gitops]\n"
      "# repo_url = \"https://github.com/example/platform.git\"\n"
      "# path = \"output\"              # where the compiled tree sits in that repository\n";
  return out;
}

int RunInit(const InitOptions& opts) {
  std::optional<ProviderKind> kind = ParseProvider(opts.provider);
  if (!kind) {
    std::string msg = UnknownName("provider", opts.provider, ProviderNames());
    std::fprintf(stderr, "mlspec init: error: %s\n", msg.c_str());
    return kExitInvalid;
  }
  const Provider& provider = ProviderFor(*kind);
  std::optional<StarterSpec> s = provider.starter();
  if (!s) {  // every provider has one (a test holds them to it)
    std::fprintf(stderr, "mlspec init: error: no starter spec for provider %s\n", opts.provider.c_str());
    return kExitInvalid;
  }
  std::string text = Starter(opts.provider, provider, *s);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterInit(CLI::App& app, Command* selected) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "Print a commented starter spec for a provider (redirect it to a file)");
  sub->add_option("--provider", opts->provider, "aks, eks, gke or kubernetes (nodes mlspec does not create)")
      ->capture_default_str();
  sub->callback([opts, selected] { *selected = [opts] { return RunInit(*opts); }; });
}

}  // namespace mlspec
