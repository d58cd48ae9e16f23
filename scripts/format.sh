#!/usr/bin/env bash
# Formats every tracked C++/CUDA source (*.cc *.h *.cu *.cuh) in place with
# the repository's .clang-format. Skips the npm tree under tests/conformance
# and the fuzz corpora (inputs, not code). Usage: scripts/format.sh [FILE...]
# (no arguments: the whole tree). CLANG_FORMAT picks the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/format-common.sh
if (($#)); then files=("$@"); else mapfile -t files < <(format_sources); fi
((${#files[@]})) || exit 0
printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$clang_format" -i --style=file
