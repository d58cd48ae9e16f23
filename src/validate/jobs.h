// [storage.*] and [jobs.*]: references, shapes that Kubernetes or the
// Kubeflow training operator reject, and volumes that cannot be shared the
// way a job would share them. Capacity against quotas is validate/quota.
#ifndef MLSPEC_VALIDATE_JOBS_H_
#define MLSPEC_VALIDATE_JOBS_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

void ValidateJobs(const Spec& spec, Diagnostics& diags);

// Why `schedule` is not a CronJob schedule Kubernetes accepts (five fields,
// or @hourly/@daily/...), or nullopt when it is.
std::optional<std::string> CronError(std::string_view schedule);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_JOBS_H_
