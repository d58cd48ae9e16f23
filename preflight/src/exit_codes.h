// Exit codes of mlspec-preflight, named in one place.
#ifndef MLSPEC_PREFLIGHT_EXIT_CODES_H_
#define MLSPEC_PREFLIGHT_EXIT_CODES_H_

namespace mlspec::preflight {

enum ExitCode : int {
  kExitPass = 0,         // every selected check passed
  kExitCheckFailed = 1,  // a hardware fault, a mismatch with the spec, or a floor missed
  kExitCannotRun = 2,    // no GPU visible, no driver, bad arguments
  kExitWatchdog = 3,     // a watchdog fired; the report lists what finished
};

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_EXIT_CODES_H_
