// env: environment variables that break or distort GPU runs, and the
// /dev/nvidia* device nodes.
#include <algorithm>
#include <cctype>

#include "../checks.h"
#include "../context.h"

namespace mlspec::preflight {
namespace {

enum class Effect { kBreaks, kDistorts };

struct EnvRule {
  const char* name;
  Effect effect;
  const char* why;
  bool only_when_enabled;  // judged only when set to something other than 0/empty
};

// Sorted by name.
constexpr EnvRule kRules[] = {
    {"CUDA_AUTO_BOOST", Effect::kDistorts, "overrides the GPU's auto-boost policy, changing clocks", false},
    {"CUDA_CACHE_DISABLE", Effect::kDistorts, "disables the JIT cache, slowing every start", true},
    {"CUDA_DEVICE_MAX_CONNECTIONS", Effect::kDistorts, "changes hardware work-queue count and concurrency", false},
    {"CUDA_DEVICE_WAITS_ON_EXCEPTION", Effect::kBreaks, "a faulting kernel waits for a debugger forever (hangs)", true},
    {"CUDA_ENABLE_COREDUMP_ON_EXCEPTION", Effect::kDistorts, "writes GPU core dumps and slows launches", true},
    {"CUDA_FORCE_PTX_JIT", Effect::kDistorts, "ignores compiled SASS and JIT-compiles PTX", true},
    {"CUDA_INJECTION64_PATH", Effect::kBreaks, "injects a profiling/tracing library into every CUDA process", false},
    {"CUDA_LAUNCH_BLOCKING", Effect::kDistorts, "serializes every kernel launch", true},
    {"CUDA_MPS_PIPE_DIRECTORY", Effect::kDistorts, "routes work through an MPS server shared with other pods", false},
    {"LD_PRELOAD", Effect::kBreaks, "preloads libraries that can intercept CUDA calls", false},
    {"NVIDIA_TF32_OVERRIDE", Effect::kDistorts, "overrides TF32 math for every library", false},
};

bool Enabled(const std::string& v) { return !v.empty() && v != "0" && v != "false"; }

}  // namespace

CheckResult RunEnv(Context& ctx) {
  CheckResult r;
  r.id = "env";
  int flagged = 0;
  for (const auto& rule : kRules) {
    auto v = ctx.system.GetEnv(rule.name);
    if (!v || (rule.only_when_enabled && !Enabled(*v))) continue;
    ++flagged;
    std::string line = std::string(rule.name) + "=" + v->substr(0, 80) + ": " + rule.why;
    if (rule.effect == Effect::kBreaks) r.Fail(line);
    else r.Fail(line + " (distorts the measurements)");
  }
  if (auto v = ctx.system.GetEnv("NVIDIA_VISIBLE_DEVICES"); v && (*v == "void" || *v == "none" || v->empty()))
    r.Fail("NVIDIA_VISIBLE_DEVICES=" + *v + " hides every GPU from the container", Failure::kCannotRun);
  if (auto v = ctx.system.GetEnv("CUDA_VISIBLE_DEVICES"); v) r.Note("CUDA_VISIBLE_DEVICES=" + *v);

  int numbered = 0;
  bool ctl = false, uvm = false;
  for (const auto& name : ctx.system.ListNvidiaDevices()) {
    if (name == "nvidiactl") ctl = true;
    if (name == "nvidia-uvm") uvm = true;
    if (name.size() > 6 &&
        std::all_of(name.begin() + 6, name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      ++numbered;
  }
  r.metrics["dev_nvidia_gpus"] = numbered;
  r.metrics["variables_flagged"] = flagged;
  if (!ctl)
    r.Fail("/dev/nvidiactl is missing: the NVIDIA container runtime did not set up this container",
           Failure::kCannotRun);
  if (!uvm)
    r.Fail("/dev/nvidia-uvm is missing: CUDA cannot allocate unified memory (nvidia-uvm module not loaded?)",
           Failure::kCannotRun);
  const int want = ctx.options.expect_gpus.value_or(static_cast<int>(ctx.discovery.gpus.size()));
  if (numbered < want)
    r.Fail(std::to_string(numbered) + " /dev/nvidiaN device(s), fewer than the " + std::to_string(want) +
           " GPUs expected");
  r.measured = std::to_string(numbered) + " /dev/nvidiaN, " + std::to_string(flagged) + " variables flagged";
  r.expected = ">= " + std::to_string(want) + " /dev/nvidiaN, nvidiactl, nvidia-uvm; no breaking variables";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
