#include "validate/queues.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "model/queues.h"
#include "validate/references.h"

namespace mlspec {
namespace {

std::string Suggest(const std::string& word, const auto& map) {
  auto m = DidYouMean(word, Keys(map));
  return m ? " (did you mean \"" + *m + "\"?)" : "";
}

std::string Names(const std::vector<const Pool*>& pools) {
  std::string out;
  for (const Pool* p : pools) out += (out.empty() ? "" : ", ") + p->name;
  return out;
}

void CheckQueue(const Model& model, const Queue& q, Diagnostics& diags) {
  const std::string where = "[queues." + q.name + "]";
  for (size_t i = 0; i < q.namespaces.size(); ++i)
    if (!model.namespaces.count(q.namespaces[i]))
      diags.Error(q.namespace_locs[i], where + " `namespaces`: no namespace \"" + q.namespaces[i] +
                                           "\" is declared; add [namespaces." + q.namespaces[i] + "]" +
                                           Suggest(q.namespaces[i], model.namespaces));
  for (size_t i = 0; i < q.pools.size(); ++i) {
    auto it = model.pools.find(q.pools[i]);
    if (it == model.pools.end())
      diags.Error(q.pool_locs[i],
                  where + " `pools`: no pool \"" + q.pools[i] + "\" is declared" + Suggest(q.pools[i], model.pools));
    else if (!it->second.has_gpu())
      diags.Error(q.pool_locs[i], where + " `pools`: pool \"" + q.pools[i] +
                                      "\" has no GPUs; a queue shares GPU pools — list only pools with GPUs");
  }
  const std::vector<const Pool*> pools = QueuePools(model, q);
  if (pools.empty()) {
    if (q.pools.empty())
      diags.Error(q.locs.table, where + " needs a GPU pool, and the spec has none; add a [pools.*] with GPUs");
    return;
  }
  int64_t capacity = 0;
  for (const Pool* p : pools) capacity += PoolGpuCapacity(*p);
  if (q.gpus > capacity)
    diags.Error(q.locs.At("gpus"), where + " `gpus` = " + std::to_string(q.gpus) + " is more than its pools hold at " +
                                       "max_nodes (" + Names(pools) + ": " + std::to_string(capacity) +
                                       " GPUs); lower `gpus` or raise the pools' max_nodes");
}

// A job's or service's `queue`: it exists, covers the namespace and the pool.
void CheckQueueUse(const Model& model, const std::string& who, const std::string& queue_name, const std::string& ns,
                   const std::string& profile, const SourceLoc& loc, Diagnostics& diags) {
  const Queue* q = FindQueue(model, queue_name);
  if (!q) {
    diags.Error(loc, who + " `queue`: no [queues." + queue_name + "] is declared" + Suggest(queue_name, model.queues));
    return;
  }
  bool covers_ns = false;
  for (const std::string& n : q->namespaces) covers_ns = covers_ns || n == ns;
  if (!covers_ns)
    diags.Error(loc, who + " runs in namespace \"" + ns + "\", which [queues." + q->name +
                         "] does not cover; add it to the queue's `namespaces`");
  auto prof = model.profiles.find(profile);
  if (prof == model.profiles.end()) return;  // Validate reports unknown profiles.
  const std::vector<const Pool*> pools = QueuePools(model, *q);
  bool covers_pool = false;
  for (const Pool* p : pools) covers_pool = covers_pool || p->name == prof->second.pool;
  if (!covers_pool && !pools.empty())
    diags.Error(loc, who + " runs on pool \"" + prof->second.pool + "\" (profile \"" + profile + "\"), which [queues." +
                         q->name + "] does not share (its pools: " + Names(pools) +
                         "); Kueue would never admit it — use a profile on one of those pools or add the pool to the "
                         "queue");
}

}  // namespace

void ValidateQueues(const Model& model, Diagnostics& diags) {
  for (const auto& [name, q] : model.queues) CheckQueue(model, q, diags);

  // Every queue's share of a pool, against what the pool holds at max_nodes:
  // then whatever a queue borrows from its cohort is there too.
  std::map<std::string, std::vector<std::pair<const Queue*, int64_t>>> by_pool;
  for (const auto& [name, q] : model.queues)
    for (const FlavorQuota& f : QueueFlavorQuotas(model, q))
      if (f.gpus > 0) by_pool[f.pool->name].push_back({&q, f.gpus});
  for (const auto& [pool_name, shares] : by_pool) {
    const Pool& pool = model.pools.at(pool_name);
    int64_t total = 0;
    std::string parts;
    for (const auto& [q, gpus] : shares) {
      total += gpus;
      parts += (parts.empty() ? "" : ", ") + q->name + " " + std::to_string(gpus);
    }
    if (total <= PoolGpuCapacity(pool) || shares.size() < 2) continue;
    diags.Error(shares.back().first->locs.At("gpus"),
                "queues hold " + std::to_string(total) + " nominal GPUs on pool \"" + pool_name + "\" (" + parts +
                    "), which holds " + std::to_string(PoolGpuCapacity(pool)) +
                    " at max_nodes; lower the queues' `gpus` or raise the pool's max_nodes");
  }

  for (const auto& [name, job] : model.jobs)
    if (!job.queue.empty())
      CheckQueueUse(model, "[jobs." + name + "]", job.queue, job.namespace_name, job.profile, job.locs.At("queue"),
                    diags);
  for (const auto& [name, svc] : model.services)
    if (!svc.queue.empty())
      CheckQueueUse(model, "[services." + name + "]", svc.queue, svc.namespace_name, svc.profile, svc.locs.At("queue"),
                    diags);
}

}  // namespace mlspec
