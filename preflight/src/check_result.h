// The outcome of one check: {id, PASS|FAIL|SKIP, measured, expected, detail,
// seconds} plus numeric metrics and per-GPU findings for the report.
#ifndef MLSPEC_PREFLIGHT_CHECK_RESULT_H_
#define MLSPEC_PREFLIGHT_CHECK_RESULT_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mlspec::preflight {

enum class Verdict { kPass, kFail, kSkip };

// Why a FAIL is a FAIL; drives the exit code (see report.h).
enum class Failure {
  kNone,       // not failed
  kFault,      // hardware fault, mismatch with the spec, or below a floor -> exit 1
  kCannotRun,  // no GPU, no driver, unusable environment -> exit 2
  kTimeout,    // the check's watchdog (or the overall --timeout) fired -> exit 3
};

std::string_view VerdictName(Verdict v);  // "PASS" | "FAIL" | "SKIP"
std::string_view FailureName(Failure f);  // "" | "fault" | "cannot-run" | "timeout"

struct CheckResult {
  std::string id;
  Verdict verdict = Verdict::kSkip;
  Failure failure = Failure::kNone;
  std::string measured;  // human-readable, e.g. "8 GPUs, NVIDIA H100 80GB HBM3"
  std::string expected;  // human-readable, e.g. "8 GPUs, NVIDIA H100 80GB HBM3"
  std::string detail;    // what is wrong (or why skipped), one line
  double seconds = 0;
  std::map<std::string, double> metrics;  // sorted: deterministic JSON
  std::vector<std::string> findings;      // "gpu1: retired pages pending"

  // Adds a finding that fails the check as a fault (or as `kind`).
  void Fail(std::string finding, Failure kind = Failure::kFault);
  // Adds an informational finding that does not change the verdict.
  void Note(std::string finding);
  // PASS unless a Fail() was recorded; fills `detail` from the findings.
  void Finish();
  static CheckResult Skipped(std::string_view id, std::string reason);
};

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_CHECK_RESULT_H_
