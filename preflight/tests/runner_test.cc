// The runner: watchdogs, the overall timeout, exit codes, and that a hang
// never hangs the preflight.
#include <chrono>

#include <gtest/gtest.h>

#include "exit_codes.h"
#include "report.h"
#include "test_util.h"
#include "watchdog.h"

namespace mlspec::preflight::testing {
namespace {

using std::chrono::milliseconds;

TEST(Watchdog, ReturnsValueWhenWorkFinishes) {
  Watchdog w;
  auto v = w.Run<int>([] { return 42; }, milliseconds(1000));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v, 42);
  EXPECT_EQ(w.abandoned(), 0u);
}

TEST(Watchdog, AbandonsWorkThatOverruns) {
  Watchdog w;
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  auto v = w.Run<int>(
      [&] {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return release; });
        return 1;
      },
      milliseconds(50));
  EXPECT_FALSE(v.has_value());
  EXPECT_EQ(w.abandoned(), 1u);
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  w.JoinAbandoned();
}

TEST(Runner, HangInGemmIsCaughtByItsWatchdog) {
  FakeNode node(8);
  node.hangs.insert("gemm");
  auto args = H100JobArgs();
  args.insert(args.end(), {"--check-timeout", "0.3"});
  const auto t0 = std::chrono::steady_clock::now();
  RunReport r = RunOn(node, args);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  const CheckResult* g = FindResult(r, "gemm");
  EXPECT_EQ(g->verdict, Verdict::kFail);
  EXPECT_EQ(g->failure, Failure::kTimeout);
  EXPECT_NE(g->detail.find("watchdog: did not finish within 0.3 s"), std::string::npos);
  // What finished before is reported; GPU checks after it are not run.
  EXPECT_EQ(FindResult(r, "memory-bandwidth")->verdict, Verdict::kPass);
  EXPECT_EQ(FindResult(r, "pcie")->verdict, Verdict::kSkip);
  EXPECT_NE(FindResult(r, "pcie")->detail.find("watchdog fired in gemm"), std::string::npos);
  EXPECT_TRUE(r.watchdog_fired);
  EXPECT_EQ(ExitCodeFor(r), kExitWatchdog);
}

TEST(Runner, HangInDiscoveryStillRunsHostChecks) {
  FakeNode node(8);
  node.hangs.insert("discover");
  auto args = H100JobArgs();
  args.insert(args.end(), {"--check-timeout", "0.3"});
  RunReport r = RunOn(node, args);
  EXPECT_EQ(FindResult(r, "inventory")->verdict, Verdict::kSkip);
  EXPECT_EQ(FindResult(r, "xid")->verdict, Verdict::kPass);
  EXPECT_EQ(FindResult(r, "env")->verdict, Verdict::kPass);
  EXPECT_EQ(ExitCodeFor(r), kExitWatchdog);
}

TEST(Runner, HangInNvmlInitIsCaught) {
  FakeNode node(8);
  node.hangs.insert("nvml");
  auto args = H100JobArgs();
  args.insert(args.end(), {"--check-timeout", "0.3", "--quick"});
  RunReport r = RunOn(node, args);
  EXPECT_FALSE(r.nvml_ok);
  EXPECT_EQ(FindResult(r, "health")->verdict, Verdict::kSkip);
  EXPECT_EQ(ExitCodeFor(r), kExitWatchdog);
}

TEST(Runner, OverallTimeoutBoundsTheRun) {
  FakeNode node(8);
  node.hangs.insert("memtest");
  auto args = H100JobArgs();
  args.back() = "0.5";  // --timeout 0.5
  const auto t0 = std::chrono::steady_clock::now();
  RunReport r = RunOn(node, args);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  EXPECT_EQ(FindResult(r, "memory-integrity")->failure, Failure::kTimeout);
  EXPECT_EQ(ExitCodeFor(r), kExitWatchdog);
}

TEST(Runner, KernelLogHangFailsOnlyXid) {
  FakeNode node(8);
  node.hangs.insert("kmsg");
  auto args = H100JobArgs();
  args.insert(args.end(), {"--checks", "inventory,xid,compute-correctness", "--check-timeout", "0.3"});
  RunReport r = RunOn(node, args);
  EXPECT_EQ(FindResult(r, "xid")->failure, Failure::kTimeout);
  EXPECT_EQ(FindResult(r, "compute-correctness")->verdict, Verdict::kPass);  // the GPU is fine
  EXPECT_EQ(ExitCodeFor(r), kExitWatchdog);
}

TEST(Runner, ZeroGpusIsNeverAPassEvenWithoutInventory) {
  FakeNode node(0);
  RunReport r = RunOn(node, {"--checks", "env"});
  EXPECT_EQ(ExitCodeFor(r), kExitCannotRun);
  EXPECT_NE(SummaryText(r).find("Result = FAIL"), std::string::npos);
}

TEST(Runner, DiscoveryErrorIsReportedOnceAsCannotRun) {
  FakeNode node(8);
  node.discover_error = Error{"cudaErrorNoDriver", "no NVIDIA driver", ""};
  RunReport r = RunOn(node, H100JobArgs());
  EXPECT_EQ(FindResult(r, "inventory")->verdict, Verdict::kFail);
  EXPECT_EQ(FindResult(r, "inventory")->failure, Failure::kCannotRun);
  EXPECT_NE(FindResult(r, "inventory")->detail.find("NVIDIA container runtime"), std::string::npos);
  for (const char* id : {"health", "compute-correctness", "gemm", "post-deltas"}) {
    EXPECT_EQ(FindResult(r, id)->verdict, Verdict::kSkip) << id;
    EXPECT_NE(FindResult(r, id)->detail.find("see inventory"), std::string::npos) << id;
  }
  EXPECT_EQ(FindResult(r, "xid")->verdict, Verdict::kPass);  // host checks still run
  EXPECT_EQ(ExitCodeFor(r), kExitCannotRun);
}

TEST(Runner, DiscoveryErrorLandsOnTheFirstSelectedGpuCheck) {
  FakeNode node(8);
  node.discover_error = Error{"cudaErrorSystemNotReady", "system not yet initialized", ""};
  RunReport r = RunOn(node, {"--checks", "gemm,pcie"});
  EXPECT_EQ(FindResult(r, "gemm")->failure, Failure::kCannotRun);
  EXPECT_NE(FindResult(r, "gemm")->detail.find("Fabric Manager"), std::string::npos);
  EXPECT_EQ(FindResult(r, "pcie")->verdict, Verdict::kSkip);
}

TEST(Runner, ChecksRunInStandardOrderWhateverTheListOrder) {
  FakeNode node(8);
  RunReport r = RunOn(node, {"--checks", "gemm,inventory,xid"});
  ASSERT_EQ(r.checks.size(), 3u);
  EXPECT_EQ(r.checks[0].id, "inventory");
  EXPECT_EQ(r.checks[1].id, "xid");
  EXPECT_EQ(r.checks[2].id, "gemm");
}

TEST(Runner, PostDeltasWithoutAnyLoadIsSkipped) {
  FakeNode node(8);
  RunReport r = RunOn(node, {"--checks", "health,post-deltas"});
  EXPECT_EQ(FindResult(r, "post-deltas")->verdict, Verdict::kSkip);  // no load ran, no baseline
}

}  // namespace
}  // namespace mlspec::preflight::testing
