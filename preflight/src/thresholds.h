// Fixed thresholds, each with its source. Floors that the spec or catalog
// sets (memory bandwidth, GEMM, PCIe fraction) are options, not constants.
#ifndef MLSPEC_PREFLIGHT_THRESHOLDS_H_
#define MLSPEC_PREFLIGHT_THRESHOLDS_H_

#include <cstdint>

namespace mlspec::preflight::thresholds {

// DCGM, dcgmlib hardware limits header (DCGM_LIMIT_MAX_RETIRED_PAGES, "defined
// via bug 1665722"): 60 retired pages (single- plus double-bit) fail a GPU.
inline constexpr uint64_t kMaxRetiredPages = 60;
// DCGM_LIMIT_MAX_RETIRED_PAGES_SOFT_LIMIT: 15. We fail at 15 pages retired
// for double-bit errors, where each page is a past uncorrectable error.
inline constexpr uint64_t kMaxRetiredPagesDbe = 15;
// Azure HPC health checks, customTests/azure_gpu_ecc.nhc: more than 512 rows
// remapped for uncorrectable errors fails (NHC2007); so do a pending remap
// and a past remap failure. Any SRAM uncorrectable ECC error fails (NHC2019).
inline constexpr uint64_t kMaxUncorrectableRemappedRows = 512;
// DCGM (DCGM_LIMIT_MAX_PCIREPLAY_RATE): "8 replays per minute is the maximum
// recommended by RM".
inline constexpr double kMaxPcieReplaysPerMinute = 8;
// DCGM (DCGM_LIMIT_MAX_LWLINK_CRC_ERROR): "CRC errors only matter at rates of
// 100+ per second"; DCGM_LIMIT_MAX_LWLINK_ERROR 1 for replay/recovery errors.
inline constexpr double kMaxNvLinkCrcPerSecond = 100;
inline constexpr uint64_t kMaxNvLinkRecoveryErrors = 1;  // fail at >= 1 new
// Ours (no public floor): a GPU more than 5% below the node's median bandwidth fails.
inline constexpr double kMaxBelowMedian = 0.05;
// Peer-copy pairs more than 10% below the median pair are outliers (ours:
// no public floor exists; NVLink pairs on one node should be identical).
inline constexpr double kMaxPeerBelowMedian = 0.10;
// Reported memory versus the catalog's: T4 with ECC on shows 15360 MiB of
// 16 GiB (ECC reserves 1/16 = 6.25%), so allow 8% below; 5% above.
inline constexpr double kMemoryLowTolerance = 0.08;
inline constexpr double kMemoryHighTolerance = 0.05;
// Clocks-event reasons that fail the GEMM check: the hardware slowed the GPU
// (HW slowdown, HW thermal, HW power brake) or the driver did for heat (SW
// thermal). SW power cap is the normal limit under a full GEMM and passes.
inline constexpr uint64_t kFailingClockReasons = 0x8 | 0x20 | 0x40 | 0x80;

// Per-direction PCIe payload ceiling per lane in GB/s: 2.5/5 GT/s with
// 8b/10b, 8/16/32 GT/s with 128b/130b, 64 GT/s (Gen6, FLIT) about twice Gen5.
inline double PcieLaneGBps(unsigned gen) {
  switch (gen) {
    case 1:
      return 0.25;
    case 2:
      return 0.5;
    case 3:
      return 8.0 * 128 / 130 / 8;
    case 4:
      return 16.0 * 128 / 130 / 8;
    case 5:
      return 32.0 * 128 / 130 / 8;
    case 6:
      return 64.0 * 242 / 256 / 8;
    default:
      return 0;
  }
}

}  // namespace mlspec::preflight::thresholds

#endif  // MLSPEC_PREFLIGHT_THRESHOLDS_H_
