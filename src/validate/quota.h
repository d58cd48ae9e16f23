// Namespace quotas against what mlspec's own workloads request at once
// (model/workloads.h). Runs on the resolved model, after Validate.
#ifndef MLSPEC_VALIDATE_QUOTA_H_
#define MLSPEC_VALIDATE_QUOTA_H_

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

// One error per namespace and resource whose quota is below the sum of what
// the spec's workloads in it request at once, located at the quota. A single
// pod larger than the quota is Validate's error and is not repeated here.
void ValidateQuotas(const Model& model, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_QUOTA_H_
