#!/usr/bin/env bash
# The whole test suite, three ways (CI budget: 90 minutes on 2 cores):
#   1. a normal build (the CUDA preflight binary too when nvcc is present)
#      and the full CTest suite;
#   2. the same suite built with ASan + UBSan (MLSPEC_SANITIZE=ON; the CUDA
#      binary is skipped, preflight_test's CPU tests stay);
#   3. the libFuzzer targets built with clang (MLSPEC_FUZZ=ON) and each
#      smoke-run for a fixed number of runs over its seed corpus.
# MLSPEC_CI_SKIP_SANITIZE=1 / MLSPEC_CI_SKIP_FUZZ=1 run less, for local use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
jobs="$(nproc)"
stamp() { echo "ci/test.sh: $1 ($(date -u +%H:%M:%S), ${SECONDS}s so far)"; }

stamp "normal build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

if [[ "${MLSPEC_CI_SKIP_SANITIZE:-0}" != 1 ]]; then
  stamp "ASan + UBSan build"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLSPEC_SANITIZE=ON \
        -DMLSPEC_PREFLIGHT_CUDA=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  # detect_leaks: the suite forks and execs mlspec; leaks are bugs too.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900
fi

if [[ "${MLSPEC_CI_SKIP_FUZZ:-0}" != 1 ]]; then
  stamp "libFuzzer targets"
  if ! command -v clang++ >/dev/null; then
    echo "ci/test.sh: clang++ is needed for the fuzz targets (apt-get install clang libclang-rt-dev)" >&2
    exit 1
  fi
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLSPEC_FUZZ=ON \
        -DMLSPEC_PREFLIGHT=OFF >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_targets
  ctest --test-dir build-fuzz --output-on-failure -j"$jobs" -R '^fuzz\.'
fi
stamp "done"
