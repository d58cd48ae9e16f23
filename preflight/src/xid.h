// Parsing NVIDIA Xid reports out of the kernel log and classifying them.
#ifndef MLSPEC_PREFLIGHT_XID_H_
#define MLSPEC_PREFLIGHT_XID_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "expected.h"

namespace mlspec::preflight {

struct XidEvent {
  uint64_t sequence = 0;  // /dev/kmsg sequence number, or the line index for dmesg text
  std::string pci;        // "0000:3b:00" as the driver prints it
  int code = 0;
  std::string text;  // the message after "NVRM: "
};

// Parses one kernel-log line. Accepts /dev/kmsg records
// ("4,1234,567890,-;NVRM: Xid (PCI:0000:3b:00): 79, pid=..., GPU has fallen off the bus.")
// and dmesg text ("[  12.3] NVRM: Xid (PCI:0000:3b:00): 79, ..."). Returns
// nullopt for lines that are not Xid reports. `fallback_sequence` is used
// when the line carries no kmsg sequence number.
std::optional<XidEvent> ParseXidLine(std::string_view line, uint64_t fallback_sequence);

// All Xid events in `lines`, in order.
std::vector<XidEvent> ParseXidLog(const std::vector<std::string>& lines);

// The highest kmsg sequence number (or line index) in `lines`; the baseline
// for "new since the start of this run".
uint64_t LastSequence(const std::vector<std::string>& lines);

enum class XidClass { kFatal, kApplication, kOther };

// Default fatal set: the union of the Xids the EKS node monitoring agent
// treats as fatal and those Azure's HPC health checks fail on (xid.cc cites both).
const std::set<int>& DefaultFatalXids();
// Xids caused by applications (13, 31, 43, 45): informational.
const std::set<int>& ApplicationXids();

XidClass ClassifyXid(int code, const std::set<int>& fatal);

// Parses "48,63,79" into a set; rejects anything but comma-separated
// positive integers.
Expected<std::set<int>> ParseXidList(std::string_view text);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_XID_H_
