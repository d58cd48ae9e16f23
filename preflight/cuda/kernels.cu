// Correctness, memory-pattern, bandwidth and copy kernels for mlspec-preflight.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "cuda_check.h"
#include "kernels.h"
#include "resources.h"

namespace mlspec::preflight::cuda {
namespace {

// ---------------------------------------------------------------- correctness
__host__ __device__ inline uint32_t Mix(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

__host__ __device__ inline float FmaA(uint32_t i) { return static_cast<float>(static_cast<int>(i % 2047) - 1023); }
__host__ __device__ inline float FmaB(uint32_t i) { return static_cast<float>(static_cast<int>(i % 509) - 254); }
__host__ __device__ inline float FmaC(uint32_t i) { return static_cast<float>(i % 8191); }

constexpr int kReduceBlock = 256;

__global__ void CorrectnessKernel(uint32_t n, uint32_t* hashes, float* fmas, double* doubles,
                                  unsigned long long* block_sums, unsigned long long* counter) {
  __shared__ unsigned long long partial[kReduceBlock];
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  uint32_t value = 0;
  if (i < n) {
    hashes[i] = Mix(i ^ 0x9e3779b9U);
    // Small integers: a*b+c is exact in FP32, so the host can compare bits.
    fmas[i] = fmaf(FmaA(i), FmaB(i), FmaC(i));
    doubles[i] = static_cast<double>(i) * 3.0 + 0.5;
    value = i % 1000;
    atomicAdd(counter, 1ULL);
  }
  partial[threadIdx.x] = value;
  __syncthreads();
  for (int stride = kReduceBlock / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) block_sums[blockIdx.x] = partial[0];
}

// ------------------------------------------------------------------- memtest
enum PatternMode { kConstant = 0, kWalkingOnes = 1, kAddress = 2, kAddressInverse = 3 };

struct Pattern {
  const char* name;
  PatternMode mode;
  uint32_t constant;
};

constexpr Pattern kPatterns[] = {
    {"0x00", kConstant, 0x00000000U},
    {"0xAA", kConstant, 0xAAAAAAAAU},
    {"0x55", kConstant, 0x55555555U},
    {"0xFF", kConstant, 0xFFFFFFFFU},
    {"walking-ones", kWalkingOnes, 0},
    {"address-in-address", kAddress, 0},
    {"address-in-address-inverted", kAddressInverse, 0},
};

__device__ inline uint32_t PatternValue(int mode, uint32_t constant, uint64_t word) {
  switch (mode) {
    case kWalkingOnes:
      return 1U << (word & 31);
    case kAddress:
      return static_cast<uint32_t>(word) ^ static_cast<uint32_t>(word >> 32);
    case kAddressInverse:
      return ~(static_cast<uint32_t>(word) ^ static_cast<uint32_t>(word >> 32));
    default:
      return constant;
  }
}

__global__ void FillPattern(uint32_t* p, size_t words, uint64_t base, int mode, uint32_t constant) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < words;
       i += static_cast<size_t>(gridDim.x) * blockDim.x)
    p[i] = PatternValue(mode, constant, base + i);
}

__global__ void VerifyPattern(const uint32_t* p, size_t words, uint64_t base, int mode, uint32_t constant,
                              unsigned long long* errors, unsigned long long* first_bad, uint32_t* first_got) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < words;
       i += static_cast<size_t>(gridDim.x) * blockDim.x) {
    const uint32_t got = p[i];
    if (got != PatternValue(mode, constant, base + i)) {
      atomicAdd(errors, 1ULL);
      const unsigned long long word = base + i;
      if (atomicMin(first_bad, word) > word) *first_got = got;  // best effort
    }
  }
}

// ----------------------------------------------------------------- bandwidth
__global__ void FillFloat4(float4* p, size_t n, float v) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x)
    p[i] = make_float4(v, v, v, v);
}

__global__ void Copy(const float4* __restrict__ a, float4* __restrict__ b, size_t n) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x)
    b[i] = a[i];
}

__global__ void Triad(float4* __restrict__ a, const float4* __restrict__ b, const float4* __restrict__ c, float s,
                      size_t n) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x) {
    const float4 x = b[i], y = c[i];
    a[i] = make_float4(x.x + s * y.x, x.y + s * y.y, x.z + s * y.z, x.w + s * y.w);
  }
}

int GridFor(int gpu, size_t n, int block) {
  int sms = 80;
  cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, gpu);
  const size_t want = (n + block - 1) / block;
  return static_cast<int>(std::max<size_t>(1, std::min<size_t>(want, static_cast<size_t>(sms) * 32)));
}

std::string Hex(uint32_t v) {
  char buf[16];
  snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

}  // namespace

Expected<CorrectnessResult> RunCorrectnessKernels(int gpu) {
  PF_CUDA_TRY(cudaSetDevice(gpu));
  constexpr uint32_t n = 1u << 22;
  const uint32_t blocks = (n + kReduceBlock - 1) / kReduceBlock;
  DeviceBuffer<uint32_t> hashes;
  DeviceBuffer<float> fmas;
  DeviceBuffer<double> doubles;
  DeviceBuffer<unsigned long long> sums, counter;
  PF_CUDA_TRY(hashes.Allocate(n));
  PF_CUDA_TRY(fmas.Allocate(n));
  PF_CUDA_TRY(doubles.Allocate(n));
  PF_CUDA_TRY(sums.Allocate(blocks));
  PF_CUDA_TRY(counter.Allocate(1));
  PF_CUDA_TRY(cudaMemset(counter.get(), 0, sizeof(unsigned long long)));
  CorrectnessKernel<<<blocks, kReduceBlock>>>(n, hashes.get(), fmas.get(), doubles.get(), sums.get(), counter.get());
  PF_CUDA_TRY_LAUNCH();
  PF_CUDA_TRY(cudaDeviceSynchronize());

  std::vector<uint32_t> h(n);
  std::vector<float> f(n);
  std::vector<double> d(n);
  std::vector<unsigned long long> s(blocks);
  unsigned long long count = 0;
  PF_CUDA_TRY(cudaMemcpy(h.data(), hashes.get(), n * sizeof(uint32_t), cudaMemcpyDeviceToHost));
  PF_CUDA_TRY(cudaMemcpy(f.data(), fmas.get(), n * sizeof(float), cudaMemcpyDeviceToHost));
  PF_CUDA_TRY(cudaMemcpy(d.data(), doubles.get(), n * sizeof(double), cudaMemcpyDeviceToHost));
  PF_CUDA_TRY(cudaMemcpy(s.data(), sums.get(), blocks * sizeof(unsigned long long), cudaMemcpyDeviceToHost));
  PF_CUDA_TRY(cudaMemcpy(&count, counter.get(), sizeof count, cudaMemcpyDeviceToHost));

  CorrectnessResult r;
  auto miss = [&](const std::string& what) {
    if (r.mismatches++ == 0) r.first_mismatch = what;
  };
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t want = Mix(i ^ 0x9e3779b9U);
    if (h[i] != want) miss("int-hash[" + std::to_string(i) + "] got " + Hex(h[i]) + " want " + Hex(want));
    const float wf = FmaA(i) * FmaB(i) + FmaC(i);
    if (f[i] != wf)
      miss("fp32-fma[" + std::to_string(i) + "] got " + std::to_string(f[i]) + " want " + std::to_string(wf));
    const double wd = static_cast<double>(i) * 3.0 + 0.5;
    if (d[i] != wd) miss("fp64[" + std::to_string(i) + "] got " + std::to_string(d[i]));
  }
  for (uint32_t b = 0; b < blocks; ++b) {
    unsigned long long want = 0;
    for (uint32_t t = 0; t < kReduceBlock; ++t) {
      const uint32_t i = b * kReduceBlock + t;
      if (i < n) want += i % 1000;
    }
    if (s[b] != want)
      miss("shared-reduce[" + std::to_string(b) + "] got " + std::to_string(s[b]) + " want " + std::to_string(want));
  }
  if (count != n) miss("atomic-count got " + std::to_string(count) + " want " + std::to_string(n));
  r.values_checked = 3ull * n + blocks + 1;
  return r;
}

Expected<MemtestResult> RunMemtestKernels(int gpu, const MemtestParams& p) {
  PF_CUDA_TRY(cudaSetDevice(gpu));
  MemtestResult r;
  size_t free_bytes = 0, total_bytes = 0;
  PF_CUDA_TRY(cudaMemGetInfo(&free_bytes, &total_bytes));
  r.free_bytes = free_bytes;
  r.target_bytes = static_cast<uint64_t>(static_cast<double>(free_bytes) * p.target_fraction) & ~uint64_t{4095};
  r.patterns_planned = static_cast<int>(sizeof kPatterns / sizeof kPatterns[0]);

  // Chunks of up to 1 GiB reach the target despite fragmentation; the
  // counters are allocated first so the chunks can take the rest.
  DeviceBuffer<unsigned long long> counters;
  DeviceBuffer<uint32_t> got;
  PF_CUDA_TRY(counters.Allocate(2));
  PF_CUDA_TRY(got.Allocate(1));
  std::vector<DeviceBuffer<uint32_t>> chunks;
  constexpr uint64_t kChunk = 1ull << 30;
  while (r.allocated_bytes < r.target_bytes) {
    const uint64_t want = std::min(kChunk, r.target_bytes - r.allocated_bytes);
    DeviceBuffer<uint32_t> c;
    if (c.Allocate(want / sizeof(uint32_t)) != cudaSuccess) {
      cudaGetLastError();  // clear the allocation failure; the result says what is missing
      break;
    }
    r.allocated_bytes += want;
    chunks.push_back(std::move(c));
  }
  if (r.allocated_bytes < r.target_bytes) return r;  // the check fails it

  const auto start = std::chrono::steady_clock::now();
  for (const Pattern& pat : kPatterns) {
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > p.max_seconds) break;
    const unsigned long long init[2] = {0, ~0ULL};
    PF_CUDA_TRY(cudaMemcpy(counters.get(), init, sizeof init, cudaMemcpyHostToDevice));
    uint64_t base = 0;
    for (auto& c : chunks) {
      FillPattern<<<GridFor(gpu, c.size(), 256), 256>>>(c.get(), c.size(), base, pat.mode, pat.constant);
      PF_CUDA_TRY_LAUNCH();
      base += c.size();
    }
    base = 0;
    for (auto& c : chunks) {
      VerifyPattern<<<GridFor(gpu, c.size(), 256), 256>>>(c.get(), c.size(), base, pat.mode, pat.constant,
                                                          counters.get(), counters.get() + 1, got.get());
      PF_CUDA_TRY_LAUNCH();
      base += c.size();
    }
    PF_CUDA_TRY(cudaDeviceSynchronize());
    unsigned long long out[2] = {0, 0};
    uint32_t first_got = 0;
    PF_CUDA_TRY(cudaMemcpy(out, counters.get(), sizeof out, cudaMemcpyDeviceToHost));
    PF_CUDA_TRY(cudaMemcpy(&first_got, got.get(), sizeof first_got, cudaMemcpyDeviceToHost));
    if (out[0] > 0 && r.errors == 0)
      r.first_error = std::string("pattern ") + pat.name + " word " + std::to_string(out[1]) + " (byte offset " +
                      std::to_string(out[1] * 4) + ") read " + Hex(first_got);
    r.errors += out[0];
    ++r.patterns_run;
  }
  return r;
}

Expected<BandwidthResult> RunBandwidthKernels(int gpu, const BandwidthParams& p) {
  PF_CUDA_TRY(cudaSetDevice(gpu));
  const size_t n = p.array_bytes / sizeof(float4);
  DeviceBuffer<float4> a, b, c;
  PF_CUDA_TRY(a.Allocate(n));
  PF_CUDA_TRY(b.Allocate(n));
  PF_CUDA_TRY(c.Allocate(n));
  const int block = 256, grid = GridFor(gpu, n, block);
  FillFloat4<<<grid, block>>>(a.get(), n, 1.0f);
  FillFloat4<<<grid, block>>>(b.get(), n, 2.0f);
  FillFloat4<<<grid, block>>>(c.get(), n, 3.0f);
  PF_CUDA_TRY_LAUNCH();
  Event e0, e1;
  PF_CUDA_TRY(e0.Create());
  PF_CUDA_TRY(e1.Create());
  BandwidthResult r;
  r.array_bytes = n * sizeof(float4);
  float best_copy = 1e30f, best_triad = 1e30f;
  for (int i = 0; i < p.repeats + 1; ++i) {  // the first round warms up
    float ms = 0;
    PF_CUDA_TRY(cudaEventRecord(e0.get()));
    Copy<<<grid, block>>>(a.get(), b.get(), n);  // b = a
    PF_CUDA_TRY(cudaEventRecord(e1.get()));
    PF_CUDA_TRY_LAUNCH();
    PF_CUDA_TRY(cudaEventSynchronize(e1.get()));
    PF_CUDA_TRY(cudaEventElapsedTime(&ms, e0.get(), e1.get()));
    if (i > 0) best_copy = std::min(best_copy, ms);
    PF_CUDA_TRY(cudaEventRecord(e0.get()));
    Triad<<<grid, block>>>(a.get(), b.get(), c.get(), 2.0f, n);  // a = b + 2*3
    PF_CUDA_TRY(cudaEventRecord(e1.get()));
    PF_CUDA_TRY_LAUNCH();
    PF_CUDA_TRY(cudaEventSynchronize(e1.get()));
    PF_CUDA_TRY(cudaEventElapsedTime(&ms, e0.get(), e1.get()));
    if (i > 0) best_triad = std::min(best_triad, ms);
  }
  const double bytes = static_cast<double>(r.array_bytes);
  r.copy_gbps = 2 * bytes / (best_copy * 1e-3) / 1e9;
  r.triad_gbps = 3 * bytes / (best_triad * 1e-3) / 1e9;
  // Sampled verification. Each round copies b = a, then a = b + 2*3, so
  // after N rounds a = 1 + 6N and b = 1 + 6(N-1): exact small floats.
  const int rounds = p.repeats + 1;
  const float want_a = 1.0f + 6.0f * rounds, want_b = want_a - 6.0f;
  r.verified = true;
  const size_t step = std::max<size_t>(1, n / 4096);
  for (size_t i = 0; i < n; i += step) {
    float4 va, vb;
    PF_CUDA_TRY(cudaMemcpy(&va, a.get() + i, sizeof va, cudaMemcpyDeviceToHost));
    PF_CUDA_TRY(cudaMemcpy(&vb, b.get() + i, sizeof vb, cudaMemcpyDeviceToHost));
    if (va.x != want_a || va.y != want_a || va.z != want_a || va.w != want_a || vb.x != want_b || vb.w != want_b) {
      r.verified = false;
      break;
    }
  }
  return r;
}

Expected<CopyBandwidth> MeasureHostCopies(int gpu, uint64_t bytes) {
  PF_CUDA_TRY(cudaSetDevice(gpu));
  PinnedBuffer host;
  DeviceBuffer<unsigned char> dev;
  Stream stream;
  Event e0, e1;
  PF_CUDA_TRY(host.Allocate(bytes));
  PF_CUDA_TRY(dev.Allocate(bytes));
  PF_CUDA_TRY(stream.Create());
  PF_CUDA_TRY(e0.Create());
  PF_CUDA_TRY(e1.Create());
  auto best = [&](bool h2d) -> Expected<double> {
    float best_ms = 1e30f;
    for (int i = 0; i < 6; ++i) {
      PF_CUDA_TRY(cudaEventRecord(e0.get(), stream.get()));
      if (h2d) PF_CUDA_TRY(cudaMemcpyAsync(dev.get(), host.get(), bytes, cudaMemcpyHostToDevice, stream.get()));
      else PF_CUDA_TRY(cudaMemcpyAsync(host.get(), dev.get(), bytes, cudaMemcpyDeviceToHost, stream.get()));
      PF_CUDA_TRY(cudaEventRecord(e1.get(), stream.get()));
      PF_CUDA_TRY(cudaEventSynchronize(e1.get()));
      float ms = 0;
      PF_CUDA_TRY(cudaEventElapsedTime(&ms, e0.get(), e1.get()));
      if (i > 0) best_ms = std::min(best_ms, ms);
    }
    return static_cast<double>(bytes) / (best_ms * 1e-3) / 1e9;
  };
  auto h2d = best(true);
  if (!h2d.ok()) return h2d.error();
  auto d2h = best(false);
  if (!d2h.ok()) return d2h.error();
  return CopyBandwidth{h2d.value(), d2h.value()};
}

Expected<PeerBandwidth> MeasurePeerCopies(int from, int to, uint64_t bytes) {
  for (auto [a, b] : {std::pair{from, to}, std::pair{to, from}}) {
    PF_CUDA_TRY(cudaSetDevice(a));
    cudaError_t e = cudaDeviceEnablePeerAccess(b, 0);
    if (e == cudaErrorPeerAccessAlreadyEnabled) cudaGetLastError();
    else if (e != cudaSuccess) return CudaError(e, "cudaDeviceEnablePeerAccess(peer, 0)", __FILE__, __LINE__);
  }
  DeviceBuffer<unsigned char> src, dst, back;
  Stream s_from, s_to;
  PF_CUDA_TRY(cudaSetDevice(from));
  PF_CUDA_TRY(src.Allocate(bytes));
  PF_CUDA_TRY(s_from.Create());
  PF_CUDA_TRY(cudaSetDevice(to));
  PF_CUDA_TRY(dst.Allocate(bytes));
  PF_CUDA_TRY(back.Allocate(bytes));
  PF_CUDA_TRY(s_to.Create());

  double best_uni = 1e30, best_bi = 1e30;
  for (int i = 0; i < 6; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    PF_CUDA_TRY(cudaMemcpyPeerAsync(dst.get(), to, src.get(), from, bytes, s_from.get()));
    PF_CUDA_TRY(cudaStreamSynchronize(s_from.get()));
    auto t1 = std::chrono::steady_clock::now();
    PF_CUDA_TRY(cudaMemcpyPeerAsync(dst.get(), to, src.get(), from, bytes, s_from.get()));
    PF_CUDA_TRY(cudaMemcpyPeerAsync(src.get(), from, back.get(), to, bytes, s_to.get()));
    PF_CUDA_TRY(cudaStreamSynchronize(s_from.get()));
    PF_CUDA_TRY(cudaStreamSynchronize(s_to.get()));
    auto t2 = std::chrono::steady_clock::now();
    if (i == 0) continue;  // warm-up
    best_uni = std::min(best_uni, std::chrono::duration<double>(t1 - t0).count());
    best_bi = std::min(best_bi, std::chrono::duration<double>(t2 - t1).count());
  }
  return PeerBandwidth{static_cast<double>(bytes) / best_uni / 1e9, 2.0 * static_cast<double>(bytes) / best_bi / 1e9};
}

}  // namespace mlspec::preflight::cuda
