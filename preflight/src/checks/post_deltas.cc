// post-deltas: after the load, what changed since the baseline the runner
// took before it — new ECC errors, pending retirements/remaps, new Xids,
// PCIe replay and NVLink error counters.
#include <algorithm>

#include "../checks.h"
#include "../context.h"
#include "../format.h"
#include "../thresholds.h"
#include "judge.h"

namespace mlspec::preflight {
namespace {

uint64_t Delta(const std::optional<uint64_t>& after, const std::optional<uint64_t>& before) {
  if (!after || !before || *after < *before) return 0;
  return *after - *before;
}

}  // namespace

CheckResult RunPostDeltas(Context& ctx) {
  CheckResult r;
  r.id = "post-deltas";
  if (!ctx.baseline_taken) return CheckResult::Skipped(r.id, "no baseline was taken before the load");
  const double minutes = std::max(
      1.0 / 60, std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.baseline_time).count() / 60);
  int compared = 0;

  if (ctx.nvml_ok) {
    for (const auto& g : ctx.discovery.gpus) {
      const std::string tag = GpuTag(g.index);
      auto it = ctx.baseline_health.find(g.pci_bus_id);
      if (it == ctx.baseline_health.end()) continue;
      auto now = ctx.telemetry.Health(g.pci_bus_id);
      if (!now.ok()) {
        r.Fail(tag + ": NVML health query failed after the load: " + now.error().ToString());
        continue;
      }
      ++compared;
      const HealthSnapshot& b = it->second;
      const HealthSnapshot& a = now.value();
      if (uint64_t d = Delta(a.ecc_volatile_uncorrected, b.ecc_volatile_uncorrected); d > 0)
        r.Fail(tag + ": " + std::to_string(d) + " new uncorrectable ECC errors under load");
      if (uint64_t d = Delta(a.sram_uncorrected_volatile, b.sram_uncorrected_volatile); d > 0)
        r.Fail(tag + ": " + std::to_string(d) + " new uncorrectable SRAM ECC errors under load");
      if (uint64_t d = Delta(a.ecc_volatile_corrected, b.ecc_volatile_corrected); d > 0)
        r.Note(tag + ": " + std::to_string(d) + " new correctable ECC errors under load");
      if (a.retirement_pending.value_or(false) && !b.retirement_pending.value_or(false))
        r.Fail(tag + ": page retirement became pending under load");
      if (a.remap_pending.value_or(false) && !b.remap_pending.value_or(false))
        r.Fail(tag + ": row remap became pending under load");
      if (a.remap_failure.value_or(false) && !b.remap_failure.value_or(false))
        r.Fail(tag + ": row remapping failed under load");
      if (uint64_t d = Delta(a.retired_pages_dbe, b.retired_pages_dbe); d > 0)
        r.Fail(tag + ": " + std::to_string(d) + " pages newly retired for double-bit errors");
      const uint64_t replays = Delta(a.pcie_replay_counter, b.pcie_replay_counter);
      r.metrics[tag + ".pcie_replays"] = static_cast<double>(replays);
      if (replays / minutes > thresholds::kMaxPcieReplaysPerMinute)
        r.Fail(tag + ": " + Fixed(replays / minutes) + " PCIe replays per minute (DCGM limit " +
               Fixed(thresholds::kMaxPcieReplaysPerMinute, 0) + ")");
      uint64_t rec_b = 0, rec_a = 0, crc_b = 0, crc_a = 0;
      for (const auto& l : b.nvlinks) rec_b += l.recovery, crc_b += l.crc_data + l.crc_flit;
      for (const auto& l : a.nvlinks) rec_a += l.recovery, crc_a += l.crc_data + l.crc_flit;
      if (rec_a > rec_b) r.Fail(tag + ": " + std::to_string(rec_a - rec_b) + " new NVLink recovery errors");
      if (crc_a > crc_b && (crc_a - crc_b) / (minutes * 60) > thresholds::kMaxNvLinkCrcPerSecond)
        r.Fail(tag + ": NVLink CRC error rate above 100/s");
      int active_b = 0, active_a = 0;
      for (const auto& l : b.nvlinks) active_b += l.active;
      for (const auto& l : a.nvlinks) active_a += l.active;
      if (active_a < active_b)
        r.Fail(tag + ": " + std::to_string(active_b - active_a) + " NVLink(s) went down under load");
    }
  } else {
    r.Note("NVML unavailable: counters not compared");
  }

  if (ctx.baseline_kmsg_sequence) {
    auto lines = ctx.system.ReadKernelLog();
    if (lines.ok()) {
      std::vector<XidEvent> fresh;
      for (auto& e : ParseXidLog(lines.value()))
        if (e.sequence > *ctx.baseline_kmsg_sequence) fresh.push_back(std::move(e));
      r.metrics["new_xid_events"] = static_cast<double>(fresh.size());
      JudgeXids(r, fresh, ctx.options.fatal_xids, "during this run");
    } else {
      r.Note("kernel log unreadable after the load: " + lines.error().message);
    }
  } else {
    r.Note("no kernel-log baseline (" + ctx.baseline_kmsg_error + "): new Xids not checked");
  }
  if (!ctx.nvml_ok && !ctx.baseline_kmsg_sequence)
    return CheckResult::Skipped(r.id, "neither NVML nor the kernel log is available");
  r.measured = std::to_string(compared) + " GPUs compared against the pre-load baseline";
  r.expected = "no new ECC errors, retirements, remaps, fatal Xids; PCIe replays <= 8/min; no NVLink recovery";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
