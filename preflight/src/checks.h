// The list of checks: one entry per check, in run order, with its metadata
// beside the function. Registration is this explicit table (no static
// initializers that a static library could drop).
#ifndef MLSPEC_PREFLIGHT_CHECKS_H_
#define MLSPEC_PREFLIGHT_CHECKS_H_

#include <string_view>
#include <vector>

#include "check_result.h"

namespace mlspec::preflight {

struct Context;
using CheckFn = CheckResult (*)(Context&);

struct CheckInfo {
  std::string_view id;
  std::string_view summary;
  bool quick;                // part of --quick
  bool needs_gpu;            // SKIP when discovery found no GPU
  bool loads_gpu;            // runs work on the GPUs (post-deltas baseline is taken before the first)
  double default_timeout_s;  // its watchdog
  CheckFn run;
};

// All checks, in run order (cheap inventory first, docs/preflight.md).
const std::vector<CheckInfo>& AllChecks();
const CheckInfo* FindCheck(std::string_view id);

// The check functions (one file each, checks/<id>.cc).
CheckResult RunInventory(Context& ctx);
CheckResult RunHealth(Context& ctx);
CheckResult RunXid(Context& ctx);
CheckResult RunEnv(Context& ctx);
CheckResult RunComputeCorrectness(Context& ctx);
CheckResult RunMemoryIntegrity(Context& ctx);
CheckResult RunMemoryBandwidth(Context& ctx);
CheckResult RunGemm(Context& ctx);
CheckResult RunPcie(Context& ctx);
CheckResult RunP2p(Context& ctx);
CheckResult RunPostDeltas(Context& ctx);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_CHECKS_H_
