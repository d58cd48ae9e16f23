// The promise of compile, checked end to end: every pod mlspec emits that
// selects a pool (manifests, InferenceServices, preflight Jobs, JupyterHub
// profiles, MLflow, hub and proxy) selects only labels that the pool's nodes
// really carry and tolerates every taint they really carry — where "really"
// means what Terraform declares plus what the cloud adds by itself (the
// provider's facts, not the effective_* the workload emitters read).
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "emit/emit.h"
#include "pipeline/pipeline.h"
#include "resolve/resolve.h"
#include "test_util.h"

namespace mlspec {
namespace {
namespace fs = std::filesystem;

TEST(PlacementTest, EveryWorkloadSelectsAndToleratesWhatItsPoolsNodesCarry) {
  for (const auto& e : fs::directory_iterator(testing::SourceDir() / "examples")) {
    std::string rel = "examples/" + e.path().filename().string();
    SCOPED_TRACE(rel);
    Diagnostics diags;
    auto spec = ResolveSpecText(rel, testing::ReadFileOrDie(e.path()), diags);
    ASSERT_TRUE(spec) << diags.ToString();
    FileSet files;
    EmitAll(*spec, files);
    ASSERT_FALSE(diags.has_errors());
    std::vector<std::string> used;
    for (const std::string& p : testing::PlacementProblems(*spec, files, &used)) ADD_FAILURE() << p;
    ASSERT_GE(used.size(), 3u);
    // Every GPU pool has at least its preflight Job on it.
    for (const auto& [name, pool] : spec->pools)
      if (pool.has_gpu() && spec->preflight)
        EXPECT_NE(std::find(used.begin(), used.end(), name), used.end()) << "nothing targets GPU pool " << name;
  }
}

}  // namespace
}  // namespace mlspec
