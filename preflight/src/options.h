// Command-line options of mlspec-preflight. The Kubernetes Job emitted by
// mlspec passes --expect-*, the floors, --timeout and --checks/--quick; the
// rest are for operators and tests. Both "--flag value" and "--flag=value".
#ifndef MLSPEC_PREFLIGHT_OPTIONS_H_
#define MLSPEC_PREFLIGHT_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "expected.h"
#include "preflight/defaults.h"

namespace mlspec::preflight {

enum class Expectation { kAny, kOn, kOff };

struct Options {
  std::optional<int> expect_gpus;
  std::string expect_product;  // exact product name, as CUDA/NVML report it
  std::optional<uint64_t> expect_memory_bytes;
  std::string expect_memory_text;                               // as given, e.g. "80Gi"
  double peak_memory_bandwidth_gbps = 0;                        // catalog peak; 0 = unknown
  double min_memory_bandwidth = defaults::kMinMemoryBandwidth;  // fraction of peak
  double peak_tflops = 0;                                       // catalog dense BF16/FP16 (FP32 without tensor cores)
  double min_gemm = defaults::kMinGemm;                         // fraction of peak
  double timeout_s = 600;                                       // overall
  std::vector<std::string> checks;                              // resolved ids, in run order
  bool quick = false;
  std::string report_path;  // optional copy of the JSON report

  // Operator options (documented in --help).
  std::string termination_log = "/dev/termination-log";
  std::string kmsg_path = "/dev/kmsg";
  std::string nvml_library = "libnvidia-ml.so.1";
  std::set<int> fatal_xids;               // defaults to DefaultFatalXids()
  std::optional<double> check_timeout_s;  // overrides every per-check watchdog
  double gemm_seconds = 10;
  double memtest_fraction = 0.9;
  double min_pcie = 0.8;  // fraction of the link's per-direction ceiling
  Expectation expect_ecc = Expectation::kAny;
  Expectation expect_mig = Expectation::kAny;
  uint64_t max_sram_corrected = 5000;

  bool help = false;
  bool version = false;
};

struct ParseOutcome {
  Options options;
  std::string error;  // non-empty: print it and exit 2
};

// Parses the arguments after argv[0]. Never exits, never throws.
ParseOutcome ParseArgs(const std::vector<std::string>& args);

// The --help text: every option and every check.
std::string HelpText();

// Kubernetes quantity to bytes: "80Gi", "81920Mi", "80G", "85899345920".
Expected<uint64_t> ParseQuantity(std::string_view text);

// Levenshtein distance, for "did you mean".
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_OPTIONS_H_
