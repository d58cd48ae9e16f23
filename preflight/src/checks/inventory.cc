// inventory: is this the node the spec promised? Count, product, memory,
// compute capability, driver versus runtime, ECC/persistence/MIG modes, and
// no foreign compute processes.
#include <set>

#include "../checks.h"
#include "../context.h"
#include "../format.h"
#include "../thresholds.h"

namespace mlspec::preflight {
namespace {

std::string CudaVersion(int v) { return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10); }

void Judge(CheckResult& r, const char* what, Expectation want, const std::optional<bool>& have, int gpu) {
  if (want == Expectation::kAny || !have) return;
  bool on = want == Expectation::kOn;
  if (*have != on)
    r.Fail(GpuTag(gpu) + ": " + what + " is " + (*have ? "on" : "off") + ", the pool expects " + (on ? "on" : "off"));
}

}  // namespace

CheckResult RunInventory(Context& ctx) {
  CheckResult r;
  r.id = "inventory";
  const Options& o = ctx.options;
  const Discovery& d = ctx.discovery;
  const size_t n = d.gpus.size();

  r.measured = std::to_string(n) + " GPU" + (n == 1 ? "" : "s");
  if (n > 0) r.measured += ", " + d.gpus[0].name;
  r.expected = o.expect_gpus ? std::to_string(*o.expect_gpus) + " GPUs" : ">= 1 GPU";
  if (!o.expect_product.empty()) r.expected += ", " + o.expect_product;
  if (o.expect_memory_bytes) r.expected += ", " + o.expect_memory_text + " each";
  r.metrics["gpus"] = static_cast<double>(n);
  r.metrics["driver_cuda_version"] = d.driver_cuda_version;
  r.metrics["runtime_cuda_version"] = d.runtime_cuda_version;

  // Zero GPUs is never a pass (deviceQuery prints PASS here; we do not).
  if (n == 0) {
    r.Fail(
        "no GPU visible to CUDA; likely cause: the pod got no GPU (nvidia.com/gpu limit, device plugin) or "
        "NVIDIA_VISIBLE_DEVICES hides them",
        Failure::kCannotRun);
    r.Finish();
    return r;
  }
  if (o.expect_gpus && static_cast<int>(n) != *o.expect_gpus)
    r.Fail("found " + std::to_string(n) + " GPUs, the pool expects " + std::to_string(*o.expect_gpus));

  if (d.driver_cuda_version < d.runtime_cuda_version)
    r.Fail("driver supports CUDA " + CudaVersion(d.driver_cuda_version) + ", older than this binary's runtime " +
               CudaVersion(d.runtime_cuda_version),
           Failure::kCannotRun);
  r.Note("driver CUDA " + CudaVersion(d.driver_cuda_version) + ", runtime CUDA " + CudaVersion(d.runtime_cuda_version));

  std::set<std::string> names;
  for (const auto& g : d.gpus) {
    names.insert(g.name);
    const std::string tag = GpuTag(g.index);
    ManagementInfo info;
    if (ctx.nvml_ok) {
      auto i = ctx.telemetry.Info(g.pci_bus_id);
      if (i.ok()) info = i.value();
      else r.Note(tag + ": NVML info unavailable: " + i.error().ToString());
    }
    r.Note(tag + ": " + g.name + " " + g.pci_bus_id + " sm_" + std::to_string(g.cc_major) + std::to_string(g.cc_minor) +
           " " + GiB(info.memory_total_bytes.value_or(g.total_memory_bytes)) +
           (info.driver_version ? " driver " + *info.driver_version : "") +
           (info.ecc_enabled ? std::string(" ECC ") + (*info.ecc_enabled ? "on" : "off") : "") +
           (info.persistence_mode ? std::string(" persistence ") + (*info.persistence_mode ? "on" : "off") : "") +
           (info.mig_enabled ? std::string(" MIG ") + (*info.mig_enabled ? "on" : "off") : ""));

    if (!o.expect_product.empty() && g.name != o.expect_product)
      r.Fail(tag + ": product is '" + g.name + "', the pool expects '" + o.expect_product + "'");

    if (o.expect_memory_bytes) {
      // NVML's total matches the catalog (e.g. 81920 MiB); CUDA's is a little
      // lower (driver reservations). Prefer NVML when present.
      const uint64_t have = info.memory_total_bytes.value_or(g.total_memory_bytes);
      const double ratio = static_cast<double>(have) / static_cast<double>(*o.expect_memory_bytes);
      r.metrics[tag + ".memory_ratio"] = ratio;
      if (ratio < 1 - thresholds::kMemoryLowTolerance || ratio > 1 + thresholds::kMemoryHighTolerance)
        r.Fail(tag + ": memory is " + GiB(have) + ", the pool expects " + o.expect_memory_text);
    }
    Judge(r, "ECC", o.expect_ecc, info.ecc_enabled, g.index);
    Judge(r, "MIG", o.expect_mig, info.mig_enabled, g.index);
    if (info.ecc_enabled && info.ecc_pending && *info.ecc_enabled != *info.ecc_pending)
      r.Fail(tag + ": ECC mode change pending (takes effect after a reboot)");
    if (info.mig_enabled && info.mig_pending && *info.mig_enabled != *info.mig_pending)
      r.Fail(tag + ": MIG mode change pending (needs a GPU reset)");
    if (info.compute_processes && *info.compute_processes > 0)
      r.Fail(tag + ": " + std::to_string(*info.compute_processes) + " foreign compute process(es) already on the GPU");
  }
  if (names.size() > 1) r.Fail("mixed GPU products on one node");
  if (!ctx.nvml_ok) r.Note("NVML unavailable (" + ctx.nvml_reason + "): ECC, MIG, processes not checked");
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
