#!/usr/bin/env bash
# The whole test suite, two builds (CI budget: 90 minutes on 2 cores):
#   0. the sources match .clang-format (scripts/check-format.sh);
#   1. gcc: a normal build (the CUDA preflight binary too when nvcc is
#      present) and the full CTest suite;
#   2. clang: one build with ASan + UBSan (MLSPEC_FUZZ=ON implies
#      MLSPEC_SANITIZE=ON; the CUDA binary is skipped, preflight_test's CPU
#      tests stay) that runs the full suite again under the sanitizers and
#      links the libFuzzer targets against the same sanitized libraries; their
#      `fuzz.*` tests smoke-run each for a fixed number of runs over its seed
#      corpus. (Until this change a third build compiled the code under test
#      again just for the fuzzers.)
# MLSPEC_CI_SKIP_SANITIZE=1 skips build 2, for local use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
jobs="$(nproc)"
stamp() { echo "ci/test.sh: $1 ($(date -u +%H:%M:%S), ${SECONDS}s so far)"; }

stamp "format check"
bash scripts/check-format.sh

stamp "normal build (gcc)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

if [[ "${MLSPEC_CI_SKIP_SANITIZE:-0}" != 1 ]]; then
  stamp "ASan + UBSan + libFuzzer build (clang)"
  if ! command -v clang++ >/dev/null; then
    echo "ci/test.sh: clang++ is needed for the sanitizer/fuzz build (apt-get install clang libclang-rt-14-dev)" >&2
    exit 1
  fi
  CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLSPEC_FUZZ=ON \
        -DMLSPEC_PREFLIGHT_CUDA=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  # detect_leaks: the suite forks and execs mlspec; leaks are bugs too.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900
fi
stamp "done"
