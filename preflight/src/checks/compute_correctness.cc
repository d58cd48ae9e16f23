// compute-correctness: a context on every GPU and kernels whose results the
// host checks exactly; CUDA errors are mapped to likely causes.
#include "../checks.h"
#include "../context.h"
#include "../error_hints.h"
#include "../format.h"

namespace mlspec::preflight {

CheckResult RunComputeCorrectness(Context& ctx) {
  CheckResult r;
  r.id = "compute-correctness";
  auto results = ForEachGpu<std::optional<Expected<CorrectnessResult>>>(
      ctx, [&](const GpuProperties& g) { return std::optional(ctx.device.RunCorrectness(g.index)); });
  uint64_t checked = 0, bad = 0;
  int ok_gpus = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& res = *results[i];
    const std::string tag = GpuTag(ctx.discovery.gpus[i].index);
    if (!res.ok()) {
      r.Fail(DescribeError(tag, res.error()), FailureFor(res.error()));
      continue;
    }
    checked += res.value().values_checked;
    bad += res.value().mismatches;
    if (res.value().mismatches > 0)
      r.Fail(tag + ": " + std::to_string(res.value().mismatches) +
             " wrong results; first: " + res.value().first_mismatch);
    else if (res.value().values_checked == 0) r.Fail(tag + ": no results were checked");
    else ++ok_gpus;
  }
  r.metrics["values_checked"] = static_cast<double>(checked);
  r.metrics["mismatches"] = static_cast<double>(bad);
  r.measured = std::to_string(ok_gpus) + " of " + std::to_string(results.size()) + " GPUs exact, " +
               std::to_string(bad) + " mismatches in " + std::to_string(checked) + " values";
  r.expected = "every GPU computes every value exactly";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
