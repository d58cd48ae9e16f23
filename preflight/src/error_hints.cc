#include "error_hints.h"

#include <utility>

namespace mlspec::preflight {
namespace {

struct Hint {
  std::string_view code;
  std::string_view cause;
  bool cannot_run;
};

// Sorted by code.
constexpr Hint kHints[] = {
    {"cudaErrorCompatNotSupportedOnDevice",
     "CUDA forward compatibility is not supported on this GPU; use a driver that supports this CUDA version", true},
    {"cudaErrorDevicesUnavailable", "GPUs are in exclusive-process compute mode and held by another process", true},
    {"cudaErrorECCUncorrectable", "uncorrectable ECC error: drain the node and check retired pages / remapped rows",
     false},
    {"cudaErrorIllegalAddress",
     "the GPU faulted on memory access during a known-good kernel: suspect hardware, check Xid 31/48/63/94/95", false},
    {"cudaErrorInitializationError",
     "the driver failed to initialize: check 'NVRM' lines in dmesg and that the kernel module matches the user-space "
     "driver",
     true},
    {"cudaErrorInsufficientDriver",
     "the installed driver is older than this binary's CUDA runtime: upgrade the driver or use an image built for an "
     "older CUDA",
     true},
    {"cudaErrorLaunchFailure", "a known-good kernel failed: suspect hardware, check Xid in the kernel log", false},
    {"cudaErrorLaunchTimeout", "a kernel exceeded the driver's time limit", false},
    {"cudaErrorMemoryAllocation", "out of device memory: another process holds memory, or memory is retired/remapped",
     false},
    {"cudaErrorNoDevice",
     "no GPU visible to CUDA: check NVIDIA_VISIBLE_DEVICES, the device plugin's allocation and /dev/nvidia*", true},
    {"cudaErrorNoDriver",
     "no NVIDIA driver in this container: run it with the NVIDIA container runtime (runtimeClassName: nvidia) on a GPU "
     "node",
     true},
    {"cudaErrorNoKernelImageForDevice",
     "this binary carries no code for the GPU's architecture: rebuild with its sm_XX or PTX", true},
    {"cudaErrorOperatingSystem", "an OS call inside the driver failed: check dmesg", true},
    {"cudaErrorStubLibrary",
     "the CUDA driver stub was loaded instead of libcuda.so: the container lacks the driver libraries (NVIDIA "
     "container toolkit)",
     true},
    {"cudaErrorSystemDriverMismatch",
     "the kernel module and libcuda.so versions differ: reboot after the driver upgrade or fix the container's driver "
     "mounts",
     true},
    {"cudaErrorSystemNotReady",
     "the system is not yet initialized: on NVSwitch systems (HGX/DGX) the NVIDIA Fabric Manager is not running or has "
     "not finished training the fabric",
     true},
    {"cudaErrorUnsupportedPtxVersion", "the driver is too old to JIT this binary's PTX: upgrade the driver", true},
    {"cublasNotInitialized", "cuBLAS could not initialize: usually out of memory or a broken context", false},
};

}  // namespace

std::string_view LikelyCause(std::string_view code) {
  for (const auto& h : kHints)
    if (h.code == code) return h.cause;
  return "";
}

bool IsCannotRunError(std::string_view code) {
  for (const auto& h : kHints)
    if (h.code == code) return h.cannot_run;
  return false;
}

std::string DescribeError(std::string_view subject, const Error& e) {
  std::string out = std::string(subject) + ": " + e.ToString();
  std::string_view cause = LikelyCause(e.code);
  if (!cause.empty()) out += "; likely cause: " + std::string(cause);
  return out;
}

Failure FailureFor(const Error& e) { return IsCannotRunError(e.code) ? Failure::kCannotRun : Failure::kFault; }

}  // namespace mlspec::preflight
