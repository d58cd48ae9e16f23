// Host entry points of the CUDA kernels (kernels.cu, gemm.cu). Each selects
// `gpu` itself and returns a value or an Error.
#ifndef MLSPEC_PREFLIGHT_CUDA_KERNELS_H_
#define MLSPEC_PREFLIGHT_CUDA_KERNELS_H_

#include <cstdint>

#include "device.h"

namespace mlspec::preflight::cuda {

Expected<CorrectnessResult> RunCorrectnessKernels(int gpu);
Expected<MemtestResult> RunMemtestKernels(int gpu, const MemtestParams& p);
Expected<BandwidthResult> RunBandwidthKernels(int gpu, const BandwidthParams& p);
Expected<CopyBandwidth> MeasureHostCopies(int gpu, uint64_t bytes);
Expected<PeerBandwidth> MeasurePeerCopies(int from, int to, uint64_t bytes);
Expected<GemmResult> RunGemmOn(int gpu, const GemmParams& p);

}  // namespace mlspec::preflight::cuda

#endif  // MLSPEC_PREFLIGHT_CUDA_KERNELS_H_
