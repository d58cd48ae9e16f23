// The operating-system side: environment variables, /dev entries and the
// kernel log. Behind an interface so tests never touch the real machine.
#ifndef MLSPEC_PREFLIGHT_SYSTEM_PROBE_H_
#define MLSPEC_PREFLIGHT_SYSTEM_PROBE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "expected.h"

namespace mlspec::preflight {

class SystemProbe {
 public:
  virtual ~SystemProbe() = default;
  virtual std::optional<std::string> GetEnv(const std::string& name) = 0;
  // Names of entries in /dev that start with "nvidia" ("nvidia0", "nvidiactl").
  virtual std::vector<std::string> ListNvidiaDevices() = 0;
  // The kernel log as lines, oldest first (raw /dev/kmsg records or dmesg text).
  virtual Expected<std::vector<std::string>> ReadKernelLog() = 0;
};

// The real machine. `kmsg_path` is /dev/kmsg in production; a regular file
// with dmesg output works too.
std::unique_ptr<SystemProbe> MakeRealSystemProbe(std::string kmsg_path, std::string dev_dir = "/dev");

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_SYSTEM_PROBE_H_
