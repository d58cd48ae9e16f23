// The report: JSON on stdout (schema mlspec.io/preflight-report/v1), a
// human summary on stderr ending in "Result = PASS|FAIL", and a <= 4 KB
// verdict for /dev/termination-log. All deterministic for a given RunReport.
#ifndef MLSPEC_PREFLIGHT_REPORT_H_
#define MLSPEC_PREFLIGHT_REPORT_H_

#include <cstddef>
#include <string>

#include "options.h"
#include "runner.h"

namespace mlspec::preflight {

inline constexpr const char* kReportSchema = "mlspec.io/preflight-report/v1";
// Kubernetes caps a container's termination message at 4096 bytes.
inline constexpr size_t kTerminationLogLimit = 4096;

// 0 all passed; 3 a watchdog fired; 2 cannot run (no GPU, no driver, zero
// GPUs — never a pass); 1 any other FAIL.
int ExitCodeFor(const RunReport& report);

// The full report, pretty-printed JSON with sorted keys, ending in "\n".
std::string ReportJson(const RunReport& report, const Options& options, const std::string& version);

// One line per check, then "Result = PASS" or "Result = FAIL".
std::string SummaryText(const RunReport& report);

// Compact JSON verdict no longer than `limit` bytes: result, exit code and
// the failing checks, details shortened until it fits.
std::string TerminationMessage(const RunReport& report, size_t limit = kTerminationLogLimit);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_REPORT_H_
