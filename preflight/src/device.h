// The compute side of a GPU node, as the checks see it. The real
// implementation (cuda/cuda_device.cu) drives CUDA and cuBLAS; tests use a
// fake that can inject faults. Every call returns a value or an Error and
// never throws; indices are CUDA ordinals in PCI bus order.
#ifndef MLSPEC_PREFLIGHT_DEVICE_H_
#define MLSPEC_PREFLIGHT_DEVICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "expected.h"

namespace mlspec::preflight {

struct GpuProperties {
  int index = 0;
  std::string name;        // "NVIDIA A100 80GB PCIe"
  std::string pci_bus_id;  // "0000:3b:00.0", lower case
  std::string uuid;        // "GPU-..." when known
  uint64_t total_memory_bytes = 0;
  int cc_major = 0;
  int cc_minor = 0;
  int multiprocessors = 0;
};

struct Discovery {
  int driver_cuda_version = 0;   // cudaDriverGetVersion, e.g. 12040
  int runtime_cuda_version = 0;  // cudaRuntimeGetVersion of this binary
  std::vector<GpuProperties> gpus;
};

struct CorrectnessResult {
  uint64_t values_checked = 0;
  uint64_t mismatches = 0;
  std::string first_mismatch;  // "kernel int-hash index 17: got 0x.. want 0x.."
};

struct MemtestParams {
  double target_fraction = 0.9;  // of free memory
  double max_seconds = 60;       // stop starting new patterns after this
};

struct MemtestResult {
  uint64_t free_bytes = 0;
  uint64_t target_bytes = 0;
  uint64_t allocated_bytes = 0;
  int patterns_run = 0;
  int patterns_planned = 0;
  uint64_t errors = 0;
  std::string first_error;  // "pattern walking-ones word 123456: got .. want .."
};

struct BandwidthParams {
  uint64_t array_bytes = 1ull << 30;  // per array; far above any L2
  int repeats = 10;                   // best of N
};

struct BandwidthResult {
  uint64_t array_bytes = 0;
  double copy_gbps = 0;   // 2 * bytes / time (read + write)
  double triad_gbps = 0;  // 3 * bytes / time
  bool verified = false;  // sampled results checked on the host
};

struct GemmParams {
  int m = 8192, n = 8192, k = 8192;  // pinned shape
  double seconds = 10;               // sustained duration
};

struct GemmResult {
  std::string dtype;  // "bf16", "fp16", "fp32"
  int m = 0, n = 0, k = 0;
  uint64_t iterations = 0;
  double seconds = 0;
  double tflops = 0;
  uint64_t miscompares = 0;  // versus the host-checked first result
  uint64_t nans = 0;
};

struct CopyBandwidth {
  double h2d_gbps = 0;
  double d2h_gbps = 0;
};

struct PeerBandwidth {
  double unidirectional_gbps = 0;
  double bidirectional_gbps = 0;
};

class Device {
 public:
  virtual ~Device() = default;

  // Initializes the driver and lists the GPUs. Zero GPUs is a value, not an
  // error; the caller decides that it is never a pass.
  virtual Expected<Discovery> Discover() = 0;
  // Creates a context on `gpu` and runs kernels whose results the host
  // checks exactly.
  virtual Expected<CorrectnessResult> RunCorrectness(int gpu) = 0;
  virtual Expected<MemtestResult> RunMemtest(int gpu, const MemtestParams& p) = 0;
  virtual Expected<BandwidthResult> RunBandwidth(int gpu, const BandwidthParams& p) = 0;
  virtual Expected<GemmResult> RunGemm(int gpu, const GemmParams& p) = 0;
  // Pinned host<->device copies of `bytes`, best of several.
  virtual Expected<CopyBandwidth> RunPcie(int gpu, uint64_t bytes) = 0;
  // The same on all `gpus` at once; one entry per GPU, in order.
  virtual Expected<std::vector<CopyBandwidth>> RunPcieConcurrent(const std::vector<int>& gpus, uint64_t bytes) = 0;
  virtual Expected<bool> CanAccessPeer(int from, int to) = 0;
  virtual Expected<PeerBandwidth> RunPeer(int from, int to, uint64_t bytes) = 0;
};

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_DEVICE_H_
