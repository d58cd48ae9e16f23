// PoolIndex must answer exactly what a scan of every pool answers: seeded
// random node selections (nodeSelector pairs and affinity terms of every
// operator, over the labels the pools really carry and some they do not)
// against the example specs.
#include "lint/pool_index.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/pipeline.h"

namespace mlspec::lint {
namespace {

std::vector<const Pool*> Scan(const Model& spec, const NodeSelection& sel, bool gpu_only) {
  std::vector<const Pool*> out;
  for (const auto& [name, pool] : spec.pools) {
    if (gpu_only && !pool.has_gpu()) continue;
    if (SelectionMatches(sel, pool.effective_labels)) out.push_back(&pool);
  }
  return out;
}

class PoolIndexTest : public ::testing::TestWithParam<const char*> {};

TEST_P(PoolIndexTest, AgreesWithAScanOfEveryPool) {
  Diagnostics diags;
  std::optional<Model> spec = LoadResolvedModel(std::string(MLSPEC_SOURCE_DIR) + "/examples/" + GetParam(), diags);
  ASSERT_TRUE(spec) << GetParam();
  PoolIndex index(*spec);

  // Labels to draw from: the pools' own pairs, and keys and values mixed
  // with strangers.
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<std::string> keys{"no.such/key"}, values{"no-such-value", "4", "80"};
  for (const auto& [name, pool] : spec->pools) {
    for (const auto& [k, v] : pool.effective_labels) {
      pairs.emplace_back(k, v);
      keys.push_back(k);
      values.push_back(v);
    }
  }
  std::mt19937 rng(7);
  auto pick = [&](const std::vector<std::string>& from) -> std::string_view { return from[rng() % from.size()]; };
  static constexpr std::string_view kOps[] = {"In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"};
  size_t nonempty = 0, partial = 0;
  for (int i = 0; i < 20000; ++i) {
    NodeSelection sel;
    for (size_t n = rng() % 3; n > 0; --n) {
      // Mostly a real pair, so that selections match something.
      if (rng() % 4) {
        const auto& [k, v] = pairs[rng() % pairs.size()];
        sel.node_selector.emplace_back(k, v);
      } else {
        sel.node_selector.emplace_back(pick(keys), pick(values));
      }
    }
    for (size_t t = rng() % 3; t > 0; --t) {
      std::vector<SelectorRequirement> term;
      for (size_t r = 1 + rng() % 2; r > 0; --r) {
        SelectorRequirement req{pick(keys), kOps[rng() % std::size(kOps)], {}};
        for (size_t n = rng() % 3; n > 0; --n) req.values.push_back(pick(values));
        term.push_back(std::move(req));
      }
      sel.terms.push_back(std::move(term));
    }
    for (bool gpu_only : {false, true}) {
      std::vector<const Pool*> want = Scan(*spec, sel, gpu_only);
      ASSERT_EQ(index.Matching(sel, gpu_only), want) << GetParam() << " selection " << i;
      nonempty += !want.empty();
      partial += !want.empty() && want.size() < spec->pools.size();
    }
  }
  // The draw must exercise both answers, or the comparison proves little.
  EXPECT_GT(nonempty, 1000u);
  EXPECT_GT(partial, 1000u);
}

INSTANTIATE_TEST_SUITE_P(Examples, PoolIndexTest,
                         ::testing::Values("aks-platform.toml", "eks-platform.toml", "gke-platform.toml"));

}  // namespace
}  // namespace mlspec::lint
