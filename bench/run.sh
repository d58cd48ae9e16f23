#!/usr/bin/env bash
# Runs the mlspec benchmarks and prints one table.
#
#   bench/run.sh [--build-dir DIR] [--out DIR] [--sizes "1000 10000 100000"]
#                [--guides N] [--pools "10 100 1000"] [--repeats N]
#                [--no-yamlcpp] [--no-micro] [--smoke]
#
# Generates seeded corpora and specs under --out (default bench/out, ignored
# by git), then times, on the same corpus in the same run:
#   - the floor: libyaml's event parser doing nothing else (1 thread),
#   - yaml-cpp LoadAll (the naive approach),
#   - mlspec lint with and without --spec, with 1 and 2 threads,
#   - on a findings-heavy corpus of --guides documents (default 100000; the
#     seed guides' manifests, about four findings each): mlspec lint in every
#     report format on one thread, and text on 2 threads, with and without
#     --spec, against the floor on those bytes,
#   - a peer linter (kubeconform, kube-linter, kube-score) when one is on PATH,
#   - mlspec compile of each spec, and the growth exponent between sizes.
# Every row is a whole process timed by /usr/bin/time -v: wall time is the
# minimum of --repeats runs, peak RSS the maximum. ratio = lint MB/s / floor
# MB/s. Timings are as noisy as the machine; ratios within one run hold.
# --smoke: tiny sizes, one repeat, and non-zero exit when a step fails or the
# table is incomplete (what CTest runs). Reports go to /dev/null: every byte is
# still formatted and written.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-bench"
out="$root/bench/out"
sizes="1000 10000 100000"
guides=100000
pools="10 100 1000"
repeats=3
yamlcpp=1
micro=1
smoke=0
seed=42
while (($#)); do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --guides) guides=$2; shift 2 ;;
    --pools) pools=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --no-yamlcpp) yamlcpp=0; shift ;;
    --no-micro) micro=0; shift ;;
    --smoke) smoke=1; sizes="200"; guides=200; pools="4 8"; repeats=1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

die() { echo "run.sh: $*" >&2; exit 1; }
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (apt-get install time)"

# Build what is missing (Release, no preflight: it needs CUDA).
need=(mlspec mlspec-benchgen bench-parse-libyaml bench-parse-yamlcpp)
for b in "${need[@]}"; do
  if ! find "$build" -maxdepth 2 -name "$b" -type f -perm -u+x 2>/dev/null | grep -q .; then
    if ((smoke)); then die "$b not built in $build"; fi
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DMLSPEC_PREFLIGHT=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" --target mlspec mlspec-benchgen bench-parse-libyaml \
      bench-parse-yamlcpp bench-micro >/dev/null
    break
  fi
done
bin() { find "$build" -maxdepth 2 -name "$1" -type f -perm -u+x | head -1; }
MLSPEC=$(bin mlspec); GEN=$(bin mlspec-benchgen)
LIBYAML=$(bin bench-parse-libyaml); YAMLCPP=$(bin bench-parse-yamlcpp); MICRO=$(bin bench-micro)
[[ -n $MLSPEC && -n $GEN && -n $LIBYAML ]] || die "binaries missing in $build"

mkdir -p "$out"
timefile=$(mktemp); trap 'rm -f "$timefile"' EXIT

# measure OKCODES CMD... -> sets SECS (min wall), CPU (user+sys of that run)
# and RSS_MB (max peak RSS).
measure() {
  local ok=$1; shift
  SECS=""; RSS_MB=0; CPU=0
  local i rc wall rss cpu
  for ((i = 0; i < repeats; i++)); do
    rc=0
    # Wall time from the clock around the run (ns): /usr/bin/time's is in
    # hundredths, too coarse for the small sizes and so for the growth exponent.
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$timefile" "$@" >/dev/null 2>"$out/last.stderr" || rc=$?
    t1=$(date +%s%N)
    [[ " $ok " == *" $rc "* ]] || { cat "$out/last.stderr" >&2; die "exit $rc: $*"; }
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$timefile")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$timefile")
    if [[ -z $SECS ]] || awk -v a="$wall" -v b="$SECS" 'BEGIN { exit !(a < b) }'; then
      SECS=$wall; CPU=$cpu
    fi
    if awk -v a="$rss" -v b="$RSS_MB" 'BEGIN { exit !(a > b) }'; then RSS_MB=$rss; fi
  done
}

rows=()
declare -A WALL RATIO RSS  # by "WHAT|CORPUS|THREADS", for the targets below
# row WHAT CORPUS THREADS DOCS BYTES FLOOR_MBPS
row() {
  local what=$1 corpus=$2 threads=$3 docs=$4 bytes=$5 floor=$6
  local s=$SECS
  awk -v s="$s" 'BEGIN { exit !(s < 0.001) }' && s=0.001
  WALL["$what|$corpus|$threads"]=$s
  RSS["$what|$corpus|$threads"]=$RSS_MB
  RATIO["$what|$corpus|$threads"]=$(awk -v b="$bytes" -v s="$s" -v f="$floor" \
    'BEGIN { if (f > 0) printf "%.2f", b / 1e6 / s / f; else print 0 }')
  rows+=("$(awk -v w="$what" -v c="$corpus" -v t="$threads" -v d="$docs" -v b="$bytes" \
              -v s="$s" -v f="$floor" -v r="$RSS_MB" -v cpu="$CPU" 'BEGIN {
      mbps = b / 1e6 / s
      ratio = f > 0 ? sprintf("%.2f", mbps / f) : "-"
      printf "%-22s %-12s %3s %8.3f %8.2f %10.0f %7.1f %10s %8.1f\n", w, c, t, s, cpu, d / s, mbps, ratio, r }')")
}

# ---- lint ----
for n in $sizes; do
  corpus="$out/corpus-$n"
  if [[ ! -f $corpus/MANIFEST.txt || $GEN -nt $corpus/MANIFEST.txt ]]; then
    "$GEN" corpus --docs "$n" --seed "$seed" --out "$corpus" >/dev/null
  fi
  docs=$(awk '$1 == "documents" { print $2 }' "$corpus/MANIFEST.txt")
  bytes=$(awk '$1 == "bytes" { print $2 }' "$corpus/MANIFEST.txt")
  label="$n docs"
  measure 0 "$LIBYAML" "$corpus"
  floor=$(awk -v b="$bytes" -v s="$SECS" 'BEGIN { if (s < 0.001) s = 0.001; print b / 1e6 / s }')
  row "floor: libyaml events" "$label" 1 "$docs" "$bytes" 0
  if ((yamlcpp)) && [[ -n $YAMLCPP ]]; then
    measure 0 "$YAMLCPP" "$corpus"
    row "yaml-cpp LoadAll" "$label" 1 "$docs" "$bytes" "$floor"
  fi
  for j in 1 2; do
    measure "0 1" "$MLSPEC" lint --jobs "$j" "$corpus"
    row "mlspec lint" "$label" "$j" "$docs" "$bytes" "$floor"
  done
  for j in 1 2; do
    measure "0 1" "$MLSPEC" lint --spec "$corpus/spec.toml" --jobs "$j" "$corpus"
    row "mlspec lint --spec" "$label" "$j" "$docs" "$bytes" "$floor"
  done
  peer=0
  if command -v kubeconform >/dev/null; then
    measure "0 1" kubeconform -skip "$(printf '%s' InferenceService,PyTorchJob,TFJob,RayCluster)" \
      -n 1 "$corpus"
    row "peer: kubeconform" "$label" 1 "$docs" "$bytes" "$floor"; peer=1
  fi
  if command -v kube-linter >/dev/null; then
    measure "0 1" kube-linter lint "$corpus"
    row "peer: kube-linter" "$label" "-" "$docs" "$bytes" "$floor"; peer=1
  fi
  if command -v kube-score >/dev/null; then
    mapfile -t files < <(find "$corpus" -name '*.yaml' | sort)
    measure "0 1" kube-score score "${files[@]}"
    row "peer: kube-score" "$label" 1 "$docs" "$bytes" "$floor"; peer=1
  fi
done

# ---- reports: a findings-heavy corpus ----
# The seed guides' manifests (mlspec-benchgen guides), about four findings per
# document: what a first run on a real repository reports. Every format on one
# thread, then text on two, with and without --spec; each against the floor
# on the same bytes, measured here.
gcorpus="$out/guides-$guides"
if [[ ! -f $gcorpus/MANIFEST.txt || $GEN -nt $gcorpus/MANIFEST.txt ]]; then
  "$GEN" guides --docs "$guides" --seed "$seed" --out "$gcorpus" >/dev/null
fi
gdocs=$(awk '$1 == "documents" { print $2 }' "$gcorpus/MANIFEST.txt")
gbytes=$(awk '$1 == "bytes" { print $2 }' "$gcorpus/MANIFEST.txt")
glabel="$guides guides"
measure 0 "$LIBYAML" "$gcorpus"
gfloor=$(awk -v b="$gbytes" -v s="$SECS" 'BEGIN { if (s < 0.001) s = 0.001; print b / 1e6 / s }')
row "floor: libyaml events" "$glabel" 1 "$gdocs" "$gbytes" 0
gformats="text json sarif junit"
for f in $gformats; do
  measure "0 1" "$MLSPEC" lint --jobs 1 --format "$f" "$gcorpus"
  row "mlspec lint -f $f" "$glabel" 1 "$gdocs" "$gbytes" "$gfloor"
done
measure "0 1" "$MLSPEC" lint --jobs 2 --format text "$gcorpus"
row "mlspec lint -f text" "$glabel" 2 "$gdocs" "$gbytes" "$gfloor"
for j in 1 2; do
  measure "0 1" "$MLSPEC" lint --spec "$gcorpus/spec.toml" --jobs "$j" "$gcorpus"
  row "mlspec lint --spec" "$glabel" "$j" "$gdocs" "$gbytes" "$gfloor"
done

# ---- compile ----
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 > a + 0 ? b : a) }'; }  # empty a: b
for p in $pools; do
  "$GEN" spec --pools "$p" --seed "$seed" --out "$out/spec-$p.toml" >/dev/null
done
crow=()
# compile_series LABEL DIR: compiles each spec into DIR, one row per size;
# sets LAST_WALL (the largest spec's), MAX_GROWTH and MAX_RSS.
compile_series() {
  local label=$1 dir=$2 p s growth files prev_n="" prev_s=""
  LAST_WALL=""; MAX_GROWTH=""; MAX_RSS=0
  for p in $pools; do
    measure 0 "$MLSPEC" compile "$out/spec-$p.toml" -o "$dir/compile-$p"
    files=$(find "$dir/compile-$p" -type f | wc -l)
    s=$SECS; awk -v s="$s" 'BEGIN { exit !(s < 0.001) }' && s=0.001
    growth="-"
    if [[ -n $prev_n ]]; then
      growth=$(awk -v a="$prev_s" -v b="$s" -v m="$prev_n" -v n="$p" \
                 'BEGIN { printf "%.2f", log(b / a) / log(n / m) }')
      MAX_GROWTH=$(max "$MAX_GROWTH" "$growth")
    fi
    crow+=("$(printf '%-22s %-12s %8.3f %8.2f %7s %8.1f %7s' "$label" "$p pools" "$s" \
              "$CPU" "$growth" "$RSS_MB" "$files")")
    LAST_WALL=$s; MAX_RSS=$(max "$MAX_RSS" "$RSS_MB")
    prev_n=$p; prev_s=$s
  done
}
compile_series "mlspec compile" "$out"
compile_wall=$LAST_WALL; compile_growth=$MAX_GROWTH; compile_rss=$MAX_RSS
# The same on tmpfs, where writing and syncing 2 000 files costs next to
# nothing: what compile itself costs, apart from the disk.
tmpfs_growth=""
if [[ -d /dev/shm && -w /dev/shm ]]; then
  shm=$(mktemp -d /dev/shm/mlspec-bench.XXXXXX)
  compile_series "mlspec compile (tmpfs)" "$shm"
  tmpfs_growth=$MAX_GROWTH
  rm -rf "$shm"
fi

# ---- table ----
echo "mlspec benchmarks: $(nproc) CPU(s), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "seed $seed, repeats $repeats (min wall, max RSS), $(date -u +%Y-%m-%d)"
echo
printf '%-22s %-12s %3s %8s %8s %10s %7s %10s %8s\n' "run" "corpus" "thr" "wall s" "cpu s" \
  "docs/s" "MB/s" "lint/floor" "RSS MB"
printf '%s\n' "${rows[@]}"
((peer)) || echo "peer linters: none on PATH (kubeconform, kube-linter, kube-score are not Debian or npm packages)"
echo
printf '%-22s %-12s %8s %8s %7s %8s %7s\n' "run" "spec" "wall s" "cpu s" "growth" "RSS MB" "files"
printf '%s\n' "${crow[@]}"

if ((micro)) && [[ -n $MICRO ]]; then
  echo
  echo "micro-benchmarks (Google Benchmark):"
  min_time=0.2; ((smoke)) && min_time=0.01
  "$MICRO" --benchmark_min_time="$min_time" 2>/dev/null | sed -n '/^BM_/p'
fi

# ---- targets (docs/performance.md), on the largest corpus and spec of this run ----
big="${sizes##* } docs"; bigp="${pools##* }"
target() {  # NAME VALUE OP LIMIT
  local verdict
  verdict=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
    ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v < l; print ok ? "met" : "NOT MET" }')
  printf '  %-44s %8s  %s %-6s %s\n' "$1" "$2" "$3" "$4" "$verdict"
}
speedup() { awk -v a="${WALL["$1|$big|1"]}" -v b="${WALL["$1|$big|2"]}" 'BEGIN { printf "%.2f", a / b }'; }
lint_rss=0
for k in "${!RSS[@]}"; do
  [[ $k == "mlspec lint"*"|$big|"* ]] && lint_rss=$(max "$lint_rss" "${RSS[$k]}")
done
echo
if ((smoke)); then echo "targets ($big, $glabel, $bigp pools; smoke sizes: the verdicts say nothing):"
else echo "targets ($big, $glabel, $bigp pools):"; fi
target "lint / libyaml floor, 1 thread" "${RATIO["mlspec lint|$big|1"]}" ">=" 0.50
target "lint --spec / libyaml floor, 1 thread" "${RATIO["mlspec lint --spec|$big|1"]}" ">=" 0.50
target "lint, 2 threads / 1 thread" "$(speedup "mlspec lint")" ">=" 1.70
target "lint --spec, 2 threads / 1 thread" "$(speedup "mlspec lint --spec")" ">=" 1.70
target "lint peak RSS, MB" "$lint_rss" "<" 200
gspeedup() { awk -v a="${WALL["$1|$glabel|1"]}" -v b="${WALL["$1|$glabel|2"]}" 'BEGIN { printf "%.2f", a / b }'; }
greport_rss=0
for k in "${!RSS[@]}"; do
  [[ $k == "mlspec lint"*"|$glabel|"* ]] && greport_rss=$(max "$greport_rss" "${RSS[$k]}")
done
for f in $gformats; do
  target "guides: lint -f $f / floor, 1 thread" "${RATIO["mlspec lint -f $f|$glabel|1"]}" ">=" 0.50
done
target "guides: lint, 2 threads / 1 thread" "$(gspeedup "mlspec lint -f text")" ">=" 1.70
target "guides: lint --spec, 2 threads / 1 thread" "$(gspeedup "mlspec lint --spec")" ">=" 1.70
target "guides: lint peak RSS, MB" "$greport_rss" "<" 100
target "compile $bigp pools on disk, s" "$compile_wall" "<" 2
[[ -z $compile_growth ]] || target "compile growth exponent (on disk, max)" "$compile_growth" "<=" 1.15
[[ -z $tmpfs_growth ]] || target "compile growth exponent (tmpfs, max)" "$tmpfs_growth" "<=" 1.15
target "compile peak RSS, MB" "$compile_rss" "<" 500

if ((smoke)); then
  n_lint=$(printf '%s\n' "${rows[@]}" | grep -c '^mlspec lint')
  ((n_lint == 11)) || die "smoke: expected 11 lint rows (4 + 7 on the guides corpus), got $n_lint"
  ((${#crow[@]} >= $(wc -w <<<"$pools"))) || die "smoke: compile rows missing"
  echo "smoke: ok"
fi
