#include "report.h"

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "exit_codes.h"
#include "format.h"

namespace mlspec::preflight {
namespace {

using nlohmann::json;

// Rounds to 3 decimals so reports do not carry float noise.
double Round(double v) { return std::round(v * 1000.0) / 1000.0; }

json CheckJson(const CheckResult& c) {
  json j;
  j["id"] = c.id;
  j["status"] = std::string(VerdictName(c.verdict));
  j["failure"] = c.failure == Failure::kNone ? json(nullptr) : json(std::string(FailureName(c.failure)));
  j["measured"] = c.measured;
  j["expected"] = c.expected;
  j["detail"] = c.detail;
  j["seconds"] = Round(c.seconds);
  json m = json::object();
  for (const auto& [k, v] : c.metrics) m[k] = Round(v);
  j["metrics"] = m;
  j["findings"] = c.findings;
  return j;
}

bool Passed(const RunReport& r) { return ExitCodeFor(r) == kExitPass; }

std::string Reason(const RunReport& r) {
  if (!r.discovery_ok && !r.discovery_error.empty()) return r.discovery_error;
  if (r.discovery_ok && r.discovery.gpus.empty()) return "no GPU visible";
  for (const auto& c : r.checks)
    if (c.verdict == Verdict::kFail) return c.id + ": " + c.detail;
  if (r.watchdog_fired && !r.watchdog_events.empty()) return "watchdog: " + r.watchdog_events.front();
  return "";
}

}  // namespace

int ExitCodeFor(const RunReport& r) {
  bool timeout = r.watchdog_fired, cannot = false, failed = false;
  for (const auto& c : r.checks) {
    if (c.verdict != Verdict::kFail) continue;
    failed = true;
    if (c.failure == Failure::kTimeout) timeout = true;
    if (c.failure == Failure::kCannotRun) cannot = true;
  }
  if (timeout) return kExitWatchdog;
  if (!r.discovery_ok || r.discovery.gpus.empty() || cannot) return kExitCannotRun;  // zero GPUs never passes
  if (failed) return kExitCheckFailed;
  return kExitPass;
}

std::string ReportJson(const RunReport& r, const Options& o, const std::string& version) {
  json j;
  j["schema"] = kReportSchema;
  j["tool"] = {{"name", "mlspec-preflight"}, {"version", version}};
  j["result"] = Passed(r) ? "PASS" : "FAIL";
  j["exit_code"] = ExitCodeFor(r);
  j["reason"] = Reason(r);
  j["seconds"] = Round(r.seconds);
  j["watchdog"] = {{"fired", r.watchdog_fired}, {"events", r.watchdog_events}};
  json gpus = json::array();
  for (const auto& g : r.discovery.gpus)
    gpus.push_back({{"index", g.index},
                    {"name", g.name},
                    {"pci_bus_id", g.pci_bus_id},
                    {"uuid", g.uuid},
                    {"memory_bytes", g.total_memory_bytes},
                    {"compute_capability", std::to_string(g.cc_major) + "." + std::to_string(g.cc_minor)},
                    {"multiprocessors", g.multiprocessors}});
  j["node"] = {{"gpus", gpus},
               {"driver_cuda_version", r.discovery.driver_cuda_version},
               {"runtime_cuda_version", r.discovery.runtime_cuda_version},
               {"discovery_error", r.discovery_error},
               {"nvml", {{"available", r.nvml_ok}, {"reason", r.nvml_reason}}}};
  json expected;
  expected["gpus"] = o.expect_gpus ? json(*o.expect_gpus) : json(nullptr);
  expected["product"] = o.expect_product.empty() ? json(nullptr) : json(o.expect_product);
  expected["memory_bytes"] = o.expect_memory_bytes ? json(*o.expect_memory_bytes) : json(nullptr);
  expected["peak_memory_bandwidth_gbps"] =
      o.peak_memory_bandwidth_gbps > 0 ? json(o.peak_memory_bandwidth_gbps) : json(nullptr);
  expected["min_memory_bandwidth"] = o.min_memory_bandwidth;
  expected["peak_tflops"] = o.peak_tflops > 0 ? json(o.peak_tflops) : json(nullptr);
  expected["min_gemm"] = o.min_gemm;
  expected["min_pcie"] = o.min_pcie;
  expected["timeout_seconds"] = o.timeout_s;
  expected["checks"] = o.checks;
  j["expected"] = expected;
  json checks = json::array();
  for (const auto& c : r.checks) checks.push_back(CheckJson(c));
  j["checks"] = checks;
  return j.dump(2) + "\n";
}

std::string SummaryText(const RunReport& r) {
  std::ostringstream s;
  s << "mlspec-preflight: " << r.discovery.gpus.size() << " GPU(s)";
  if (!r.discovery.gpus.empty()) s << ", " << r.discovery.gpus[0].name;
  s << ", " << Fixed(r.seconds) << " s\n";
  if (!r.discovery_error.empty()) s << "  discovery: " << r.discovery_error << "\n";
  for (const auto& c : r.checks) {
    s << "  " << VerdictName(c.verdict) << "  " << c.id;
    for (size_t i = c.id.size(); i < 20; ++i) s << ' ';
    s << Fixed(c.seconds) << " s  ";
    if (c.verdict == Verdict::kPass) s << c.measured;
    else s << c.detail;
    s << "\n";
  }
  for (const auto& e : r.watchdog_events) s << "  watchdog: " << e << "\n";
  s << "Result = " << (Passed(r) ? "PASS" : "FAIL") << "\n";
  return s.str();
}

std::string TerminationMessage(const RunReport& r, size_t limit) {
  for (size_t detail_len : {600, 300, 120, 40, 0}) {
    json j;
    j["schema"] = kReportSchema;
    j["result"] = Passed(r) ? "PASS" : "FAIL";
    j["exit_code"] = ExitCodeFor(r);
    std::string reason = Reason(r);
    j["reason"] = reason.substr(0, std::max<size_t>(detail_len, 80));
    json status = json::object();
    json failed = json::array();
    for (const auto& c : r.checks) {
      status[c.id] = std::string(VerdictName(c.verdict));
      if (c.verdict == Verdict::kFail)
        failed.push_back({{"id", c.id},
                          {"failure", std::string(FailureName(c.failure))},
                          {"detail", c.detail.substr(0, detail_len)}});
    }
    j["checks"] = status;
    j["failed"] = failed;
    std::string out = j.dump();
    if (out.size() <= limit) return out;
  }
  json j = {{"schema", kReportSchema}, {"result", Passed(r) ? "PASS" : "FAIL"}, {"exit_code", ExitCodeFor(r)}};
  return j.dump().substr(0, limit);
}

}  // namespace mlspec::preflight
