// The report: schema, determinism, the summary line, the 4 KB verdict and
// the exit-code mapping.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exit_codes.h"
#include "report.h"
#include "test_util.h"

namespace mlspec::preflight::testing {
namespace {

RunReport Sample(Verdict v, Failure f) {
  RunReport r;
  r.discovery_ok = true;
  r.discovery.gpus.push_back(GpuProperties{0, "NVIDIA L4", "0000:01:00.0", "GPU-x", 24ull << 30, 8, 9, 58});
  CheckResult c;
  c.id = "gemm";
  c.verdict = v;
  c.failure = f;
  c.detail = v == Verdict::kFail ? "gpu0: slow" : "";
  c.metrics["gpu0.tflops"] = 101.23456;
  r.checks.push_back(c);
  return r;
}

TEST(Report, ExitCodes) {
  EXPECT_EQ(ExitCodeFor(Sample(Verdict::kPass, Failure::kNone)), kExitPass);
  EXPECT_EQ(ExitCodeFor(Sample(Verdict::kSkip, Failure::kNone)), kExitPass);
  EXPECT_EQ(ExitCodeFor(Sample(Verdict::kFail, Failure::kFault)), kExitCheckFailed);
  EXPECT_EQ(ExitCodeFor(Sample(Verdict::kFail, Failure::kCannotRun)), kExitCannotRun);
  EXPECT_EQ(ExitCodeFor(Sample(Verdict::kFail, Failure::kTimeout)), kExitWatchdog);
  RunReport none = Sample(Verdict::kPass, Failure::kNone);
  none.discovery.gpus.clear();
  EXPECT_EQ(ExitCodeFor(none), kExitCannotRun);  // zero GPUs is never a pass
  RunReport fired = Sample(Verdict::kPass, Failure::kNone);
  fired.watchdog_fired = true;
  EXPECT_EQ(ExitCodeFor(fired), kExitWatchdog);
}

TEST(Report, JsonFollowsTheSchemaAndIsDeterministic) {
  FakeNode node(8);
  ParseOutcome parsed = ParseArgs(H100JobArgs());
  RunReport r = RunOn(node, H100JobArgs());
  for (auto& c : r.checks) c.seconds = 0;  // timing is the only varying input
  r.seconds = 0;
  const std::string a = ReportJson(r, parsed.options, "0.1.0");
  const std::string b = ReportJson(r, parsed.options, "0.1.0");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.back(), '\n');
  auto j = nlohmann::json::parse(a);
  EXPECT_EQ(j["schema"], "mlspec.io/preflight-report/v1");
  EXPECT_EQ(j["result"], "PASS");
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_EQ(j["node"]["gpus"].size(), 8u);
  EXPECT_EQ(j["node"]["gpus"][0]["compute_capability"], "9.0");
  EXPECT_EQ(j["expected"]["memory_bytes"], 80ull << 30);
  ASSERT_EQ(j["checks"].size(), 11u);
  for (const auto& c : j["checks"]) {
    for (const char* key :
         {"id", "status", "failure", "measured", "expected", "detail", "seconds", "metrics", "findings"})
      EXPECT_TRUE(c.contains(key)) << key;
  }
  EXPECT_DOUBLE_EQ(j["checks"][7]["metrics"]["gpu0.tflops"].get<double>(), 720);
}

TEST(Report, MetricsAreRounded) {
  RunReport r = Sample(Verdict::kPass, Failure::kNone);
  auto j = nlohmann::json::parse(ReportJson(r, ParseArgs({}).options, "x"));
  EXPECT_DOUBLE_EQ(j["checks"][0]["metrics"]["gpu0.tflops"].get<double>(), 101.235);
}

TEST(Report, SummaryEndsWithResultLine) {
  const std::string pass = SummaryText(Sample(Verdict::kPass, Failure::kNone));
  EXPECT_EQ(pass.substr(pass.size() - 14), "Result = PASS\n");
  const std::string fail = SummaryText(Sample(Verdict::kFail, Failure::kFault));
  EXPECT_EQ(fail.substr(fail.size() - 14), "Result = FAIL\n");
  EXPECT_NE(fail.find("FAIL  gemm"), std::string::npos);
}

TEST(Report, TerminationMessageFitsInFourKilobytes) {
  RunReport r = Sample(Verdict::kFail, Failure::kFault);
  for (int i = 0; i < 40; ++i) {
    CheckResult c;
    c.id = "check-" + std::to_string(i);
    c.verdict = Verdict::kFail;
    c.failure = Failure::kFault;
    c.detail = std::string(2000, 'x');
    r.checks.push_back(c);
  }
  const std::string msg = TerminationMessage(r);
  EXPECT_LE(msg.size(), kTerminationLogLimit);
  auto j = nlohmann::json::parse(msg);
  EXPECT_EQ(j["result"], "FAIL");
  EXPECT_EQ(j["exit_code"], 1);

  const std::string small = TerminationMessage(Sample(Verdict::kFail, Failure::kFault));
  auto s = nlohmann::json::parse(small);
  EXPECT_EQ(s["failed"][0]["id"], "gemm");
  EXPECT_EQ(s["failed"][0]["detail"], "gpu0: slow");
  EXPECT_EQ(s["checks"]["gemm"], "FAIL");
}

}  // namespace
}  // namespace mlspec::preflight::testing
