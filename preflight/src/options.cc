#include "options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>

#include "checks.h"
#include "xid.h"

namespace mlspec::preflight {
namespace {

struct OptionSpec {
  std::string_view name;
  std::string_view arg;  // empty: a flag without a value
  std::string_view help;
};

// Sorted by name; the order of --help.
constexpr OptionSpec kOptions[] = {
    {"--check-timeout", "SECONDS", "override every per-check watchdog (default: per check, see below)"},
    {"--checks", "A,B,C", "run only these checks, in the standard order"},
    {"--expect-ecc", "on|off|any", "required ECC mode (default any: reported, not judged)"},
    {"--expect-gpus", "N", "GPUs the node must show (N >= 1)"},
    {"--expect-memory", "QTY", "memory per GPU as a Kubernetes quantity, e.g. 80Gi (tolerance -8%/+5%)"},
    {"--expect-mig", "on|off|any", "required MIG mode (default any: reported, not judged)"},
    {"--expect-product", "NAME", "exact product name, e.g. \"NVIDIA A100 80GB PCIe\""},
    {"--fatal-xids", "A,B,C", "Xids that fail the node (default: union of EKS and Azure sets)"},
    {"--gemm-seconds", "S", "sustained GEMM duration per GPU (default 10)"},
    {"--help", "", "print this help and exit 0"},
    {"--kmsg", "PATH", "kernel log to scan for Xids (default /dev/kmsg; dmesg text also accepted)"},
    {"--max-sram-corrected", "N", "fail above this many aggregate correctable SRAM ECC errors (default 5000)"},
    {"--memtest-fraction", "F", "fraction of free memory the pattern test must cover (default 0.9)"},
    {"--min-gemm", "F", "GEMM floor as a fraction of --peak-tflops (default 0.6)"},
    {"--min-memory-bandwidth", "F", "bandwidth floor as a fraction of --peak-memory-bandwidth (default 0.8)"},
    {"--min-pcie", "F", "PCIe floor as a fraction of the link's per-direction ceiling (default 0.8)"},
    {"--nvml-library", "PATH", "NVML shared library to dlopen (default libnvidia-ml.so.1)"},
    {"--peak-memory-bandwidth", "GB/S", "catalog peak memory bandwidth per GPU in GB/s"},
    {"--peak-tflops", "TFLOP/S", "catalog dense BF16/FP16 tensor TFLOP/s per GPU (FP32 without tensor cores)"},
    {"--quick", "", "run only inventory, health, xid, compute-correctness (<= 10 s)"},
    {"--report", "PATH", "also write the JSON report to PATH"},
    {"--termination-log", "PATH", "where to write the <= 4 KB verdict (default /dev/termination-log, if present)"},
    {"--timeout", "SECONDS", "overall time limit (default 600); a watchdog, never a hang"},
    {"--version", "", "print the version and exit 0"},
};

const OptionSpec* FindOption(std::string_view name) {
  for (const auto& o : kOptions)
    if (o.name == name) return &o;
  return nullptr;
}

std::string Suggest(std::string_view given, const std::vector<std::string_view>& candidates) {
  std::string_view best;
  size_t best_d = 1000;
  for (auto c : candidates) {
    size_t d = EditDistance(given, c);
    if (d < best_d) best_d = d, best = c;
  }
  if (best.empty() || best_d > std::max<size_t>(2, given.size() / 3)) return "";
  return "; did you mean '" + std::string(best) + "'?";
}

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*out);
}

bool ParseInt(std::string_view s, long long* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string Bad(std::string_view opt, std::string_view value, std::string_view want) {
  return "invalid value '" + std::string(value) + "' for " + std::string(opt) + ": expected " + std::string(want);
}

std::string ParseFraction(std::string_view opt, std::string_view v, double* out) {
  double d = 0;
  if (!ParseDouble(v, &d) || d <= 0 || d > 1) return Bad(opt, v, "a fraction in (0, 1]");
  *out = d;
  return "";
}

std::string ParsePositive(std::string_view opt, std::string_view v, double* out) {
  double d = 0;
  if (!ParseDouble(v, &d) || d <= 0) return Bad(opt, v, "a positive number");
  *out = d;
  return "";
}

std::string ParseExpectation(std::string_view opt, std::string_view v, Expectation* out) {
  if (v == "on") *out = Expectation::kOn;
  else if (v == "off") *out = Expectation::kOff;
  else if (v == "any") *out = Expectation::kAny;
  else return Bad(opt, v, "on, off or any");
  return "";
}

std::string ParseCheckList(std::string_view v, std::vector<std::string>* out) {
  std::vector<std::string_view> ids;
  for (const auto& c : AllChecks()) ids.push_back(c.id);
  std::set<std::string> wanted;
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    if (comma == std::string_view::npos) comma = v.size();
    std::string_view item = v.substr(start, comma - start);
    if (item.empty()) return Bad("--checks", v, "a comma-separated list of check ids");
    if (FindCheck(item) == nullptr)
      return "unknown check '" + std::string(item) + "' in --checks" + Suggest(item, ids) +
             " (see --help for the list)";
    wanted.insert(std::string(item));
    start = comma + 1;
  }
  out->clear();
  for (const auto& c : AllChecks())
    if (wanted.count(std::string(c.id))) out->push_back(std::string(c.id));
  return "";
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

Expected<uint64_t> ParseQuantity(std::string_view text) {
  static const std::pair<std::string_view, double> kSuffixes[] = {{"Ki", 1024.0},
                                                                  {"Mi", 1048576.0},
                                                                  {"Gi", 1073741824.0},
                                                                  {"Ti", 1099511627776.0},
                                                                  {"Pi", 1125899906842624.0},
                                                                  {"k", 1e3},
                                                                  {"M", 1e6},
                                                                  {"G", 1e9},
                                                                  {"T", 1e12},
                                                                  {"P", 1e15}};
  std::string_view number = text;
  double scale = 1;
  for (const auto& [suffix, mult] : kSuffixes) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      number = text.substr(0, text.size() - suffix.size());
      scale = mult;
      break;
    }
  }
  double v = 0;
  if (!ParseDouble(number, &v) || v <= 0 || v * scale > 1.8e19)
    return Error{"invalid-quantity",
                 "invalid memory quantity '" + std::string(text) +
                     "': expected a Kubernetes quantity such as 80Gi, 81920Mi or 80G",
                 ""};
  return static_cast<uint64_t>(std::llround(v * scale));
}

ParseOutcome ParseArgs(const std::vector<std::string>& args) {
  ParseOutcome out;
  Options& o = out.options;
  o.fatal_xids = DefaultFatalXids();
  std::vector<std::string_view> names;
  for (const auto& s : kOptions) names.push_back(s.name);
  bool checks_given = false;

  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      out.error = "unexpected argument '" + std::string(arg) + "' (options start with --; see --help)";
      return out;
    }
    std::string_view name = arg;
    std::optional<std::string> value;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    }
    const OptionSpec* spec = FindOption(name);
    if (spec == nullptr) {
      out.error = "unknown option '" + std::string(name) + "'" + Suggest(name, names);
      return out;
    }
    if (spec->arg.empty()) {
      if (value) {
        out.error = std::string(name) + " takes no value";
        return out;
      }
    } else if (!value) {
      if (i + 1 >= args.size()) {
        out.error = "missing value for " + std::string(name) + " (expected " + std::string(spec->arg) + ")";
        return out;
      }
      value = args[++i];
    }
    const std::string v = value.value_or("");
    std::string err;
    if (name == "--help") {
      o.help = true;
    } else if (name == "--version") {
      o.version = true;
    } else if (name == "--quick") {
      o.quick = true;
    } else if (name == "--expect-gpus") {
      long long n = 0;
      if (!ParseInt(v, &n) || n < 1 || n > 1024) err = Bad(name, v, "an integer >= 1 (zero GPUs is never a pass)");
      else o.expect_gpus = static_cast<int>(n);
    } else if (name == "--expect-product") {
      if (v.empty()) err = Bad(name, v, "a non-empty product name");
      o.expect_product = v;
    } else if (name == "--expect-memory") {
      auto q = ParseQuantity(v);
      if (!q.ok()) err = q.error().message;
      else o.expect_memory_bytes = q.value(), o.expect_memory_text = v;
    } else if (name == "--peak-memory-bandwidth") {
      err = ParsePositive(name, v, &o.peak_memory_bandwidth_gbps);
    } else if (name == "--min-memory-bandwidth") {
      err = ParseFraction(name, v, &o.min_memory_bandwidth);
    } else if (name == "--peak-tflops") {
      err = ParsePositive(name, v, &o.peak_tflops);
    } else if (name == "--min-gemm") {
      err = ParseFraction(name, v, &o.min_gemm);
    } else if (name == "--min-pcie") {
      err = ParseFraction(name, v, &o.min_pcie);
    } else if (name == "--memtest-fraction") {
      err = ParseFraction(name, v, &o.memtest_fraction);
    } else if (name == "--timeout") {
      err = ParsePositive(name, v, &o.timeout_s);
    } else if (name == "--check-timeout") {
      double d = 0;
      err = ParsePositive(name, v, &d);
      o.check_timeout_s = d;
    } else if (name == "--gemm-seconds") {
      err = ParsePositive(name, v, &o.gemm_seconds);
    } else if (name == "--checks") {
      checks_given = true;
      err = ParseCheckList(v, &o.checks);
    } else if (name == "--report") {
      if (v.empty()) err = Bad(name, v, "a path");
      o.report_path = v;
    } else if (name == "--termination-log") {
      o.termination_log = v;
    } else if (name == "--kmsg") {
      if (v.empty()) err = Bad(name, v, "a path");
      o.kmsg_path = v;
    } else if (name == "--nvml-library") {
      if (v.empty()) err = Bad(name, v, "a library name or path");
      o.nvml_library = v;
    } else if (name == "--fatal-xids") {
      auto set = ParseXidList(v);
      if (!set.ok()) err = set.error().message;
      else o.fatal_xids = set.value();
    } else if (name == "--expect-ecc") {
      err = ParseExpectation(name, v, &o.expect_ecc);
    } else if (name == "--expect-mig") {
      err = ParseExpectation(name, v, &o.expect_mig);
    } else if (name == "--max-sram-corrected") {
      long long n = 0;
      if (!ParseInt(v, &n) || n < 0) err = Bad(name, v, "an integer >= 0");
      else o.max_sram_corrected = static_cast<uint64_t>(n);
    }
    if (!err.empty()) {
      out.error = err;
      return out;
    }
  }
  if (o.quick && checks_given) {
    out.error = "--quick and --checks cannot be combined; use one";
    return out;
  }
  if (!checks_given) {
    o.checks.clear();
    for (const auto& c : AllChecks())
      if (!o.quick || c.quick) o.checks.push_back(std::string(c.id));
  }
  return out;
}

std::string HelpText() {
  std::ostringstream s;
  s << "Usage: mlspec-preflight [options]\n\n"
       "Proves a GPU node is the node the spec promised and performs like one.\n"
       "JSON report on stdout, human summary on stderr ending in 'Result = PASS|FAIL',\n"
       "a <= 4 KB verdict in /dev/termination-log when present.\n\n"
       "Exit codes: 0 all passed; 1 a check failed; 2 cannot run (no GPU, no driver,\n"
       "bad arguments); 3 a watchdog fired (the report lists what finished).\n\n"
       "Options:\n";
  for (const auto& o : kOptions) {
    std::string left = std::string(o.name) + (o.arg.empty() ? "" : " " + std::string(o.arg));
    s << "  " << left;
    for (size_t i = left.size(); i < 32; ++i) s << ' ';
    s << o.help << "\n";
  }
  s << "  (every option also accepts --option=value)\n\nChecks (default: all, in this order; "
       "* = in --quick):\n";
  for (const auto& c : AllChecks()) {
    std::string left = std::string(c.id) + (c.quick ? " *" : "");
    s << "  " << left;
    for (size_t i = left.size(); i < 22; ++i) s << ' ';
    s << c.summary << " [watchdog " << static_cast<int>(c.default_timeout_s) << " s]\n";
  }
  return s.str();
}

}  // namespace mlspec::preflight
