#!/usr/bin/env bash
# The whole test suite: install dependencies, build everything (the CUDA
# preflight binary too when nvcc is present), run CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
