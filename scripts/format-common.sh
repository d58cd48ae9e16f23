# Sourced by format.sh and check-format.sh: finds clang-format and lists the
# sources it owns. The style is pinned to clang-format 14 (Debian bookworm's):
# other major versions format some constructs differently.
clang_format=${CLANG_FORMAT:-}
if [[ -z $clang_format ]]; then
  for c in clang-format-14 clang-format; do
    if command -v "$c" >/dev/null; then clang_format=$c; break; fi
  done
fi
if [[ -z $clang_format ]] || ! command -v "$clang_format" >/dev/null; then
  echo "$(basename "$0"): clang-format not found (apt-get install clang-format-14, or set CLANG_FORMAT)" >&2
  exit 2
fi
if ! "$clang_format" --version | grep -q 'version 14\.'; then
  echo "$(basename "$0"): warning: $("$clang_format" --version) is not clang-format 14; results may differ from CI" >&2
fi

# Tracked C++/CUDA sources, except npm's tree and fuzz corpora/regressions.
format_sources() {
  git ls-files -- '*.c' '*.cc' '*.h' '*.cu' '*.cuh' |
    grep -v -E '(^|/)node_modules/|^tests/fuzz/(corpus|regressions)/' || true
}
