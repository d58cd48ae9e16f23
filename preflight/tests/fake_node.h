// A fake GPU node for CPU tests: implements Device, Telemetry and
// SystemProbe, starts healthy (an HGX H100 node) and lets a test inject
// each fault — missing GPU, wrong product, ECC errors, retired pages, a
// downtrained link, a slow GPU, a GEMM miscompare, a hang, Xid lines...
#ifndef MLSPEC_PREFLIGHT_TESTS_FAKE_NODE_H_
#define MLSPEC_PREFLIGHT_TESTS_FAKE_NODE_H_

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "device.h"
#include "system_probe.h"
#include "telemetry.h"

namespace mlspec::preflight::testing {

struct FakeGpu {
  GpuProperties props;
  ManagementInfo info;
  HealthSnapshot health;                            // before any load
  std::optional<HealthSnapshot> health_after;       // once a load ran, when set
  std::optional<HealthSnapshot> health_after_peer;  // once peer copies ran, when set
  ClockSample clocks;
  CorrectnessResult correctness;
  uint64_t free_bytes = 0;
  std::optional<uint64_t> alloc_limit;  // memtest can allocate at most this
  int memtest_patterns_run = 7;
  uint64_t memtest_errors = 0;
  BandwidthResult bandwidth;
  GemmResult gemm;
  CopyBandwidth pcie;
};

class FakeNode : public Device, public Telemetry, public SystemProbe {
 public:
  // `gpus` healthy H100 SXM GPUs with NVLink, NVML present, clean kernel log.
  explicit FakeNode(int gpus = 8);
  ~FakeNode() override;

  // --- what the test changes ---
  std::vector<FakeGpu> gpus;
  int driver_cuda_version = 12040;
  int runtime_cuda_version = 12040;
  std::optional<Error> discover_error;
  std::optional<Error> nvml_error;
  std::map<std::string, Error> errors;  // op ("correctness", "gemm", ...) -> error for every GPU
  std::set<std::string> hangs;          // ops that block until Release()
  std::map<std::string, std::string> env;
  std::vector<std::string> dev_nodes;
  std::vector<std::string> kmsg;
  std::vector<std::string> kmsg_after_load;
  std::optional<Error> kmsg_error;
  bool can_peer = true;
  PeerBandwidth peer{350, 650};
  std::map<std::pair<int, int>, PeerBandwidth> peer_overrides;

  // Unblocks every hang (tests call it before Runner::JoinAbandoned()).
  void Release();
  bool loaded() const { return loaded_; }

  // Device
  Expected<Discovery> Discover() override;
  Expected<CorrectnessResult> RunCorrectness(int gpu) override;
  Expected<MemtestResult> RunMemtest(int gpu, const MemtestParams& p) override;
  Expected<BandwidthResult> RunBandwidth(int gpu, const BandwidthParams& p) override;
  Expected<GemmResult> RunGemm(int gpu, const GemmParams& p) override;
  Expected<CopyBandwidth> RunPcie(int gpu, uint64_t bytes) override;
  Expected<std::vector<CopyBandwidth>> RunPcieConcurrent(const std::vector<int>& gpus, uint64_t bytes) override;
  Expected<bool> CanAccessPeer(int from, int to) override;
  Expected<PeerBandwidth> RunPeer(int from, int to, uint64_t bytes) override;
  // Telemetry
  Expected<bool> Available() override;
  Expected<ManagementInfo> Info(const std::string& pci) override;
  Expected<HealthSnapshot> Health(const std::string& pci) override;
  Expected<ClockSample> Clocks(const std::string& pci) override;
  // SystemProbe
  std::optional<std::string> GetEnv(const std::string& name) override;
  std::vector<std::string> ListNvidiaDevices() override;
  Expected<std::vector<std::string>> ReadKernelLog() override;

 private:
  // Blocks while `op` is in hangs_ and not released; returns the injected
  // error for `op`, if any.
  std::optional<Error> Enter(const std::string& op);
  const FakeGpu* ByPci(const std::string& pci) const;

  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
  std::atomic<bool> loaded_{false};
  std::atomic<bool> peer_ran_{false};
};

}  // namespace mlspec::preflight::testing

#endif  // MLSPEC_PREFLIGHT_TESTS_FAKE_NODE_H_
