// The real Device: CUDA runtime and cuBLAS. Plain C++ header so main.cc
// compiles without CUDA headers.
#ifndef MLSPEC_PREFLIGHT_CUDA_CUDA_DEVICE_H_
#define MLSPEC_PREFLIGHT_CUDA_CUDA_DEVICE_H_

#include <memory>

#include "device.h"

namespace mlspec::preflight {

std::unique_ptr<Device> MakeCudaDevice();

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_CUDA_CUDA_DEVICE_H_
