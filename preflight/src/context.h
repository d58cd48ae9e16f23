// What a check may use: the options, the three interfaces to the node, what
// discovery found, and the baseline taken before any load (for post-deltas).
#ifndef MLSPEC_PREFLIGHT_CONTEXT_H_
#define MLSPEC_PREFLIGHT_CONTEXT_H_

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "device.h"
#include "options.h"
#include "system_probe.h"
#include "telemetry.h"

namespace mlspec::preflight {

struct Context {
  Context(const Options& o, Device& d, Telemetry& t, SystemProbe& s) : options(o), device(d), telemetry(t), system(s) {}
  // Not copyable.
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Options& options;
  Device& device;
  Telemetry& telemetry;
  SystemProbe& system;

  Discovery discovery;      // filled by the runner before any check
  bool nvml_ok = false;     // Telemetry::Available() succeeded
  std::string nvml_reason;  // why not, when not

  // Baseline for post-deltas, taken by the runner before the load checks.
  bool baseline_taken = false;
  std::map<std::string, HealthSnapshot> baseline_health;  // by PCI bus id
  std::optional<uint64_t> baseline_kmsg_sequence;
  std::string baseline_kmsg_error;
  std::chrono::steady_clock::time_point baseline_time{};
};

// Runs fn(gpu) for every discovered GPU on its own thread (GPUs are tested
// in parallel) and returns the results in GPU order.
template <class R>
std::vector<R> ForEachGpu(const Context& ctx, const std::function<R(const GpuProperties&)>& fn);

// Calls `sample` every `period` on a background thread while `work` runs.
void SampleWhile(const std::function<void()>& work, const std::function<void()>& sample,
                 std::chrono::milliseconds period);

}  // namespace mlspec::preflight

#include <thread>

namespace mlspec::preflight {

template <class R>
std::vector<R> ForEachGpu(const Context& ctx, const std::function<R(const GpuProperties&)>& fn) {
  const auto& gpus = ctx.discovery.gpus;
  std::vector<R> out(gpus.size());
  std::vector<std::thread> threads;
  threads.reserve(gpus.size());
  for (size_t i = 0; i < gpus.size(); ++i) threads.emplace_back([&, i] { out[i] = fn(gpus[i]); });
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_CONTEXT_H_
