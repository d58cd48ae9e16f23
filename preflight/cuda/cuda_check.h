// CUDA/cuBLAS call checking that returns an Error value (never exit()):
// PF_CUDA_TRY(cudaMalloc(&p, n)) returns Error{code, message, "#call at file:line"}
// from the enclosing function, whose return type is Expected<T>.
#ifndef MLSPEC_PREFLIGHT_CUDA_CUDA_CHECK_H_
#define MLSPEC_PREFLIGHT_CUDA_CUDA_CHECK_H_

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <string>

#include "expected.h"

namespace mlspec::preflight::cuda {

// "cuda/kernels.cu:42": the file's directory and name only, so reports
// carry no build-machine paths.
inline std::string SourcePosition(const char* file, int line) {
  std::string f = file;
  size_t slash = f.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    size_t parent = f.rfind('/', slash - 1);
    f = f.substr(parent == std::string::npos ? 0 : parent + 1);
  }
  return f + ":" + std::to_string(line);
}

inline Error CudaError(cudaError_t e, const char* call, const char* file, int line) {
  return Error{cudaGetErrorName(e), std::string(call) + " failed: " + cudaGetErrorString(e),
               SourcePosition(file, line)};
}

inline const char* CublasName(cublasStatus_t s) {
  switch (s) {
    case CUBLAS_STATUS_SUCCESS:
      return "cublasSuccess";
    case CUBLAS_STATUS_NOT_INITIALIZED:
      return "cublasNotInitialized";
    case CUBLAS_STATUS_ALLOC_FAILED:
      return "cublasAllocFailed";
    case CUBLAS_STATUS_INVALID_VALUE:
      return "cublasInvalidValue";
    case CUBLAS_STATUS_ARCH_MISMATCH:
      return "cublasArchMismatch";
    case CUBLAS_STATUS_EXECUTION_FAILED:
      return "cublasExecutionFailed";
    case CUBLAS_STATUS_NOT_SUPPORTED:
      return "cublasNotSupported";
    default:
      return "cublasError";
  }
}

inline Error CublasError(cublasStatus_t s, const char* call, const char* file, int line) {
  return Error{CublasName(s), std::string(call) + " failed: " + CublasName(s), SourcePosition(file, line)};
}

}  // namespace mlspec::preflight::cuda

#define PF_CUDA_TRY(call)                                                                   \
  do {                                                                                      \
    cudaError_t pf_cuda_err_ = (call);                                                      \
    if (pf_cuda_err_ != cudaSuccess)                                                        \
      return ::mlspec::preflight::cuda::CudaError(pf_cuda_err_, #call, __FILE__, __LINE__); \
  } while (0)

#define PF_CUBLAS_TRY(call)                                                                    \
  do {                                                                                         \
    cublasStatus_t pf_cublas_st_ = (call);                                                     \
    if (pf_cublas_st_ != CUBLAS_STATUS_SUCCESS)                                                \
      return ::mlspec::preflight::cuda::CublasError(pf_cublas_st_, #call, __FILE__, __LINE__); \
  } while (0)

// Checks the last kernel launch (configuration errors) without synchronizing.
#define PF_CUDA_TRY_LAUNCH() PF_CUDA_TRY(cudaGetLastError())

#endif  // MLSPEC_PREFLIGHT_CUDA_CUDA_CHECK_H_
