// [queues.*] and the `queue` of jobs and services, on the resolved model:
// names that exist, namespaces and pools a queue covers, and nominal GPUs
// the pools can hold at max_nodes (model/queues.h).
#ifndef MLSPEC_VALIDATE_QUEUES_H_
#define MLSPEC_VALIDATE_QUEUES_H_

#include "base/diagnostics.h"
#include "model/model.h"

namespace mlspec {

void ValidateQueues(const Model& model, Diagnostics& diags);

}  // namespace mlspec

#endif  // MLSPEC_VALIDATE_QUEUES_H_
