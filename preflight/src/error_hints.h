// Maps CUDA/NVML error codes to the likely cause an operator can act on.
#ifndef MLSPEC_PREFLIGHT_ERROR_HINTS_H_
#define MLSPEC_PREFLIGHT_ERROR_HINTS_H_

#include <string>
#include <string_view>

#include "check_result.h"
#include "expected.h"

namespace mlspec::preflight {

// The likely cause for an error code such as "cudaErrorSystemNotReady", or
// "" when there is nothing more specific to say than the message.
std::string_view LikelyCause(std::string_view code);

// Whether an error means the node cannot run GPU work at all (no device,
// no or wrong driver) rather than a fault found by a test.
bool IsCannotRunError(std::string_view code);

// "gpu2: cudaMalloc failed: out of memory (cudaErrorMemoryAllocation) at ...;
// likely cause: ..." and the Failure kind to record it with.
std::string DescribeError(std::string_view subject, const Error& e);
Failure FailureFor(const Error& e);

}  // namespace mlspec::preflight

#endif  // MLSPEC_PREFLIGHT_ERROR_HINTS_H_
