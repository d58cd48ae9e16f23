#include "lint/pool_index.h"

#include <algorithm>

namespace mlspec::lint {
namespace {

std::string LabelKey(std::string_view key, std::string_view value) {
  std::string k;
  k.reserve(key.size() + value.size() + 1);
  k.append(key).append(1, '\x1f').append(value);  // no label key or value holds U+001F
  return k;
}

}  // namespace

PoolIndex::PoolIndex(const Model& spec) {
  for (const auto& [name, pool] : spec.pools) {
    uint32_t at = static_cast<uint32_t>(pools_.size());
    pools_.push_back(&pool);
    for (const auto& [k, v] : pool.effective_labels) by_label_[LabelKey(k, v)].push_back(at);
  }
}

const std::vector<uint32_t>* PoolIndex::WithLabel(std::string_view key, std::string_view value) const {
  auto it = by_label_.find(LabelKey(key, value));
  return it == by_label_.end() ? nullptr : &it->second;
}

std::vector<const Pool*> PoolIndex::Matching(const NodeSelection& sel, bool gpu_only) const {
  // Candidates: pools that carry a label the selection requires. A
  // nodeSelector pair must hold on every match (take the rarest); otherwise
  // each affinity term needs one of its "In" values, and a term without an
  // "In" requirement can match pools by other means, so all are candidates.
  std::vector<uint32_t> candidates;
  bool all = true;
  if (!sel.node_selector.empty()) {
    all = false;
    const std::vector<uint32_t>* best = nullptr;
    for (const auto& [k, v] : sel.node_selector) {
      const std::vector<uint32_t>* with = WithLabel(k, v);
      if (with == nullptr) return {};
      if (best == nullptr || with->size() < best->size()) best = with;
    }
    candidates = *best;
  } else if (!sel.terms.empty()) {
    all = false;
    for (const auto& term : sel.terms) {
      auto in = std::find_if(term.begin(), term.end(), [](const SelectorRequirement& r) { return r.op == "In"; });
      if (in == term.end()) {
        all = true;
        break;
      }
      for (std::string_view v : in->values) {
        if (const std::vector<uint32_t>* with = WithLabel(in->key, v))
          candidates.insert(candidates.end(), with->begin(), with->end());
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  }
  std::vector<const Pool*> out;
  auto consider = [&](const Pool* pool) {
    if (gpu_only && !pool->has_gpu()) return;
    if (SelectionMatches(sel, pool->effective_labels)) out.push_back(pool);
  };
  if (all) {
    for (const Pool* pool : pools_) consider(pool);
  } else {
    for (uint32_t i : candidates) consider(pools_[i]);
  }
  return out;
}

}  // namespace mlspec::lint
