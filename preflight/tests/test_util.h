// Helpers shared by the preflight tests.
#ifndef MLSPEC_PREFLIGHT_TESTS_TEST_UTIL_H_
#define MLSPEC_PREFLIGHT_TESTS_TEST_UTIL_H_

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fake_node.h"
#include "options.h"
#include "runner.h"

namespace mlspec::preflight::testing {

// The arguments the emitted Job passes for an 8x H100 SXM pool.
inline std::vector<std::string> H100JobArgs() {
  return {"--expect-gpus",
          "8",
          "--expect-product",
          "NVIDIA H100 80GB HBM3",
          "--expect-memory",
          "80Gi",
          "--peak-memory-bandwidth",
          "3350",
          "--min-memory-bandwidth",
          "0.8",
          "--peak-tflops",
          "989",
          "--min-gemm",
          "0.5",
          "--timeout",
          "600"};
}

// Runs the preflight against `node`; releases any injected hang afterwards
// and joins the abandoned workers so nothing outlives the test.
inline RunReport RunOn(FakeNode& node, std::vector<std::string> args) {
  ParseOutcome parsed = ParseArgs(args);
  EXPECT_EQ(parsed.error, "");
  Runner runner(parsed.options, node, node, node);
  RunReport report = runner.Run();
  node.Release();
  runner.JoinAbandoned();
  return report;
}

inline const CheckResult* FindResult(const RunReport& r, const std::string& id) {
  for (const auto& c : r.checks)
    if (c.id == id) return &c;
  return nullptr;
}

inline std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

}  // namespace mlspec::preflight::testing

#endif  // MLSPEC_PREFLIGHT_TESTS_TEST_UTIL_H_
