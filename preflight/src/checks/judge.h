// Rules shared between a check and post-deltas.
#ifndef MLSPEC_PREFLIGHT_CHECKS_JUDGE_H_
#define MLSPEC_PREFLIGHT_CHECKS_JUDGE_H_

#include <set>
#include <string>
#include <vector>

#include "../check_result.h"
#include "../telemetry.h"
#include "../xid.h"

namespace mlspec::preflight {

// Adds a finding to `r` for every health threshold `h` breaks.
void JudgeHealth(CheckResult& r, const std::string& tag, const HealthSnapshot& h, uint64_t max_sram_corrected);

// Adds findings for `events`: fatal ones fail, others are noted. Returns the
// number of fatal events.
size_t JudgeXids(CheckResult& r, const std::vector<XidEvent>& events, const std::set<int>& fatal,
                 const std::string& when);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_CHECKS_JUDGE_H_
