// Default pass floors of mlspec-preflight, shared by the two programs that
// need them: mlspec (the spec's [preflight] defaults, src/spec/load.cc) and
// mlspec-preflight (its own option defaults, preflight/src/options.h).
// preflight/ builds standalone (its Dockerfile copies only that directory),
// so this header lives under preflight/include/ — which both builds put on
// the include path — and depends on nothing.
#ifndef MLSPEC_PREFLIGHT_DEFAULTS_H_
#define MLSPEC_PREFLIGHT_DEFAULTS_H_

namespace mlspec::preflight::defaults {

// Fraction of the catalog's dense peak TFLOP/s the sustained GEMM must reach.
inline constexpr double kMinGemm = 0.6;
// Fraction of the catalog's peak memory bandwidth the copy kernel must reach.
inline constexpr double kMinMemoryBandwidth = 0.8;

}  // namespace mlspec::preflight::defaults

#endif  // MLSPEC_PREFLIGHT_DEFAULTS_H_
