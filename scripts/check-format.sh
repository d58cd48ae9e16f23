#!/usr/bin/env bash
# Checks that every tracked C++/CUDA source matches .clang-format, without
# changing anything. Exit 0: all formatted; 1: lists the files that are not
# (run scripts/format.sh); 2: clang-format is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/format-common.sh
mapfile -t files < <(format_sources)
bad=()
for f in "${files[@]}"; do
  # --dry-run -Werror exits non-zero when formatting would change the file.
  "$clang_format" --style=file --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "check-format: ${#bad[@]} of ${#files[@]} files are not formatted (run scripts/format.sh):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
