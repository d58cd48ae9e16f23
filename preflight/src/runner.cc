#include "runner.h"

#include <algorithm>

#include "checks.h"
#include "error_hints.h"
#include "format.h"
#include "xid.h"

namespace mlspec::preflight {
namespace {

constexpr double kNvmlInitSeconds = 15;
constexpr double kDiscoverySeconds = 30;
constexpr double kBaselineSeconds = 30;

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Runner::Runner(const Options& options, Device& device, Telemetry& telemetry, SystemProbe& system)
    : options_(options), ctx_(options, device, telemetry, system) {}

std::chrono::milliseconds Runner::Budget(double check_seconds) const {
  const double want = options_.check_timeout_s.value_or(check_seconds);
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  return std::max(std::chrono::milliseconds(0),
                  std::min(std::chrono::milliseconds(static_cast<int64_t>(want * 1000)), left));
}

void Runner::TakeBaseline(RunReport& report) {
  struct Baseline {
    std::map<std::string, HealthSnapshot> health;
    std::optional<uint64_t> kmsg;
    std::string kmsg_error;
  };
  Context& ctx = ctx_;
  auto taken = watchdog_.Run<Baseline>(
      [&ctx] {
        Baseline b;
        if (ctx.nvml_ok)
          for (const auto& g : ctx.discovery.gpus)
            if (auto h = ctx.telemetry.Health(g.pci_bus_id); h.ok()) b.health[g.pci_bus_id] = h.value();
        auto lines = ctx.system.ReadKernelLog();
        if (lines.ok()) b.kmsg = LastSequence(lines.value());
        else b.kmsg_error = lines.error().message;
        return b;
      },
      Budget(kBaselineSeconds));
  if (!taken) {
    report.watchdog_fired = true;
    report.watchdog_events.push_back("post-deltas baseline did not finish within its watchdog");
    return;
  }
  ctx_.baseline_taken = true;
  ctx_.baseline_health = std::move(taken->health);
  ctx_.baseline_kmsg_sequence = taken->kmsg;
  ctx_.baseline_kmsg_error = taken->kmsg_error;
  ctx_.baseline_time = std::chrono::steady_clock::now();
}

RunReport Runner::Run() {
  RunReport report;
  const auto start = std::chrono::steady_clock::now();
  deadline_ = start + std::chrono::milliseconds(static_cast<int64_t>(options_.timeout_s * 1000));
  Context& ctx = ctx_;

  // NVML can hang on a broken GPU too; it gets its own watchdog.
  auto nvml = watchdog_.Run<std::pair<bool, std::string>>(
      [&ctx] {
        auto a = ctx.telemetry.Available();
        return a.ok() ? std::make_pair(true, std::string()) : std::make_pair(false, a.error().ToString());
      },
      Budget(kNvmlInitSeconds));
  if (!nvml) {
    report.watchdog_fired = true;
    report.watchdog_events.push_back("NVML initialization did not return within " + Fixed(kNvmlInitSeconds, 0) + " s");
    ctx_.nvml_reason = "NVML initialization hung";
  } else {
    ctx_.nvml_ok = nvml->first;
    ctx_.nvml_reason = nvml->second;
  }
  report.nvml_ok = ctx_.nvml_ok;
  report.nvml_reason = ctx_.nvml_reason;

  bool gpu_hung = false;
  std::optional<std::string> discovery_reported;
  std::string hung_in;
  auto discovered = watchdog_.Run<std::optional<Expected<Discovery>>>(
      [&ctx] { return std::optional(ctx.device.Discover()); }, Budget(kDiscoverySeconds));
  if (!discovered) {
    report.watchdog_fired = true;
    report.watchdog_events.push_back("GPU discovery did not return within " + Fixed(kDiscoverySeconds, 0) + " s");
    report.discovery_error = "GPU discovery hung (driver not responding)";
    gpu_hung = true;
    hung_in = "discovery";
  } else if (!(*discovered)->ok()) {
    const Error& e = (*discovered)->error();
    report.discovery_error = DescribeError("CUDA initialization", e);
    report.discovery_cannot_run = true;
  } else {
    report.discovery_ok = true;
    ctx_.discovery = (*discovered)->value();
    report.discovery = ctx_.discovery;
  }

  const bool wants_post =
      std::find(options_.checks.begin(), options_.checks.end(), "post-deltas") != options_.checks.end();
  for (const auto& id : options_.checks) {
    const CheckInfo* info = FindCheck(id);
    if (info == nullptr) continue;  // ParseArgs only lets known ids through
    if (gpu_hung && info->needs_gpu) {
      report.checks.push_back(
          CheckResult::Skipped(id, "not run: the watchdog fired in " + hung_in + " (GPU or driver hung)"));
      continue;
    }
    if (info->needs_gpu && !report.discovery_ok) {
      // The first GPU check carries the error; the rest point to it.
      if (!discovery_reported) {
        CheckResult r;
        r.id = std::string(id);
        r.Fail(report.discovery_error, Failure::kCannotRun);
        r.Finish();
        report.checks.push_back(std::move(r));
        discovery_reported = id;
      } else {
        report.checks.push_back(
            CheckResult::Skipped(id, "not run: CUDA initialization failed (see " + *discovery_reported + ")"));
      }
      continue;
    }
    if (info->needs_gpu && ctx_.discovery.gpus.empty() && id != "inventory") {
      report.checks.push_back(CheckResult::Skipped(id, "no GPU visible"));
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline_) {
      report.watchdog_fired = true;
      report.checks.push_back(CheckResult::Skipped(
          id, "not run: the overall --timeout of " + Fixed(options_.timeout_s, 0) + " s was reached"));
      continue;
    }
    if (info->loads_gpu && wants_post && !ctx_.baseline_taken) {
      TakeBaseline(report);
      if (report.watchdog_fired && !ctx_.baseline_taken) {
        gpu_hung = true;
        hung_in = "the post-deltas baseline";
        report.checks.push_back(CheckResult::Skipped(id, "not run: the watchdog fired in " + hung_in));
        continue;
      }
    }
    const auto budget = Budget(info->default_timeout_s);
    const auto t0 = std::chrono::steady_clock::now();
    CheckFn fn = info->run;
    auto result = watchdog_.Run<CheckResult>([fn, &ctx] { return fn(ctx); }, budget);
    if (!result) {
      CheckResult r;
      r.id = std::string(id);
      r.Fail("watchdog: did not finish within " + Fixed(budget.count() / 1000.0, 1) +
                 " s (GPU, driver or kernel log not responding)",
             Failure::kTimeout);
      r.Finish();
      r.seconds = Since(t0);
      report.watchdog_fired = true;
      report.watchdog_events.push_back(std::string(id) + " did not finish within " + Fixed(budget.count() / 1000.0, 1) +
                                       " s");
      report.checks.push_back(std::move(r));
      if (info->needs_gpu) {
        gpu_hung = true;
        hung_in = std::string(id);
      }
      continue;
    }
    result->id = std::string(id);
    result->seconds = Since(t0);
    report.checks.push_back(std::move(*result));
  }
  report.seconds = Since(start);
  return report;
}

}  // namespace mlspec::preflight
