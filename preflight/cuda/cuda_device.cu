// The real Device on top of the CUDA runtime.
#include <cctype>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cuda_check.h"
#include "cuda_device.h"
#include "kernels.h"

namespace mlspec::preflight {
namespace {

std::string Uuid(const cudaUUID_t& u) {
  static const char* hex = "0123456789abcdef";
  std::string s = "GPU-";
  for (int i = 0; i < 16; ++i) {
    const auto b = static_cast<unsigned char>(u.bytes[i]);
    s += hex[b >> 4];
    s += hex[b & 15];
    if (i == 3 || i == 5 || i == 7 || i == 9) s += '-';
  }
  return s;
}

class CudaDevice : public Device {
 public:
  Expected<Discovery> Discover() override {
    Discovery d;
    PF_CUDA_TRY(cudaDriverGetVersion(&d.driver_cuda_version));
    PF_CUDA_TRY(cudaRuntimeGetVersion(&d.runtime_cuda_version));
    if (d.driver_cuda_version == 0)
      return Error{"cudaErrorNoDriver", "no NVIDIA driver: libcuda.so.1 was not found or could not be loaded",
                   cuda::SourcePosition(__FILE__, __LINE__)};
    int count = 0;
    cudaError_t e = cudaGetDeviceCount(&count);
    if (e == cudaErrorNoDevice) {
      cudaGetLastError();
      return d;  // zero GPUs: a value; inventory turns it into cannot-run
    }
    if (e != cudaSuccess) return cuda::CudaError(e, "cudaGetDeviceCount(&count)", __FILE__, __LINE__);
    for (int i = 0; i < count; ++i) {
      cudaDeviceProp prop{};
      PF_CUDA_TRY(cudaGetDeviceProperties(&prop, i));
      GpuProperties g;
      g.index = i;
      g.name = prop.name;
      char bus[32] = {};
      PF_CUDA_TRY(cudaDeviceGetPCIBusId(bus, sizeof bus, i));
      g.pci_bus_id = bus;
      for (auto& ch : g.pci_bus_id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      g.uuid = Uuid(prop.uuid);
      g.total_memory_bytes = prop.totalGlobalMem;
      g.cc_major = prop.major;
      g.cc_minor = prop.minor;
      g.multiprocessors = prop.multiProcessorCount;
      d.gpus.push_back(g);
    }
    return d;
  }

  Expected<CorrectnessResult> RunCorrectness(int gpu) override { return cuda::RunCorrectnessKernels(gpu); }
  Expected<MemtestResult> RunMemtest(int gpu, const MemtestParams& p) override {
    return cuda::RunMemtestKernels(gpu, p);
  }
  Expected<BandwidthResult> RunBandwidth(int gpu, const BandwidthParams& p) override {
    return cuda::RunBandwidthKernels(gpu, p);
  }
  Expected<GemmResult> RunGemm(int gpu, const GemmParams& p) override { return cuda::RunGemmOn(gpu, p); }
  Expected<CopyBandwidth> RunPcie(int gpu, uint64_t bytes) override { return cuda::MeasureHostCopies(gpu, bytes); }

  Expected<std::vector<CopyBandwidth>> RunPcieConcurrent(const std::vector<int>& gpus, uint64_t bytes) override {
    std::vector<std::optional<Expected<CopyBandwidth>>> results(gpus.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < gpus.size(); ++i)
      threads.emplace_back([&, i] { results[i] = cuda::MeasureHostCopies(gpus[i], bytes); });
    for (auto& t : threads) t.join();
    std::vector<CopyBandwidth> out;
    for (auto& r : results) {
      if (!r->ok()) return r->error();
      out.push_back(r->value());
    }
    return out;
  }

  Expected<bool> CanAccessPeer(int from, int to) override {
    int can = 0;
    PF_CUDA_TRY(cudaDeviceCanAccessPeer(&can, from, to));
    return can != 0;
  }

  Expected<PeerBandwidth> RunPeer(int from, int to, uint64_t bytes) override {
    return cuda::MeasurePeerCopies(from, to, bytes);
  }
};

}  // namespace

std::unique_ptr<Device> MakeCudaDevice() { return std::make_unique<CudaDevice>(); }

}  // namespace mlspec::preflight
