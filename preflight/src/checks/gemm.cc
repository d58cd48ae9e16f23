// gemm: sustained cuBLAS GEMM on every GPU at once, results cross-checked,
// clocks-event reasons, temperature and power sampled through NVML.
#include <algorithm>
#include <mutex>

#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"
#include "../thresholds.h"

namespace mlspec::preflight {
namespace {

std::string ReasonNames(uint64_t bits) {
  std::string out;
  auto add = [&](uint64_t bit, const char* name) {
    if (bits & bit) out += (out.empty() ? "" : "+") + std::string(name);
  };
  add(kClocksEventHwSlowdown, "hw-slowdown");
  add(kClocksEventSwThermal, "sw-thermal");
  add(kClocksEventHwThermal, "hw-thermal");
  add(kClocksEventHwPowerBrake, "hw-power-brake");
  add(kClocksEventSwPowerCap, "sw-power-cap");
  return out.empty() ? "none" : out;
}

struct Samples {
  uint64_t reasons = 0;
  unsigned max_temp_c = 0;
  unsigned max_power_mw = 0;
  int count = 0;
};

}  // namespace

CheckResult RunGemm(Context& ctx) {
  CheckResult r;
  r.id = "gemm";
  const Options& o = ctx.options;
  GemmParams p;
  p.seconds = o.gemm_seconds;
  const auto& gpus = ctx.discovery.gpus;

  std::mutex mu;
  std::vector<Samples> samples(gpus.size());
  std::vector<std::optional<Expected<GemmResult>>> results;
  auto work = [&] {
    results = ForEachGpu<std::optional<Expected<GemmResult>>>(
        ctx, [&](const GpuProperties& g) { return std::optional(ctx.device.RunGemm(g.index, p)); });
  };
  auto sample = [&] {
    if (!ctx.nvml_ok) return;
    for (size_t i = 0; i < gpus.size(); ++i) {
      auto c = ctx.telemetry.Clocks(gpus[i].pci_bus_id);
      if (!c.ok()) continue;
      std::lock_guard<std::mutex> lock(mu);
      Samples& s = samples[i];
      s.reasons |= c.value().event_reasons;
      s.max_temp_c = std::max(s.max_temp_c, c.value().temperature_c.value_or(0));
      s.max_power_mw = std::max(s.max_power_mw, c.value().power_mw.value_or(0));
      ++s.count;
    }
  };
  SampleWhile(work, sample, std::chrono::milliseconds(200));

  double lo = -1;
  std::string dtype;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& res = *results[i];
    const std::string tag = GpuTag(gpus[i].index);
    if (!res.ok()) {
      r.Fail(DescribeError(tag, res.error()), FailureFor(res.error()));
      continue;
    }
    const GemmResult& g = res.value();
    dtype = g.dtype;
    r.metrics[tag + ".tflops"] = g.tflops;
    r.metrics[tag + ".iterations"] = static_cast<double>(g.iterations);
    lo = lo < 0 ? g.tflops : std::min(lo, g.tflops);
    if (g.miscompares > 0)
      r.Fail(tag + ": " + std::to_string(g.miscompares) + " GEMM results differ from the verified first result");
    if (g.nans > 0) r.Fail(tag + ": " + std::to_string(g.nans) + " NaN/Inf values in GEMM output");
    if (g.iterations == 0) r.Fail(tag + ": no GEMM iteration completed");
    if (o.peak_tflops > 0) {
      const double frac = g.tflops / o.peak_tflops;
      r.metrics[tag + ".fraction_of_peak"] = frac;
      if (frac < o.min_gemm)
        r.Fail(tag + ": " + Fixed(g.tflops) + " TFLOP/s " + g.dtype + " is " + Percent(frac) + " of the " +
               Fixed(o.peak_tflops, 0) + " TFLOP/s peak, under the " + Percent(o.min_gemm) + " floor");
    }
    const Samples& s = samples[i];
    if (s.count > 0) {
      r.metrics[tag + ".max_temperature_c"] = s.max_temp_c;
      r.metrics[tag + ".max_power_w"] = s.max_power_mw / 1000.0;
      if (s.reasons & thresholds::kFailingClockReasons)
        r.Fail(tag + ": clocks slowed during GEMM: " + ReasonNames(s.reasons & thresholds::kFailingClockReasons) +
               " (max " + std::to_string(s.max_temp_c) + " C, " + Fixed(s.max_power_mw / 1000.0) + " W)");
      else
        r.Note(tag + ": clocks-event reasons " + ReasonNames(s.reasons) + ", max " + std::to_string(s.max_temp_c) +
               " C, " + Fixed(s.max_power_mw / 1000.0) + " W");
    }
  }
  if (!ctx.nvml_ok) r.Note("NVML unavailable: clocks-event reasons not sampled");
  if (lo >= 0)
    r.measured = "min " + Fixed(lo) + " TFLOP/s " + dtype +
                 (o.peak_tflops > 0 ? " (" + Percent(lo / o.peak_tflops) + " of peak)" : "");
  r.expected = o.peak_tflops > 0 ? ">= " + Percent(o.min_gemm) + " of " + Fixed(o.peak_tflops, 0) +
                                       " TFLOP/s, exact results, no hardware/thermal slowdown"
                                 : "exact results, no hardware/thermal slowdown (no --peak-tflops given)";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
