// Telemetry through NVML, loaded with dlopen at run time: no build-time
// dependency on nvml.h or libnvidia-ml. When the library is absent (a CPU
// machine, a container without the driver mounts) Available() says why and
// the NVML-backed checks SKIP with that reason.
#ifndef MLSPEC_PREFLIGHT_NVML_TELEMETRY_H_
#define MLSPEC_PREFLIGHT_NVML_TELEMETRY_H_

#include <memory>
#include <string>

#include "telemetry.h"

namespace mlspec::preflight {

// `library` is a soname ("libnvidia-ml.so.1") or a path. Loading and
// nvmlInit_v2 happen on the first Available() call.
std::unique_ptr<Telemetry> MakeNvmlTelemetry(std::string library);

// "NVML_ERROR_NOT_SUPPORTED" for 3, etc.; "NVML_ERROR_<n>" for unknown codes.
std::string NvmlReturnName(int code);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_NVML_TELEMETRY_H_
