// p2p: with 2+ GPUs, NVLink state of every link, peer copy bandwidth per
// pair (unidirectional and bidirectional), NVLink CRC/replay/recovery
// counters before and after.
#include <algorithm>
#include <chrono>

#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"
#include "../thresholds.h"

namespace mlspec::preflight {
namespace {

struct LinkTotals {
  uint64_t crc = 0, recovery = 0, replay = 0;
  int active = 0, inactive = 0;
};

LinkTotals Totals(const HealthSnapshot& h) {
  LinkTotals t;
  for (const auto& l : h.nvlinks) {
    t.crc += l.crc_data + l.crc_flit;
    t.recovery += l.recovery;
    t.replay += l.replay;
    (l.active ? t.active : t.inactive)++;
  }
  return t;
}

}  // namespace

CheckResult RunP2p(Context& ctx) {
  CheckResult r;
  r.id = "p2p";
  const auto& gpus = ctx.discovery.gpus;
  if (gpus.size() < 2) return CheckResult::Skipped(r.id, "fewer than 2 GPUs");
  constexpr uint64_t kBytes = 256ull << 20;

  std::vector<std::optional<LinkTotals>> before(gpus.size());
  if (ctx.nvml_ok) {
    int most_active = 0;
    for (size_t i = 0; i < gpus.size(); ++i) {
      auto h = ctx.telemetry.Health(gpus[i].pci_bus_id);
      if (!h.ok()) continue;
      before[i] = Totals(h.value());
      most_active = std::max(most_active, before[i]->active);
    }
    // A GPU with NVLink should have every link up, and as many as its peers.
    for (size_t i = 0; i < gpus.size(); ++i) {
      if (!before[i] || most_active == 0) continue;
      const std::string tag = GpuTag(gpus[i].index);
      r.metrics[tag + ".nvlinks_active"] = before[i]->active;
      if (before[i]->inactive > 0 || before[i]->active < most_active)
        r.Fail(tag + ": " + std::to_string(before[i]->active) + " NVLinks active, " +
               std::to_string(before[i]->inactive) + " down (peers have " + std::to_string(most_active) + ")");
    }
  } else {
    r.Note("NVML unavailable: NVLink state and error counters not checked");
  }

  const auto start = std::chrono::steady_clock::now();
  std::vector<double> uni;
  std::vector<std::string> pair_names;
  for (size_t a = 0; a < gpus.size(); ++a) {
    for (size_t b = a + 1; b < gpus.size(); ++b) {
      const std::string name = GpuTag(gpus[a].index) + "-" + GpuTag(gpus[b].index);
      auto can = ctx.device.CanAccessPeer(gpus[a].index, gpus[b].index);
      if (!can.ok()) {
        r.Fail(DescribeError(name, can.error()), FailureFor(can.error()));
        continue;
      }
      if (!can.value()) {
        r.Note(name + ": no peer access (PCIe topology or ACS); copies go through the host");
        continue;
      }
      auto bw = ctx.device.RunPeer(gpus[a].index, gpus[b].index, kBytes);
      if (!bw.ok()) {
        r.Fail(DescribeError(name, bw.error()), FailureFor(bw.error()));
        continue;
      }
      r.metrics[name + ".unidirectional_gbps"] = bw.value().unidirectional_gbps;
      r.metrics[name + ".bidirectional_gbps"] = bw.value().bidirectional_gbps;
      uni.push_back(bw.value().unidirectional_gbps);
      pair_names.push_back(name);
    }
  }
  const double seconds =
      std::max(1e-3, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  if (uni.size() >= 2) {
    std::vector<double> sorted = uni;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    r.metrics["median_unidirectional_gbps"] = median;
    for (size_t i = 0; i < uni.size(); ++i)
      if (uni[i] < median * (1 - thresholds::kMaxPeerBelowMedian))
        r.Fail(pair_names[i] + ": " + Fixed(uni[i]) + " GB/s is more than " + Percent(thresholds::kMaxPeerBelowMedian) +
               " below the median pair " + Fixed(median) + " GB/s");
  }

  if (ctx.nvml_ok) {
    for (size_t i = 0; i < gpus.size(); ++i) {
      if (!before[i]) continue;
      auto h = ctx.telemetry.Health(gpus[i].pci_bus_id);
      if (!h.ok()) continue;
      const LinkTotals after = Totals(h.value());
      const std::string tag = GpuTag(gpus[i].index);
      const uint64_t crc = after.crc - std::min(after.crc, before[i]->crc);
      const uint64_t rec = after.recovery - std::min(after.recovery, before[i]->recovery);
      r.metrics[tag + ".nvlink_crc_delta"] = static_cast<double>(crc);
      r.metrics[tag + ".nvlink_recovery_delta"] = static_cast<double>(rec);
      if (rec >= thresholds::kMaxNvLinkRecoveryErrors)
        r.Fail(tag + ": " + std::to_string(rec) + " NVLink recovery errors during peer copies");
      if (crc / seconds > thresholds::kMaxNvLinkCrcPerSecond)
        r.Fail(tag + ": " + Fixed(crc / seconds) + " NVLink CRC errors/s during peer copies (DCGM: matters at 100+/s)");
    }
  }
  r.measured = std::to_string(uni.size()) + " peer pairs measured" +
               (uni.empty() ? "" : ", min " + Fixed(*std::min_element(uni.begin(), uni.end())) + " GB/s");
  r.expected = "all NVLinks up, pairs within " + Percent(thresholds::kMaxPeerBelowMedian) +
               " of the median, no NVLink recovery errors";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
