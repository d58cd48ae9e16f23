// memory-bandwidth: best-of-N copy and triad over >= 1 GiB arrays per GPU,
// as a fraction of the catalog's peak and of the node's median.
#include <algorithm>

#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"
#include "../thresholds.h"

namespace mlspec::preflight {

CheckResult RunMemoryBandwidth(Context& ctx) {
  CheckResult r;
  r.id = "memory-bandwidth";
  const Options& o = ctx.options;
  BandwidthParams p;
  auto results = ForEachGpu<std::optional<Expected<BandwidthResult>>>(
      ctx, [&](const GpuProperties& g) { return std::optional(ctx.device.RunBandwidth(g.index, p)); });

  std::vector<double> best;
  std::vector<int> index;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& res = *results[i];
    const std::string tag = GpuTag(ctx.discovery.gpus[i].index);
    if (!res.ok()) {
      r.Fail(DescribeError(tag, res.error()), FailureFor(res.error()));
      continue;
    }
    const BandwidthResult& b = res.value();
    const double gbps = std::max(b.copy_gbps, b.triad_gbps);
    r.metrics[tag + ".copy_gbps"] = b.copy_gbps;
    r.metrics[tag + ".triad_gbps"] = b.triad_gbps;
    if (!b.verified) r.Fail(tag + ": copy/triad results were wrong (memory or compute fault)");
    if (o.peak_memory_bandwidth_gbps > 0) {
      const double frac = gbps / o.peak_memory_bandwidth_gbps;
      r.metrics[tag + ".fraction_of_peak"] = frac;
      if (frac < o.min_memory_bandwidth)
        r.Fail(tag + ": " + Fixed(gbps) + " GB/s is " + Percent(frac) + " of the " +
               Fixed(o.peak_memory_bandwidth_gbps, 0) + " GB/s peak, under the " + Percent(o.min_memory_bandwidth) +
               " floor");
    }
    best.push_back(gbps);
    index.push_back(ctx.discovery.gpus[i].index);
  }
  if (best.size() >= 2) {
    std::vector<double> sorted = best;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    r.metrics["median_gbps"] = median;
    for (size_t i = 0; i < best.size(); ++i)
      if (best[i] < median * (1 - thresholds::kMaxBelowMedian))
        r.Fail(GpuTag(index[i]) + ": " + Fixed(best[i]) + " GB/s is more than " + Percent(thresholds::kMaxBelowMedian) +
               " below the node median " + Fixed(median) + " GB/s");
  }
  if (!best.empty()) {
    const double lo = *std::min_element(best.begin(), best.end());
    r.metrics["min_gbps"] = lo;
    r.measured =
        "min " + Fixed(lo) + " GB/s" +
        (o.peak_memory_bandwidth_gbps > 0 ? " (" + Percent(lo / o.peak_memory_bandwidth_gbps) + " of peak)" : "");
  }
  r.expected =
      o.peak_memory_bandwidth_gbps > 0
          ? ">= " + Percent(o.min_memory_bandwidth) + " of " + Fixed(o.peak_memory_bandwidth_gbps, 0) +
                " GB/s, within " + Percent(thresholds::kMaxBelowMedian) + " of the node median"
          : "within " + Percent(thresholds::kMaxBelowMedian) + " of the node median (no --peak-memory-bandwidth given)";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
