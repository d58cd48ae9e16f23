#!/usr/bin/env bash
# The main job: install dependencies, build, compile the bundled AKS example
# into output/, and lint the result against the spec.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target mlspec
build/mlspec compile examples/aks-platform.toml -o output
build/mlspec lint output/manifests output/argocd --spec examples/aks-platform.toml
