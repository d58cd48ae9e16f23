// RAII owners for CUDA resources, so early error returns never leak. Release
// errors are ignored: the error that caused the return is the one reported.
#ifndef MLSPEC_PREFLIGHT_CUDA_RESOURCES_H_
#define MLSPEC_PREFLIGHT_CUDA_RESOURCES_H_

#include <cuda_runtime.h>

#include <cstddef>
#include <utility>

namespace mlspec::preflight::cuda {

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  ~DeviceBuffer() { Reset(); }
  // Not copyable.
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), n_(o.n_) {}

  cudaError_t Allocate(size_t count) {
    Reset();
    n_ = count;
    cudaError_t e = cudaMalloc(reinterpret_cast<void**>(&p_), count * sizeof(T));
    if (e != cudaSuccess) p_ = nullptr, n_ = 0;
    return e;
  }
  void Reset() {
    if (p_ != nullptr) cudaFree(p_);
    p_ = nullptr;
  }
  T* get() const { return p_; }
  size_t size() const { return n_; }

 private:
  T* p_ = nullptr;
  size_t n_ = 0;
};

class PinnedBuffer {
 public:
  PinnedBuffer() = default;
  ~PinnedBuffer() {
    if (p_ != nullptr) cudaFreeHost(p_);
  }
  // Not copyable.
  PinnedBuffer(const PinnedBuffer&) = delete;
  PinnedBuffer& operator=(const PinnedBuffer&) = delete;
  cudaError_t Allocate(size_t bytes) { return cudaHostAlloc(&p_, bytes, cudaHostAllocDefault); }
  void* get() const { return p_; }

 private:
  void* p_ = nullptr;
};

class Stream {
 public:
  Stream() = default;
  ~Stream() {
    if (s_ != nullptr) cudaStreamDestroy(s_);
  }
  // Not copyable.
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  cudaError_t Create() { return cudaStreamCreateWithFlags(&s_, cudaStreamNonBlocking); }
  cudaStream_t get() const { return s_; }

 private:
  cudaStream_t s_ = nullptr;
};

class Event {
 public:
  Event() = default;
  ~Event() {
    if (e_ != nullptr) cudaEventDestroy(e_);
  }
  // Not copyable.
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  cudaError_t Create() { return cudaEventCreate(&e_); }
  cudaEvent_t get() const { return e_; }

 private:
  cudaEvent_t e_ = nullptr;
};

}  // namespace mlspec::preflight::cuda

#endif  // MLSPEC_PREFLIGHT_CUDA_RESOURCES_H_
