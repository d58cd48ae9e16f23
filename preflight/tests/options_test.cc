// Command-line parsing: the binding contract with the emitted Job, both
// --flag value and --flag=value, and clear errors (exit 2) for bad input.
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "checks.h"
#include "options.h"
#include "preflight/defaults.h"
#include "xid.h"

namespace mlspec::preflight {
namespace {

TEST(Options, ParsesTheJobContract) {
  ParseOutcome p = ParseArgs({"--expect-gpus",
                              "8",
                              "--expect-product",
                              "NVIDIA A100 80GB PCIe",
                              "--expect-memory",
                              "80Gi",
                              "--peak-memory-bandwidth",
                              "1935",
                              "--min-memory-bandwidth",
                              "0.8",
                              "--peak-tflops",
                              "312",
                              "--min-gemm",
                              "0.5",
                              "--timeout",
                              "600",
                              "--checks",
                              "inventory,gemm",
                              "--report",
                              "/tmp/r.json"});
  ASSERT_EQ(p.error, "");
  const Options& o = p.options;
  EXPECT_EQ(o.expect_gpus, 8);
  EXPECT_EQ(o.expect_product, "NVIDIA A100 80GB PCIe");
  EXPECT_EQ(o.expect_memory_bytes, 80ull << 30);
  EXPECT_DOUBLE_EQ(o.peak_memory_bandwidth_gbps, 1935);
  EXPECT_DOUBLE_EQ(o.min_memory_bandwidth, 0.8);
  EXPECT_DOUBLE_EQ(o.peak_tflops, 312);
  EXPECT_DOUBLE_EQ(o.min_gemm, 0.5);
  EXPECT_DOUBLE_EQ(o.timeout_s, 600);
  EXPECT_EQ(o.checks, (std::vector<std::string>{"inventory", "gemm"}));
  EXPECT_EQ(o.report_path, "/tmp/r.json");
}

// An operator running the binary by hand gets the floors a spec gets when it
// leaves them out ([preflight] in docs/spec.md): one source, defaults.h.
TEST(Options, DefaultFloorsAreTheSpecDefaults) {
  ParseOutcome p = ParseArgs({"--expect-gpus", "1"});
  ASSERT_EQ(p.error, "");
  EXPECT_DOUBLE_EQ(p.options.min_gemm, defaults::kMinGemm);
  EXPECT_DOUBLE_EQ(p.options.min_memory_bandwidth, defaults::kMinMemoryBandwidth);
  // --help states them (kOptions holds literal text).
  const std::string help = HelpText();
  auto line = [&](std::string_view flag) {
    size_t at = help.find(std::string(flag) + " F");
    return at == std::string::npos ? std::string() : help.substr(at, help.find('\n', at) - at);
  };
  auto text = [](double v) {
    std::ostringstream s;
    s << "(default " << v << ")";
    return s.str();
  };
  EXPECT_NE(line("--min-gemm").find(text(defaults::kMinGemm)), std::string::npos) << line("--min-gemm");
  EXPECT_NE(line("--min-memory-bandwidth").find(text(defaults::kMinMemoryBandwidth)), std::string::npos)
      << line("--min-memory-bandwidth");
}

TEST(Options, AcceptsEqualsForm) {
  ParseOutcome p = ParseArgs({"--expect-gpus=4", "--expect-product=NVIDIA L4", "--expect-memory=24Gi", "--min-gemm=0.6",
                              "--quick", "--timeout=30"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.expect_gpus, 4);
  EXPECT_EQ(p.options.expect_product, "NVIDIA L4");
  EXPECT_DOUBLE_EQ(p.options.min_gemm, 0.6);
  EXPECT_EQ(p.options.checks, (std::vector<std::string>{"inventory", "health", "xid", "compute-correctness"}));
}

TEST(Options, DefaultsRunEveryCheckWithDefaultFatalXids) {
  ParseOutcome p = ParseArgs({});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.checks.size(), AllChecks().size());
  EXPECT_EQ(p.options.fatal_xids, DefaultFatalXids());
  EXPECT_DOUBLE_EQ(p.options.timeout_s, 600);
  EXPECT_EQ(p.options.termination_log, "/dev/termination-log");
}

struct BadArgs {
  std::vector<std::string> args;
  const char* error;
};

TEST(Options, RejectsBadArgumentsWithAClearMessage) {
  const BadArgs cases[] = {
      {{"--expect-gpu", "8"}, "unknown option '--expect-gpu'; did you mean '--expect-gpus'?"},
      {{"--expect-gpus"}, "missing value for --expect-gpus (expected N)"},
      {{"--expect-gpus", "0"},
       "invalid value '0' for --expect-gpus: expected an integer >= 1 (zero GPUs is never a pass)"},
      {{"--expect-gpus", "eight"}, "invalid value 'eight' for --expect-gpus"},
      {{"--min-gemm", "1.5"}, "invalid value '1.5' for --min-gemm: expected a fraction in (0, 1]"},
      {{"--min-memory-bandwidth=0"}, "invalid value '0' for --min-memory-bandwidth"},
      {{"--peak-tflops", "-3"}, "invalid value '-3' for --peak-tflops: expected a positive number"},
      {{"--timeout", "soon"}, "invalid value 'soon' for --timeout"},
      {{"--expect-memory", "80GB"}, "invalid memory quantity '80GB'"},
      {{"--checks", "inventory,gem"}, "unknown check 'gem' in --checks; did you mean 'gemm'?"},
      {{"--checks", ""}, "invalid value '' for --checks"},
      {{"--quick", "--checks", "gemm"}, "--quick and --checks cannot be combined"},
      {{"--quick=yes"}, "--quick takes no value"},
      {{"gemm"}, "unexpected argument 'gemm'"},
      {{"--fatal-xids", "48,x"}, "invalid Xid 'x'"},
      {{"--expect-ecc", "maybe"}, "expected on, off or any"},
  };
  for (const auto& c : cases) {
    ParseOutcome p = ParseArgs(c.args);
    EXPECT_NE(p.error.find(c.error), std::string::npos) << "args[0]=" << c.args[0] << " error=" << p.error;
  }
}

TEST(Options, HelpDocumentsEveryCheckAndOption) {
  const std::string help = HelpText();
  for (const auto& c : AllChecks()) EXPECT_NE(help.find(std::string(c.id)), std::string::npos) << c.id;
  for (const char* opt :
       {"--expect-gpus", "--expect-product", "--expect-memory", "--peak-memory-bandwidth", "--min-memory-bandwidth",
        "--peak-tflops", "--min-gemm", "--timeout", "--checks", "--quick", "--report", "--help", "--version", "--kmsg",
        "--nvml-library", "--fatal-xids", "--check-timeout", "--termination-log"})
    EXPECT_NE(help.find(opt), std::string::npos) << opt;
  EXPECT_NE(help.find("Exit codes: 0"), std::string::npos);
}

TEST(Quantity, ParsesKubernetesQuantities) {
  EXPECT_EQ(ParseQuantity("80Gi").value(), 80ull << 30);
  EXPECT_EQ(ParseQuantity("81920Mi").value(), 80ull << 30);
  EXPECT_EQ(ParseQuantity("24G").value(), 24000000000ull);
  EXPECT_EQ(ParseQuantity("1.5Ti").value(), 3ull << 39);
  EXPECT_EQ(ParseQuantity("1024").value(), 1024u);
  EXPECT_FALSE(ParseQuantity("").ok());
  EXPECT_FALSE(ParseQuantity("Gi").ok());
  EXPECT_FALSE(ParseQuantity("-1Gi").ok());
  EXPECT_FALSE(ParseQuantity("80 Gi").ok());
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(EditDistance("gemm", "gemm"), 0u);
  EXPECT_EQ(EditDistance("gem", "gemm"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
}

}  // namespace
}  // namespace mlspec::preflight
