// Which of the spec's pools a pod's node selection can land on, answered
// from an index of the pools' labels instead of a scan of every pool.
//
// Rules that check workloads against the cluster ask this for every pod
// template, several times; scanning all pools made `compile` (which lints its
// own output) and `lint --spec` quadratic in the number of pools: at 1 000
// pools the scan was a third of a compile.
#ifndef MLSPEC_POLICIES_POOL_INDEX_H_
#define MLSPEC_POLICIES_POOL_INDEX_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "lint/workload.h"
#include "model/model.h"

namespace mlspec::lint {

class PoolIndex {
 public:
  explicit PoolIndex(const Model& spec);

  // Pools whose effective labels satisfy `sel`, in spec order (by name);
  // with gpu_only, only pools with GPUs. Requirements on the labels of
  // unknown value (kNodeLabelsOfUnknownValue) fit every pool, except
  // DoesNotExist, which none does.
  std::vector<const Pool*> Matching(const NodeSelection& sel, bool gpu_only) const;

  // Why `sel` matches no pool: the first nodeSelector pair or affinity
  // requirement that no pool satisfies alone, and the pools' values of its
  // label ("`node-type: gpu` fits no pool; node-type is `ai` on `ai`, unset on
  // `system`"); empty when each fits some pool and only their combination fails.
  std::string WhyNoMatch(const NodeSelection& sel) const;

 private:
  // Positions (into pools_) of the pools carrying `key`=`value`.
  const std::vector<uint32_t>* WithLabel(std::string_view key, std::string_view value) const;

  std::vector<const Pool*> pools_;                                   // spec order
  std::unordered_map<std::string, std::vector<uint32_t>> by_label_;  // "key\x1fvalue"
};

}  // namespace mlspec::lint

#endif  // MLSPEC_POLICIES_POOL_INDEX_H_
