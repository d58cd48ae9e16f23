#!/usr/bin/env bash
# Runs clang-tidy (the checks in .clang-tidy) over the core library, src/,
# with a build's compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS is on in
# the root CMakeLists.txt). Usage: scripts/tidy.sh [BUILD_DIR] [FILE...]
# BUILD_DIR defaults to build/; FILEs default to every src/**/*.cc.
# Prints the warnings and a count; exits 1 when there are any, 2 when
# clang-tidy or compile_commands.json is missing. JOBS sets parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
(($#)) && shift
tidy=${CLANG_TIDY:-}
if [[ -z $tidy ]]; then
  for c in clang-tidy-14 clang-tidy; do
    if command -v "$c" >/dev/null; then tidy=$c; break; fi
  done
fi
[[ -n $tidy ]] || { echo "tidy.sh: clang-tidy not found (apt-get install clang-tidy-14)" >&2; exit 2; }
if [[ ! -f $build/compile_commands.json ]]; then
  echo "tidy.sh: $build/compile_commands.json missing; configure first: cmake -S . -B $build" >&2
  exit 2
fi
# The build generates version.h and catalog_data.cc at configure time; the
# sources include them, so the build directory must have been configured.
if (($#)); then files=("$@"); else mapfile -t files < <(git ls-files 'src/*.cc' | grep -v '_test\.cc$'); fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# One clang-tidy per file, JOBS at a time; g++-only flags are dropped.
printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "${JOBS:-$(nproc)}" "$tidy" -p "$build" --quiet \
    --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-unused-command-line-argument 2>/dev/null >>"$log" || true
grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$log" | sort -u >"$log.w" || true
cat "$log"
n=$(wc -l <"$log.w")
echo "tidy.sh: $n warnings in ${#files[@]} files"
rm -f "$log.w"
((n == 0))
