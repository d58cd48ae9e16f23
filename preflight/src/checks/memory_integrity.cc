// memory-integrity: pattern tests over >= 90% of free memory on every GPU.
// Failing to allocate the target is FAIL, not PASS; so is an uncorrectable
// ECC error during the test.
#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"

namespace mlspec::preflight {

CheckResult RunMemoryIntegrity(Context& ctx) {
  CheckResult r;
  r.id = "memory-integrity";
  MemtestParams p;
  p.target_fraction = ctx.options.memtest_fraction;
  p.max_seconds = 60;

  std::vector<std::optional<uint64_t>> ecc_before(ctx.discovery.gpus.size());
  if (ctx.nvml_ok)
    for (size_t i = 0; i < ctx.discovery.gpus.size(); ++i)
      if (auto h = ctx.telemetry.Health(ctx.discovery.gpus[i].pci_bus_id); h.ok())
        ecc_before[i] = h.value().ecc_volatile_uncorrected;

  auto results = ForEachGpu<std::optional<Expected<MemtestResult>>>(
      ctx, [&](const GpuProperties& g) { return std::optional(ctx.device.RunMemtest(g.index, p)); });

  uint64_t tested = 0;
  int ok_gpus = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& res = *results[i];
    const auto& g = ctx.discovery.gpus[i];
    const std::string tag = GpuTag(g.index);
    if (!res.ok()) {
      r.Fail(DescribeError(tag, res.error()), FailureFor(res.error()));
      continue;
    }
    const MemtestResult& m = res.value();
    tested += m.allocated_bytes;
    r.metrics[tag + ".tested_bytes"] = static_cast<double>(m.allocated_bytes);
    r.metrics[tag + ".errors"] = static_cast<double>(m.errors);
    const size_t before = r.findings.size();
    if (m.allocated_bytes < m.target_bytes || m.target_bytes == 0)
      r.Fail(tag + ": allocated " + GiB(m.allocated_bytes) + " of the " + GiB(m.target_bytes) + " target (" +
             Percent(ctx.options.memtest_fraction) + " of " + GiB(m.free_bytes) + " free)");
    if (m.patterns_run < m.patterns_planned || m.patterns_planned == 0)
      r.Fail(tag + ": ran " + std::to_string(m.patterns_run) + " of " + std::to_string(m.patterns_planned) +
             " patterns before the time limit");
    if (m.errors > 0) r.Fail(tag + ": " + std::to_string(m.errors) + " memory errors; first: " + m.first_error);
    if (ctx.nvml_ok && ecc_before[i]) {
      if (auto h = ctx.telemetry.Health(g.pci_bus_id);
          h.ok() && h.value().ecc_volatile_uncorrected && *h.value().ecc_volatile_uncorrected > *ecc_before[i])
        r.Fail(tag + ": " + std::to_string(*h.value().ecc_volatile_uncorrected - *ecc_before[i]) +
               " new uncorrectable ECC errors during the test");
    }
    if (r.findings.size() == before) ++ok_gpus;
  }
  r.metrics["tested_bytes"] = static_cast<double>(tested);
  r.measured =
      std::to_string(ok_gpus) + " of " + std::to_string(results.size()) + " GPUs clean, " + GiB(tested) + " tested";
  r.expected = ">= " + Percent(ctx.options.memtest_fraction) + " of free memory per GPU, 0 errors";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
