// pcie: pinned host<->device copies per GPU, then on all GPUs at once; the
// negotiated link versus its maximum. GPUs drop the link speed when idle,
// so the link is sampled while the copies run and the best sample counts.
#include <algorithm>
#include <mutex>

#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"
#include "../thresholds.h"

namespace mlspec::preflight {

CheckResult RunPcie(Context& ctx) {
  CheckResult r;
  r.id = "pcie";
  const auto& gpus = ctx.discovery.gpus;
  constexpr uint64_t kBytes = 256ull << 20;

  struct Link {
    unsigned gen = 0, width = 0, max_gen = 0, max_width = 0;
    bool seen = false;
  };
  std::vector<Link> links(gpus.size());
  std::mutex mu;
  auto sample = [&] {
    if (!ctx.nvml_ok) return;
    for (size_t i = 0; i < gpus.size(); ++i) {
      auto h = ctx.telemetry.Health(gpus[i].pci_bus_id);
      if (!h.ok() || !h.value().pcie_gen_current || !h.value().pcie_width_current) continue;
      std::lock_guard<std::mutex> lock(mu);
      Link& l = links[i];
      l.seen = true;
      l.gen = std::max(l.gen, *h.value().pcie_gen_current);
      l.width = std::max(l.width, *h.value().pcie_width_current);
      l.max_gen = h.value().pcie_gen_max.value_or(l.max_gen);
      l.max_width = h.value().pcie_width_max.value_or(l.max_width);
    }
  };

  std::vector<std::optional<Expected<CopyBandwidth>>> alone(gpus.size());
  SampleWhile(
      [&] {
        for (size_t i = 0; i < gpus.size(); ++i) alone[i] = ctx.device.RunPcie(gpus[i].index, kBytes);
      },
      sample, std::chrono::milliseconds(50));

  std::vector<int> indices;
  for (const auto& g : gpus) indices.push_back(g.index);
  std::optional<Expected<std::vector<CopyBandwidth>>> together;
  if (gpus.size() > 1) together = ctx.device.RunPcieConcurrent(indices, kBytes);

  double worst = -1;
  for (size_t i = 0; i < gpus.size(); ++i) {
    const std::string tag = GpuTag(gpus[i].index);
    const auto& a = *alone[i];
    if (!a.ok()) {
      r.Fail(DescribeError(tag, a.error()), FailureFor(a.error()));
      continue;
    }
    const double slow = std::min(a.value().h2d_gbps, a.value().d2h_gbps);
    r.metrics[tag + ".h2d_gbps"] = a.value().h2d_gbps;
    r.metrics[tag + ".d2h_gbps"] = a.value().d2h_gbps;
    const Link& l = links[i];
    if (!l.seen) {
      r.Note(tag + ": link generation/width unknown (NVML unavailable); bandwidth not judged");
      continue;
    }
    r.metrics[tag + ".link_gen"] = l.gen;
    r.metrics[tag + ".link_width"] = l.width;
    if (l.max_gen > 0 && l.gen < l.max_gen)
      r.Fail(tag + ": PCIe link trained at Gen" + std::to_string(l.gen) + ", maximum Gen" + std::to_string(l.max_gen));
    if (l.max_width > 0 && l.width < l.max_width)
      r.Fail(tag + ": PCIe link trained at x" + std::to_string(l.width) + ", maximum x" + std::to_string(l.max_width));
    const double ceiling =
        thresholds::PcieLaneGBps(l.max_gen ? l.max_gen : l.gen) * (l.max_width ? l.max_width : l.width);
    if (ceiling > 0) {
      const double frac = slow / ceiling;
      r.metrics[tag + ".fraction_of_ceiling"] = frac;
      worst = worst < 0 ? frac : std::min(worst, frac);
      if (frac < ctx.options.min_pcie)
        r.Fail(tag + ": " + Fixed(slow) + " GB/s is " + Percent(frac) + " of the " + Fixed(ceiling) +
               " GB/s per-direction ceiling of Gen" + std::to_string(l.max_gen) + " x" + std::to_string(l.max_width) +
               ", under the " + Percent(ctx.options.min_pcie) + " floor");
    }
  }
  if (together) {
    if (!together->ok()) {
      r.Fail(DescribeError("all GPUs", together->error()), FailureFor(together->error()));
    } else {
      double sum = 0;
      for (size_t i = 0; i < together->value().size() && i < gpus.size(); ++i) {
        const auto& c = together->value()[i];
        r.metrics[GpuTag(gpus[i].index) + ".concurrent_h2d_gbps"] = c.h2d_gbps;
        r.metrics[GpuTag(gpus[i].index) + ".concurrent_d2h_gbps"] = c.d2h_gbps;
        sum += std::min(c.h2d_gbps, c.d2h_gbps);
      }
      r.metrics["concurrent_total_gbps"] = sum;
      r.Note("all GPUs at once: " + Fixed(sum) + " GB/s total (slower direction); shared uplinks lower this");
    }
  }
  r.measured = worst >= 0 ? "worst " + Percent(worst) + " of link ceiling" : "link not measured";
  r.expected = "links at maximum generation and width, >= " + Percent(ctx.options.min_pcie) + " of the ceiling";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
