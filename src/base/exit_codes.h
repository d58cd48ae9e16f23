// Process exit codes, the same for every mlspec command.
#ifndef MLSPEC_COMMON_EXIT_CODES_H_
#define MLSPEC_COMMON_EXIT_CODES_H_

namespace mlspec {

enum ExitCode : int {
  kExitOk = 0,        // Success; no finding at or above --fail-on.
  kExitFindings = 1,  // Lint findings at or above --fail-on; --check found drift.
  kExitInvalid = 2,   // Invalid input or usage; nothing was written.
};

}  // namespace mlspec

#endif  // MLSPEC_COMMON_EXIT_CODES_H_
