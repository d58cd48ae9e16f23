#include "model/queues.h"

#include <algorithm>

namespace mlspec {

int64_t PoolGpuCapacity(const Pool& pool) {
  return static_cast<int64_t>(pool.schedulable_gpus_per_node()) * pool.max_nodes;
}

std::vector<const Pool*> QueuePools(const Model& model, const Queue& queue) {
  std::vector<const Pool*> out;
  if (queue.pools.empty()) {
    for (const auto& [name, pool] : model.pools)
      if (pool.has_gpu()) out.push_back(&pool);
    return out;
  }
  for (const std::string& name : queue.pools) {
    auto it = model.pools.find(name);
    if (it == model.pools.end() || !it->second.has_gpu()) continue;
    if (std::find(out.begin(), out.end(), &it->second) == out.end()) out.push_back(&it->second);
  }
  return out;
}

std::vector<FlavorQuota> QueueFlavorQuotas(const Model& model, const Queue& queue) {
  std::vector<FlavorQuota> out;
  int64_t left = queue.gpus;
  for (const Pool* pool : QueuePools(model, queue)) {
    const int64_t take = std::min(left, PoolGpuCapacity(*pool));
    out.push_back({pool, take});
    left -= take;
  }
  if (!out.empty()) out.back().gpus += left;
  return out;
}

const Queue* FindQueue(const Model& model, const std::string& name) {
  auto it = model.queues.find(name);
  return it == model.queues.end() ? nullptr : &it->second;
}

}  // namespace mlspec
