#include "lint/registry.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "lint/report.h"

namespace mlspec::lint {
namespace {

TEST(Registry, IdsAreUniqueAndSorted) {
  std::string_view prev;
  for (const Rule* r : AllRules()) {
    EXPECT_LT(prev, r->info().id) << "registry.cc must list rules sorted by id";
    prev = r->info().id;
  }
}

TEST(Registry, EveryRuleIsDocumented) {
  for (const Rule* r : AllRules()) {
    const RuleInfo& i = r->info();
    SCOPED_TRACE(std::string(i.id));
    EXPECT_FALSE(i.summary.empty());
    EXPECT_FALSE(i.rationale.empty());
    EXPECT_FALSE(i.fix.empty());
    EXPECT_FALSE(i.bad_example.empty());
    EXPECT_FALSE(i.good_example.empty());
    EXPECT_EQ(FindRule(i.id), r);
  }
}

TEST(Registry, IssueSixRulesExist) {
  static constexpr std::string_view kRequired[] = {"gpu-limit-missing",
                                                   "gpu-request-limit-mismatch",
                                                   "gpu-fractional",
                                                   "gpu-resource-name-unknown",
                                                   "request-exceeds-limit",
                                                   "gpu-toleration-missing",
                                                   "gpu-toleration-without-gpu",
                                                   "gpu-node-selector-missing",
                                                   "gpu-cpu-memory-unset",
                                                   "gpu-visible-devices-override",
                                                   "gpu-in-init-container",
                                                   "gpu-daemonset-request",
                                                   "pytorchjob-nproc-mismatch",
                                                   "shm-missing",
                                                   "shm-size-unbounded",
                                                   "shm-exceeds-memory-limit",
                                                   "shm-via-host",
                                                   "no-pool-matches",
                                                   "taint-not-tolerated",
                                                   "gpu-count-exceeds-node",
                                                   "resources-exceed-node",
                                                   "mig-profile-unavailable",
                                                   "time-slicing-multi-gpu",
                                                   "namespace-quota-exceeded",
                                                   "namespace-unknown",
                                                   "memory-limit-missing",
                                                   "cpu-request-missing",
                                                   "memory-request-missing",
                                                   "cpu-limit-missing",
                                                   "image-tag-latest",
                                                   "job-ttl-missing",
                                                   "job-deadline-missing",
                                                   "readiness-probe-missing",
                                                   "startup-probe-missing",
                                                   "privileged-container",
                                                   "privilege-escalation-allowed",
                                                   "run-as-root",
                                                   "host-network-pid",
                                                   "deprecated-api",
                                                   "selector-mismatch",
                                                   "hpa-cpu-metric-on-gpu-workload",
                                                   "hpa-min-replicas-zero",
                                                   "hpa-targets-inferenceservice",
                                                   "hpa-target-missing",
                                                   "service-selects-nothing",
                                                   "pdb-selects-nothing",
                                                   "pdb-blocks-eviction"};
  for (std::string_view id : kRequired) EXPECT_NE(FindRule(id), nullptr) << id;
  EXPECT_FALSE(FindRule("cpu-limit-missing")->info().enabled_by_default);
}

// docs/rules.md is generated; regenerate with
//   build/mlspec rules --format markdown > docs/rules.md
TEST(Registry, DocsAreFresh) {
  std::ifstream f(std::filesystem::path(MLSPEC_SOURCE_DIR) / "docs" / "rules.md");
  ASSERT_TRUE(f) << "docs/rules.md is missing; run: mlspec rules --format markdown > docs/rules.md";
  std::ostringstream ss;
  ss << f.rdbuf();
  EXPECT_TRUE(ss.str() == RulesMarkdown()) << "docs/rules.md is stale; run: build/mlspec rules --format markdown > "
                                              "docs/rules.md";
}

}  // namespace
}  // namespace mlspec::lint
