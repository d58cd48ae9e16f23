#include "lint/pool_index.h"

#include <algorithm>
#include <map>

#include "base/text.h"

namespace mlspec::lint {
namespace {

std::string LabelKey(std::string_view key, std::string_view value) {
  std::string k;
  k.reserve(key.size() + value.size() + 1);
  k.append(key).append(1, '\x1f').append(value);  // no label key or value holds U+001F
  return k;
}

bool UnknownValue(std::string_view key) {
  for (std::string_view k : kNodeLabelsOfUnknownValue) {
    if (k == key) return true;
  }
  return false;
}

// `sel` without what every node satisfies whatever its value; a term that
// asks one of those labels not to exist can match nothing, so it is
// replaced by an impossible requirement.
NodeSelection WithoutUnknownValues(const NodeSelection& sel) {
  NodeSelection out;
  out.anchor = sel.anchor;
  for (const auto& kv : sel.node_selector) {
    if (!UnknownValue(kv.first)) out.node_selector.push_back(kv);
  }
  for (const auto& term : sel.terms) {
    std::vector<SelectorRequirement> kept;
    bool impossible = false;
    for (const SelectorRequirement& r : term) {
      if (!UnknownValue(r.key)) kept.push_back(r);
      else if (r.op == "DoesNotExist") impossible = true;
    }
    if (impossible) kept = {{"kubernetes.io/hostname", "In", {}}};
    out.terms.push_back(std::move(kept));
  }
  return out;
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

std::vector<const Pool*> PoolIndex::Matching(const NodeSelection& written, bool gpu_only) const {
  const NodeSelection sel = WithoutUnknownValues(written);
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

std::string PoolIndex::WhyNoMatch(const NodeSelection& sel) const {
  auto describe = [&](std::string_view key, std::string what) {
    what += " fits no pool; ";
    if (UnknownValue(key)) return what + "every node carries " + std::string(key);
    std::map<std::string, std::string> by_value;  // value -> "`a`, `b`"; "" for pools without the label
    for (const Pool* p : pools_) {
      auto it = p->effective_labels.find(key);
      std::string& names = by_value[it == p->effective_labels.end() ? std::string() : it->second];
      names += (names.empty() ? "" : ", ") + Quote(p->name);
    }
    std::string parts;
    for (const auto& [value, names] : by_value) {
      if (value.empty()) continue;
      parts += (parts.empty() ? "" : "; ") + Quote(value) + " on " + names;
    }
    if (auto it = by_value.find(""); it != by_value.end()) {
      parts += (parts.empty() ? "unset on " : "; unset on ") + it->second;
    }
    return what + std::string(key) + " is " + parts;
  };
  for (const auto& [k, v] : sel.node_selector) {
    NodeSelection one;
    one.node_selector.emplace_back(k, v);
    if (Matching(one, false).empty()) return describe(k, "`" + std::string(k) + ": " + std::string(v) + "`");
  }
  for (const auto& term : sel.terms) {
    for (const SelectorRequirement& r : term) {
      NodeSelection one;
      one.terms.push_back({r});
      if (!Matching(one, false).empty()) continue;
      std::string what = "`" + std::string(r.key) + " " + std::string(r.op);
      for (size_t i = 0; i < r.values.size(); ++i) what += (i ? ", " : " ") + std::string(r.values[i]);
      return describe(r.key, what + "`");
    }
  }
  return {};
}

}  // namespace mlspec::lint
