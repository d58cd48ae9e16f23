// The contract between `mlspec compile` and this binary: every preflight Job
// in the golden trees (byte-identical to what compile emits) passes arguments
// that ParseArgs accepts, with the values the spec and catalog promise.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "options.h"

namespace {
namespace fs = std::filesystem;

// The quoted "--flag=value" items of the preflight container's args list, as
// the emitter writes them (one per line, double-quoted).
std::vector<std::string> JobArgs(const fs::path& job) {
  std::ifstream in(job);
  std::vector<std::string> args;
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("- \"--");
    if (at == std::string::npos) continue;
    std::string item = line.substr(at + 3);
    if (item.size() < 2 || item.back() != '"') continue;
    args.push_back(item.substr(0, item.size() - 1));
  }
  return args;
}

TEST(JobContractTest, EveryEmittedJobParses) {
  size_t jobs = 0;
  for (const auto& e : fs::recursive_directory_iterator(PREFLIGHT_GOLDEN_DIR)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.rfind("job-", 0) != 0 || e.path().parent_path().filename() != "preflight")
      continue;
    SCOPED_TRACE(e.path().string());
    std::vector<std::string> args = JobArgs(e.path());
    ASSERT_GE(args.size(), 7u);
    auto parsed = mlspec::preflight::ParseArgs(args);
    EXPECT_EQ(parsed.error, "");
    ASSERT_TRUE(parsed.options.expect_gpus.has_value());
    EXPECT_GE(*parsed.options.expect_gpus, 1);
    EXPECT_FALSE(parsed.options.expect_product.empty());
    EXPECT_GT(parsed.options.peak_memory_bandwidth_gbps, 0);
    EXPECT_GT(parsed.options.peak_tflops, 0);
    ++jobs;
  }
  EXPECT_GE(jobs, 6u) << "expected the preflight Jobs of every example";
}

}  // namespace
