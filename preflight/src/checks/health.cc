// health: the GPU's own error records through NVML, judged with DCGM's and
// Azure's thresholds (see thresholds.h for the sources).
#include <algorithm>

#include "../checks.h"
#include "../context.h"
#include "../format.h"
#include "../thresholds.h"
#include "judge.h"

namespace mlspec::preflight {

// Shared with post-deltas: judges one snapshot. Returns nothing; adds
// findings to `r`.
void JudgeHealth(CheckResult& r, const std::string& tag, const HealthSnapshot& h, uint64_t max_sram_corrected) {
  namespace t = thresholds;
  const uint64_t sbe = h.retired_pages_sbe.value_or(0), dbe = h.retired_pages_dbe.value_or(0);
  if (h.retired_pages_sbe || h.retired_pages_dbe) {
    r.metrics[tag + ".retired_pages"] = static_cast<double>(sbe + dbe);
    if (sbe + dbe >= t::kMaxRetiredPages)
      r.Fail(tag + ": " + std::to_string(sbe + dbe) + " retired pages (DCGM limit " +
             std::to_string(t::kMaxRetiredPages) + ")");
    else if (dbe >= t::kMaxRetiredPagesDbe)
      r.Fail(tag + ": " + std::to_string(dbe) + " pages retired for double-bit errors (DCGM soft limit " +
             std::to_string(t::kMaxRetiredPagesDbe) + ")");
  }
  if (h.retirement_pending.value_or(false))
    r.Fail(tag + ": page retirement pending (reset the GPU; DCGM and Azure fail this)");
  if (h.remapped_rows_uncorrectable) {
    r.metrics[tag + ".remapped_rows_uncorrectable"] = static_cast<double>(*h.remapped_rows_uncorrectable);
    if (*h.remapped_rows_uncorrectable > t::kMaxUncorrectableRemappedRows)
      r.Fail(tag + ": " + std::to_string(*h.remapped_rows_uncorrectable) +
             " rows remapped for uncorrectable errors (Azure limit " +
             std::to_string(t::kMaxUncorrectableRemappedRows) + ")");
  }
  if (h.remap_pending.value_or(false)) r.Fail(tag + ": row remap pending (reset the GPU to apply it)");
  if (h.remap_failure.value_or(false)) r.Fail(tag + ": row remapping failed in the past (replace the GPU)");
  if (h.ecc_volatile_uncorrected && *h.ecc_volatile_uncorrected > 0)
    r.Fail(tag + ": " + std::to_string(*h.ecc_volatile_uncorrected) +
           " uncorrectable ECC errors since the driver loaded");
  const uint64_t sram_unc = std::max(h.sram_uncorrected_volatile.value_or(0), h.sram_uncorrected_aggregate.value_or(0));
  if (sram_unc > 0) r.Fail(tag + ": " + std::to_string(sram_unc) + " uncorrectable SRAM ECC errors");
  if (h.sram_corrected_aggregate && *h.sram_corrected_aggregate > max_sram_corrected)
    r.Fail(tag + ": " + std::to_string(*h.sram_corrected_aggregate) + " correctable SRAM ECC errors (limit " +
           std::to_string(max_sram_corrected) + ")");
  if (h.inforom_valid && !*h.inforom_valid) r.Fail(tag + ": InfoROM is corrupted");
}

CheckResult RunHealth(Context& ctx) {
  CheckResult r;
  r.id = "health";
  if (!ctx.nvml_ok) return CheckResult::Skipped(r.id, "NVML unavailable: " + ctx.nvml_reason);
  r.expected = "no pending retirement/remap, no remap failure, < 60 retired pages, no uncorrectable ECC, valid InfoROM";
  int clean = 0;
  for (const auto& g : ctx.discovery.gpus) {
    const std::string tag = GpuTag(g.index);
    auto h = ctx.telemetry.Health(g.pci_bus_id);
    if (!h.ok()) {
      r.Fail(tag + ": NVML health query failed: " + h.error().ToString());
      continue;
    }
    const size_t before = r.findings.size();
    JudgeHealth(r, tag, h.value(), ctx.options.max_sram_corrected);
    if (r.findings.size() == before) ++clean;
  }
  r.measured = std::to_string(clean) + " of " + std::to_string(ctx.discovery.gpus.size()) + " GPUs clean";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
