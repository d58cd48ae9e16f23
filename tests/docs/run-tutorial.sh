#!/usr/bin/env bash
# Runs every ```sh block of docs/tutorial.md, in order, in one bash session, in
# a clean temporary directory, with the built mlspec first on PATH. A block
# fenced ```sh exit=N must exit with N; every other block must exit 0 (each
# runs with `set -e`, so any failing command fails it). Then it checks what
# the tutorial promises of its outputs: every compiled tree is up to date
# with its spec and lints without errors against it.
# Usage: run-tutorial.sh MLSPEC [TUTORIAL]
set -uo pipefail
mlspec=$(realpath "$1")
doc=$(realpath "${2:-$(dirname "$0")/../../docs/tutorial.md}")
work=$(mktemp -d /tmp/mlspec-test-tutorial.XXXXXX)
[[ "${MLSPEC_KEEP_TEMP:-}" == 1 ]] || trap 'rm -rf "$work"' EXIT
bin="$work/.bin"
mkdir -p "$bin" && ln -s "$mlspec" "$bin/mlspec"

# Split the document into numbered block files and their expected exit codes.
blocks="$work/.blocks"
mkdir -p "$blocks"
awk -v dir="$blocks" '
  /^```sh( exit=[0-9]+)?$/ { n++; code = 0; if (match($0, /exit=[0-9]+/)) code = substr($0, RSTART + 5, RLENGTH - 5);
                             file = sprintf("%s/%03d.sh", dir, n); print code > (file ".exit"); close(file ".exit");
                             printf "" > file; inside = 1; next }
  /^```/ && inside { inside = 0; close(file); next }
  inside { print >> file }
' "$doc"
count=$(ls "$blocks"/*.sh 2>/dev/null | wc -l)
if (( count == 0 )); then echo "$doc: error: no \`\`\`sh blocks"; exit 1; fi

# Each block runs in a subshell of this one (`set -e`), so its exit status is
# its own; the directory it ends in carries over to the next block, as it
# would for a person typing the commands into one terminal.
fail=0
cd "$work" || exit 1
export PATH="$bin:$PATH"
cwd="$work/.cwd" log="$work/.log"
for block in "$blocks"/*.sh; do
  want=$(cat "$block.exit")
  (trap 'pwd > "$cwd"' EXIT; set -e; . "$block") > "$log" 2>&1
  got=$?
  cd "$(cat "$cwd")" || exit 1
  if [[ "$got" != "$want" ]]; then
    echo "$doc: error: block $(basename "$block" .sh) exited $got, expected $want:"
    sed 's/^/    /' "$block"
    echo "  output:"
    tail -40 "$log" | sed 's/^/    /'
    fail=1
  fi
done

# The outputs: every spec the tutorial compiled is up to date and lints clean.
trees=0
while IFS= read -r spec; do
  dir=$(dirname "$spec")
  [[ -d "$dir/output" ]] || continue
  trees=$((trees + 1))
  (cd "$dir" && mlspec compile platform.toml --check -o output) || { echo "$dir: error: output/ is stale"; fail=1; }
  (cd "$dir" && mlspec lint --spec platform.toml --fail-on error output/manifests >/dev/null) ||
    { echo "$dir: error: the compiled manifests do not lint clean against the spec"; fail=1; }
done < <(find "$work" -name platform.toml -not -path '*/.blocks/*' | sort)
if (( trees < 3 )); then echo "$doc: error: expected a compiled tree per cloud (aks, eks, gke), found $trees"; fail=1; fi
echo "tutorial: $count blocks, $trees compiled trees checked"
exit $fail
