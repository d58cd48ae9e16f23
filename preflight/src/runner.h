// Runs the selected checks in order, each under its own watchdog and the
// overall --timeout, and collects a RunReport.
#ifndef MLSPEC_PREFLIGHT_RUNNER_H_
#define MLSPEC_PREFLIGHT_RUNNER_H_

#include <string>
#include <vector>

#include "check_result.h"
#include "context.h"
#include "device.h"
#include "options.h"
#include "watchdog.h"

namespace mlspec::preflight {

struct RunReport {
  std::vector<CheckResult> checks;  // the selected checks, in run order
  Discovery discovery;
  bool discovery_ok = false;
  std::string discovery_error;  // with the likely cause
  bool discovery_cannot_run = false;
  bool nvml_ok = false;
  std::string nvml_reason;
  bool watchdog_fired = false;
  std::vector<std::string> watchdog_events;  // "gemm did not finish within 90 s"
  double seconds = 0;
};

class Runner {
 public:
  Runner(const Options& options, Device& device, Telemetry& telemetry, SystemProbe& system);
  // Not copyable.
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  RunReport Run();

  // Tests: wait for workers a watchdog abandoned (after releasing the hang).
  void JoinAbandoned() { watchdog_.JoinAbandoned(); }

 private:
  std::chrono::milliseconds Budget(double check_seconds) const;
  void TakeBaseline(RunReport& report);

  const Options& options_;
  Context ctx_;
  Watchdog watchdog_;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_RUNNER_H_
