#include "xid.h"

#include <charconv>

namespace mlspec::preflight {
namespace {

bool ParseUint(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits a /dev/kmsg record "prio,seq,usec,flags[,...];message" into its
// sequence number and message. Returns false for other lines.
bool SplitKmsg(std::string_view line, uint64_t* seq, std::string_view* message) {
  size_t semi = line.find(';');
  if (semi == std::string_view::npos) return false;
  std::string_view header = line.substr(0, semi);
  size_t c1 = header.find(',');
  if (c1 == std::string_view::npos) return false;
  size_t c2 = header.find(',', c1 + 1);
  if (c2 == std::string_view::npos) return false;
  uint64_t prio = 0;
  if (!ParseUint(header.substr(0, c1), &prio)) return false;
  if (!ParseUint(header.substr(c1 + 1, c2 - c1 - 1), seq)) return false;
  *message = line.substr(semi + 1);
  return true;
}

}  // namespace

std::optional<XidEvent> ParseXidLine(std::string_view line, uint64_t fallback_sequence) {
  uint64_t seq = fallback_sequence;
  std::string_view msg = line;
  if (!SplitKmsg(line, &seq, &msg)) seq = fallback_sequence;
  static constexpr std::string_view kMarker = "NVRM: Xid (";
  size_t at = msg.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = msg.substr(at + kMarker.size());
  size_t close = rest.find(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view where = rest.substr(0, close);
  if (where.rfind("PCI:", 0) == 0) where.remove_prefix(4);
  rest = rest.substr(close + 1);
  if (rest.empty() || rest.front() != ':') return std::nullopt;
  rest = Trim(rest.substr(1));
  size_t end = 0;
  while (end < rest.size() && rest[end] >= '0' && rest[end] <= '9') ++end;
  uint64_t code = 0;
  if (end == 0 || !ParseUint(rest.substr(0, end), &code) || code > 100000) return std::nullopt;
  XidEvent ev;
  ev.sequence = seq;
  ev.pci = std::string(where);
  ev.code = static_cast<int>(code);
  ev.text = std::string(Trim(msg.substr(msg.find("NVRM: ") + 6)));
  return ev;
}

std::vector<XidEvent> ParseXidLog(const std::vector<std::string>& lines) {
  std::vector<XidEvent> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (auto ev = ParseXidLine(lines[i], i)) out.push_back(std::move(*ev));
  }
  return out;
}

uint64_t LastSequence(const std::vector<std::string>& lines) {
  uint64_t last = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    uint64_t seq = 0;
    std::string_view msg;
    if (!SplitKmsg(lines[i], &seq, &msg)) seq = i;
    if (seq > last) last = seq;
  }
  return last;
}

const std::set<int>& DefaultFatalXids() {
  // EKS node monitoring agent, monitors/nvidia/dcgm/dcgm_policies.go,
  // WellKnownXidCodes (fatal => AcceleratedHardwareReady=False, node repair):
  //   46 48 54 62 63 64 74 79 95 109 110 119 120 136 140 142 143 151 155 156 158
  // Azure HPC health checks, customTests/azure_gpu_xid.nhc, XID_EC (fails the node):
  //   48 56 57 58 62 63 64 65 68 69 73 74 79 80 81 92 119 120
  // Application Xids (13, 31, 43, 45) are in neither list as fatal.
  static const std::set<int> kFatal = {46, 48, 54, 56,  57,  58,  62,  63,  64,  65,  68,  69,  73,  74,  79, 80,
                                       81, 92, 95, 109, 110, 119, 120, 136, 140, 142, 143, 151, 155, 156, 158};
  return kFatal;
}

const std::set<int>& ApplicationXids() {
  // NVIDIA Xid catalog: 13 graphics engine exception, 31 MMU fault, 43 GPU
  // stopped processing (reset channel), 45 preemptive cleanup — all usually
  // caused by the application, resolution bucket RESTART_APP.
  static const std::set<int> kApp = {13, 31, 43, 45};
  return kApp;
}

XidClass ClassifyXid(int code, const std::set<int>& fatal) {
  if (fatal.count(code) != 0) return XidClass::kFatal;
  if (ApplicationXids().count(code) != 0) return XidClass::kApplication;
  return XidClass::kOther;
}

Expected<std::set<int>> ParseXidList(std::string_view text) {
  std::set<int> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = Trim(text.substr(start, comma - start));
    uint64_t v = 0;
    if (!ParseUint(item, &v) || v == 0 || v > 100000)
      return Error{"invalid-xid",
                   "invalid Xid '" + std::string(item) + "' in list '" + std::string(text) +
                       "' (expected comma-separated positive integers)",
                   ""};
    out.insert(static_cast<int>(v));
    start = comma + 1;
  }
  return out;
}

}  // namespace mlspec::preflight
