#include "checks.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "context.h"

namespace mlspec::preflight {

const std::vector<CheckInfo>& AllChecks() {
  static const std::vector<CheckInfo> kChecks = {
      {"inventory",
       "GPU count, product, memory, compute capability, driver >= runtime, ECC/persistence/MIG, no foreign processes",
       true, true, false, 30, RunInventory},
      {"health", "NVML: retired pages, remapped rows, volatile/SRAM ECC, InfoROM (DCGM and Azure thresholds)", true,
       true, false, 30, RunHealth},
      {"xid", "fatal Xids since boot in the kernel log (EKS + Azure set); 13/31/43/45 informational", true, false,
       false, 15, RunXid},
      {"env", "CUDA environment variables that break or distort runs; /dev/nvidia* device count", false, false, false,
       5, RunEnv},
      {"compute-correctness", "a context on every GPU; kernels checked exactly on the host", true, true, true, 60,
       RunComputeCorrectness},
      {"memory-integrity", "00/AA/55/FF, walking ones, address-in-address over >= 90% of free memory", false, true,
       true, 120, RunMemoryIntegrity},
      {"memory-bandwidth",
       "copy and triad over >= 1 GiB arrays, best of N: fraction of catalog peak and of the node median", false, true,
       true, 60, RunMemoryBandwidth},
      {"gemm",
       "sustained cuBLAS GEMM (BF16/FP16 tensor cores, FP32 otherwise), cross-checked, clocks-event reasons sampled",
       false, true, true, 90, RunGemm},
      {"pcie", "pinned host<->device copies per GPU and all at once; link generation/width versus maximum", false, true,
       true, 60, RunPcie},
      {"p2p", "NVLink link state, peer copy bandwidth per pair, CRC/replay counters before and after", false, true,
       true, 120, RunP2p},
      {"post-deltas",
       "after the load: new ECC errors, pending retirements/remaps, new Xids, PCIe/NVLink error counters", false, true,
       false, 30, RunPostDeltas},
  };
  return kChecks;
}

const CheckInfo* FindCheck(std::string_view id) {
  for (const auto& c : AllChecks())
    if (c.id == id) return &c;
  return nullptr;
}

void SampleWhile(const std::function<void()>& work, const std::function<void()>& sample,
                 std::chrono::milliseconds period) {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread sampler([&] {
    std::unique_lock<std::mutex> lock(mu);
    while (!done) {
      lock.unlock();
      sample();
      lock.lock();
      cv.wait_for(lock, period, [&] { return done; });
    }
  });
  work();
  {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
  }
  cv.notify_all();
  sampler.join();
  sample();  // one more after the work, so a short run still has a sample
}

}  // namespace mlspec::preflight
