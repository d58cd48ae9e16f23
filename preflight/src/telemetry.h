// The management side of a GPU node (NVML), as the checks see it. GPUs are
// named by PCI bus id because NVML and CUDA may enumerate in different orders.
// Every field is optional: NOT_SUPPORTED on one GPU generation (row remapping
// before Ampere, page retirement after it) is absence, not failure.
#ifndef MLSPEC_PREFLIGHT_TELEMETRY_H_
#define MLSPEC_PREFLIGHT_TELEMETRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expected.h"

namespace mlspec::preflight {

struct ManagementInfo {
  std::optional<std::string> driver_version;  // "550.54.15"
  std::optional<uint64_t> memory_total_bytes;
  std::optional<bool> ecc_enabled;
  std::optional<bool> ecc_pending;  // mode after the next reboot
  std::optional<bool> persistence_mode;
  std::optional<bool> mig_enabled;
  std::optional<bool> mig_pending;
  std::optional<unsigned> compute_processes;  // running compute processes
};

struct NvLinkCounters {
  unsigned link = 0;
  bool active = false;
  uint64_t replay = 0;
  uint64_t recovery = 0;
  uint64_t crc_flit = 0;
  uint64_t crc_data = 0;
};

struct HealthSnapshot {
  std::optional<uint64_t> retired_pages_sbe;  // multiple single-bit errors
  std::optional<uint64_t> retired_pages_dbe;  // double-bit errors
  std::optional<bool> retirement_pending;
  std::optional<uint64_t> remapped_rows_correctable;
  std::optional<uint64_t> remapped_rows_uncorrectable;
  std::optional<bool> remap_pending;
  std::optional<bool> remap_failure;
  std::optional<uint64_t> ecc_volatile_uncorrected;
  std::optional<uint64_t> ecc_volatile_corrected;
  std::optional<uint64_t> sram_uncorrected_volatile;
  std::optional<uint64_t> sram_uncorrected_aggregate;
  std::optional<uint64_t> sram_corrected_aggregate;
  std::optional<bool> inforom_valid;
  std::optional<unsigned> pcie_gen_current;
  std::optional<unsigned> pcie_gen_max;  // of device and system together
  std::optional<unsigned> pcie_width_current;
  std::optional<unsigned> pcie_width_max;
  std::optional<uint64_t> pcie_replay_counter;
  std::vector<NvLinkCounters> nvlinks;  // links that report a state
};

// Clocks-event reason bits (NVML nvmlClocksEventReason*; the same values as
// the older nvmlClocksThrottleReason* names).
inline constexpr uint64_t kClocksEventGpuIdle = 0x1;
inline constexpr uint64_t kClocksEventSwPowerCap = 0x4;
inline constexpr uint64_t kClocksEventHwSlowdown = 0x8;
inline constexpr uint64_t kClocksEventSwThermal = 0x20;
inline constexpr uint64_t kClocksEventHwThermal = 0x40;
inline constexpr uint64_t kClocksEventHwPowerBrake = 0x80;

struct ClockSample {
  uint64_t event_reasons = 0;
  std::optional<unsigned> temperature_c;
  std::optional<unsigned> power_mw;
};

class Telemetry {
 public:
  virtual ~Telemetry() = default;
  // Ok when the management library is loaded and initialized; otherwise the
  // reason, which NVML-backed checks report as their SKIP detail.
  virtual Expected<bool> Available() = 0;
  virtual Expected<ManagementInfo> Info(const std::string& pci_bus_id) = 0;
  virtual Expected<HealthSnapshot> Health(const std::string& pci_bus_id) = 0;
  virtual Expected<ClockSample> Clocks(const std::string& pci_bus_id) = 0;
};

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_TELEMETRY_H_
