// Fair-share queues ([queues.*]) as Kueue sees them: one ResourceFlavor per
// GPU pool, and each queue's nominal GPUs spread over the pools it may use.
// Validate checks the spread against what the pools hold at max_nodes; the
// Kueue emitter writes the same numbers into the ClusterQueues.
#ifndef MLSPEC_MODEL_QUEUES_H_
#define MLSPEC_MODEL_QUEUES_H_

#include <string>
#include <vector>

#include "model/model.h"

namespace mlspec {

// GPUs the scheduler can place on `pool` at max_nodes (time-slicing and MIG
// replicas included).
int64_t PoolGpuCapacity(const Pool& pool);

// The GPU pools `queue` may use, in the order written (`pools`), else every
// GPU pool in name order. Unknown and GPU-less pools are left out (Validate
// reports them).
std::vector<const Pool*> QueuePools(const Model& model, const Queue& queue);

// One ResourceFlavor of a ClusterQueue: the pool and the nominal GPUs the
// queue holds on it.
struct FlavorQuota {
  const Pool* pool = nullptr;
  int64_t gpus = 0;
};

// The queue's `gpus`, filled into its pools in order, each up to what the
// pool holds at max_nodes; whatever is left lands on the last pool (Validate
// reports it). Every pool of the queue gets an entry, 0 GPUs included, so
// the queue can borrow there from its cohort.
std::vector<FlavorQuota> QueueFlavorQuotas(const Model& model, const Queue& queue);

// The queue a [jobs.*] or [services.*] names, or null.
const Queue* FindQueue(const Model& model, const std::string& name);

}  // namespace mlspec

#endif  // MLSPEC_MODEL_QUEUES_H_
