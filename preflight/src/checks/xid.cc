// xid: Xid reports since boot in the kernel log, against the fatal set.
#include <map>

#include "../checks.h"
#include "../context.h"
#include "judge.h"

namespace mlspec::preflight {

size_t JudgeXids(CheckResult& r, const std::vector<XidEvent>& events, const std::set<int>& fatal,
                 const std::string& when) {
  // Group by (class, code, pci) so a flood of one Xid is one finding.
  std::map<std::pair<int, std::string>, std::pair<size_t, std::string>> groups;
  for (const auto& e : events) {
    auto& g = groups[{e.code, e.pci}];
    if (g.first++ == 0) g.second = e.text;
  }
  size_t fatal_count = 0;
  for (const auto& [key, g] : groups) {
    const auto& [code, pci] = key;
    std::string line = "Xid " + std::to_string(code) + " on " + pci + " x" + std::to_string(g.first) + " " + when +
                       ": " + g.second.substr(0, 160);
    switch (ClassifyXid(code, fatal)) {
      case XidClass::kFatal:
        fatal_count += g.first;
        r.Fail(line);
        break;
      case XidClass::kApplication:
        r.Note("informational (application) " + line);
        break;
      case XidClass::kOther:
        r.Note("not in the fatal set: " + line);
        break;
    }
  }
  return fatal_count;
}

CheckResult RunXid(Context& ctx) {
  CheckResult r;
  r.id = "xid";
  auto lines = ctx.system.ReadKernelLog();
  if (!lines.ok()) return CheckResult::Skipped(r.id, "kernel log unreadable: " + lines.error().message);
  auto events = ParseXidLog(lines.value());
  const size_t fatal = JudgeXids(r, events, ctx.options.fatal_xids, "since boot");
  r.metrics["xid_events"] = static_cast<double>(events.size());
  r.metrics["fatal_xid_events"] = static_cast<double>(fatal);
  r.measured = std::to_string(events.size()) + " Xid events, " + std::to_string(fatal) + " fatal";
  r.expected = "no Xid from the fatal set (" + std::to_string(ctx.options.fatal_xids.size()) + " codes)";
  r.Finish();
  return r;
}

}  // namespace mlspec::preflight
