// Sustained cuBLAS GEMM with cross-checked results.
//
// Inputs are small integers (-2..2), exact in BF16/FP16/FP32; with FP32
// accumulation every output is an exact integer (|sum| <= 4k < 2^24), so:
//  * the first result is checked against the host at sampled entries, and
//  * every later result must equal the first one bit for bit (a device-side
//    comparison over the whole matrix), and contain no NaN/Inf.
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "cuda_check.h"
#include "kernels.h"
#include "resources.h"

namespace mlspec::preflight::cuda {
namespace {

__host__ __device__ inline int InputValue(uint64_t index, uint32_t salt) {
  uint32_t x = static_cast<uint32_t>(index) ^ static_cast<uint32_t>(index >> 32) ^ salt;
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return static_cast<int>(x % 5) - 2;
}

template <class T>
__device__ inline T FromInt(int v);
template <>
__device__ inline float FromInt<float>(int v) {
  return static_cast<float>(v);
}
template <>
__device__ inline __half FromInt<__half>(int v) {
  return __int2half_rn(v);
}
template <>
__device__ inline __nv_bfloat16 FromInt<__nv_bfloat16>(int v) {
  return __float2bfloat16(static_cast<float>(v));
}

template <class T>
__global__ void FillInput(T* p, size_t n, uint32_t salt) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x)
    p[i] = FromInt<T>(InputValue(i, salt));
}

__global__ void Compare(const float* c, const float* ref, size_t n, unsigned long long* counts) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x) {
    const float v = c[i];
    if (!isfinite(v)) atomicAdd(&counts[1], 1ULL);
    else if (__float_as_uint(v) != __float_as_uint(ref[i])) atomicAdd(&counts[0], 1ULL);
  }
}

constexpr uint32_t kSaltA = 0x1234567U, kSaltB = 0x7654321U;

template <class T>
Expected<GemmResult> Run(const GemmParams& p, cudaDataType_t type, const char* dtype) {
  const size_t m = p.m, n = p.n, k = p.k;
  DeviceBuffer<T> a, b;
  DeviceBuffer<float> c, ref;
  DeviceBuffer<unsigned long long> counts;
  PF_CUDA_TRY(a.Allocate(m * k));
  PF_CUDA_TRY(b.Allocate(k * n));
  PF_CUDA_TRY(c.Allocate(m * n));
  PF_CUDA_TRY(ref.Allocate(m * n));
  PF_CUDA_TRY(counts.Allocate(2));
  PF_CUDA_TRY(cudaMemset(counts.get(), 0, 2 * sizeof(unsigned long long)));
  FillInput<T><<<1024, 256>>>(a.get(), m * k, kSaltA);
  FillInput<T><<<1024, 256>>>(b.get(), k * n, kSaltB);
  PF_CUDA_TRY_LAUNCH();
  // cuBLAS runs on a non-blocking stream, which does not wait for the
  // legacy default stream: finish the fills first.
  PF_CUDA_TRY(cudaDeviceSynchronize());

  cublasHandle_t handle = nullptr;
  PF_CUBLAS_TRY(cublasCreate(&handle));
  struct HandleGuard {
    cublasHandle_t h;
    ~HandleGuard() { cublasDestroy(h); }
  } guard{handle};
  Stream stream;
  PF_CUDA_TRY(stream.Create());
  PF_CUBLAS_TRY(cublasSetStream(handle, stream.get()));
  if (type == CUDA_R_32F) PF_CUBLAS_TRY(cublasSetMathMode(handle, CUBLAS_PEDANTIC_MATH));  // no TF32
  const float alpha = 1.0f, beta = 0.0f;
  auto gemm = [&](float* out) {
    return cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, p.m, p.n, p.k, &alpha, a.get(), type, p.m, b.get(), type, p.k,
                        &beta, out, CUDA_R_32F, p.m, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
  };

  // First result: host-checked at sampled entries, then the reference.
  PF_CUBLAS_TRY(gemm(ref.get()));
  PF_CUDA_TRY(cudaStreamSynchronize(stream.get()));
  GemmResult r;
  r.dtype = dtype;
  r.m = p.m, r.n = p.n, r.k = p.k;
  std::vector<float> column(m);
  for (int s = 0; s < 64; ++s) {
    const size_t j = (static_cast<size_t>(s) * 2654435761u) % n;
    PF_CUDA_TRY(cudaMemcpy(column.data(), ref.get() + j * m, m * sizeof(float), cudaMemcpyDeviceToHost));
    for (size_t i = (s * 977u) % 16; i < m; i += m / 16 + 1) {
      long long want = 0;
      for (size_t kk = 0; kk < k; ++kk)
        want += static_cast<long long>(InputValue(i + kk * m, kSaltA)) * InputValue(kk + j * k, kSaltB);
      if (!std::isfinite(column[i])) ++r.nans;
      else if (static_cast<long long>(column[i]) != want || column[i] != std::floor(column[i])) ++r.miscompares;
    }
  }

  Event e0, e1;
  PF_CUDA_TRY(e0.Create());
  PF_CUDA_TRY(e1.Create());
  const double flops_per_gemm = 2.0 * static_cast<double>(m) * n * k;
  double gemm_seconds = 0;
  int batch = 2;
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < p.seconds) {
    PF_CUDA_TRY(cudaEventRecord(e0.get(), stream.get()));
    for (int i = 0; i < batch; ++i) PF_CUBLAS_TRY(gemm(c.get()));
    PF_CUDA_TRY(cudaEventRecord(e1.get(), stream.get()));
    Compare<<<1024, 256, 0, stream.get()>>>(c.get(), ref.get(), m * n, counts.get());
    PF_CUDA_TRY_LAUNCH();
    PF_CUDA_TRY(cudaStreamSynchronize(stream.get()));
    float ms = 0;
    PF_CUDA_TRY(cudaEventElapsedTime(&ms, e0.get(), e1.get()));
    gemm_seconds += ms * 1e-3;
    r.iterations += batch;
    // Aim for batches of about 0.25 s so sampling and checks stay frequent.
    const double per = ms * 1e-3 / batch;
    batch = std::clamp(static_cast<int>(0.25 / std::max(per, 1e-6)), 1, 1000);
  }
  unsigned long long out[2] = {0, 0};
  PF_CUDA_TRY(cudaMemcpy(out, counts.get(), sizeof out, cudaMemcpyDeviceToHost));
  r.miscompares += out[0];
  r.nans += out[1];
  r.seconds = gemm_seconds;
  r.tflops = gemm_seconds > 0 ? flops_per_gemm * static_cast<double>(r.iterations) / gemm_seconds / 1e12 : 0;
  return r;
}

}  // namespace

Expected<GemmResult> RunGemmOn(int gpu, const GemmParams& p) {
  PF_CUDA_TRY(cudaSetDevice(gpu));
  cudaDeviceProp prop{};
  PF_CUDA_TRY(cudaGetDeviceProperties(&prop, gpu));
  // BF16 tensor cores from sm_80, FP16 tensor cores on sm_70/75, FP32 otherwise.
  if (prop.major >= 8) return Run<__nv_bfloat16>(p, CUDA_R_16BF, "bf16");
  if (prop.major == 7) return Run<__half>(p, CUDA_R_16F, "fp16");
  return Run<float>(p, CUDA_R_32F, "fp32");
}

}  // namespace mlspec::preflight::cuda
