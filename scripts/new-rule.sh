#!/usr/bin/env bash
# Scaffolds a lint rule (like clang-tidy's add_new_check.py):
#   scripts/new-rule.sh RULE-ID [error|warning|info] [--root DIR] [--build-dir DIR]
# creates  src/lint/rules/<rule_id>.cc          RuleInfo + a Check that reports nothing yet
#          tests/lint/<rule-id>/bad.yaml        expects a finding, so the fixture test FAILS
#          tests/lint/<rule-id>/good.yaml       until the rule is written
# edits    src/lint/rules/rules.h               the accessor, in id order
#          src/lint/registry.cc                 the registry line, in id order
#          docs/rules.md                        regenerated when <build-dir>/mlspec exists
#                                               (rebuilt first when <build-dir> is a CMake tree)
# Then: write the RuleInfo texts and Check, make bad.yaml/good.yaml real, and run
#   ctest --test-dir build -R 'FixtureDir|Registry'
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: $0 RULE-ID [error|warning|info] [--root DIR] [--build-dir DIR]" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
build=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) [[ $# -ge 2 ]] || usage; root="$2"; shift 2 ;;
    --build-dir) [[ $# -ge 2 ]] || usage; build="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "$0: unknown option $1" >&2; usage ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ ${#args[@]} -ge 1 && ${#args[@]} -le 2 ]] || usage
id="${args[0]}"
sev_word="${args[1]:-warning}"
build="${build:-$root/build}"

if ! [[ "$id" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)+$ ]]; then
  echo "$0: rule id '$id' must be lower-case words joined by '-', e.g. gpu-limit-missing" >&2
  exit 2
fi
case "$sev_word" in
  error) sev=kError ;;
  warning) sev=kWarning ;;
  info) sev=kInfo ;;
  *) echo "$0: severity '$sev_word' must be error, warning or info" >&2; exit 2 ;;
esac

rules_dir="$root/src/lint/rules"
rules_h="$rules_dir/rules.h"
registry="$root/src/lint/registry.cc"
snake="${id//-/_}"
camel() {  # gpu-limit-missing -> GpuLimitMissing
  local out="" w
  IFS=- read -ra words <<<"$1"
  for w in "${words[@]}"; do out+="${w^}"; done
  printf '%s' "$out"
}
class="$(camel "$id")"
accessor="${class}Rule"
rule_cc="$rules_dir/$snake.cc"
fixtures="$root/tests/lint/$id"

for f in "$rules_h" "$registry"; do
  [[ -f "$f" ]] || { echo "$0: $f not found (is --root the repository?)" >&2; exit 2; }
done
existing_ids="$(grep -ho '^ *\.id = "[a-z0-9-]*"' "$rules_dir"/*.cc | sed 's/.*"\(.*\)"/\1/' | sort)"
if grep -qx -- "$id" <<<"$existing_ids" || [[ -e "$rule_cc" || -e "$fixtures" ]] ||
   grep -q "^const Rule& $accessor();" "$rules_h"; then
  echo "$0: rule $id already exists ($rule_cc, $fixtures or $accessor in rules.h)" >&2
  exit 1
fi

# Inserts `new_line` before the line of the first existing id that sorts after
# `id`, else after the line of the last id; `format` (printf) turns an
# accessor into its exact line, so both lists stay sorted by id as
# registry_test wants.
insert_sorted() {
  local file="$1" new_line="$2" format="$3" next_id last_id anchor
  next_id="$(awk -v n="$id" '$0 > n { print; exit }' <<<"$existing_ids")"
  last_id="$(tail -1 <<<"$existing_ids")"
  anchor="$(printf "$format" "$(camel "${next_id:-$last_id}")Rule")"
  grep -qxF -- "$anchor" "$file" || { echo "$0: no line '$anchor' in $file" >&2; exit 1; }
  awk -v anchor="$anchor" -v add="$new_line" -v before="${next_id:+1}" '
    !done && $0 == anchor && before { print add; done = 1 }
    { print }
    !done && $0 == anchor && !before { print add; done = 1 }' "$file" >"$file.tmp"
  mv "$file.tmp" "$file"
}

insert_sorted "$rules_h" "const Rule& $accessor();" 'const Rule& %s();'
insert_sorted "$registry" "    &$accessor()," '    &%s(),'

cat >"$rule_cc" <<EOF
// Rule \`$id\`: TODO(one line: what it finds).
#include <string>

#include "lint/rules/common.h"
#include "lint/rules/rules.h"

namespace mlspec::lint {
namespace {

constexpr RuleInfo kInfo{
    .id = "$id",
    .default_severity = Severity::$sev,
    .category = Category::kHygiene,  // kGpu, kShm, kCluster, kHygiene or kCrossDocument
    .summary = "TODO: one line, what the rule finds.",
    .rationale = "TODO: why it matters — what breaks, with a link to the public docs that say so.",
    .fix = "TODO: what to change.",
    .bad_example = "TODO: the smallest YAML that triggers it",
    .good_example = "TODO: the same YAML, fixed",
    .enabled_by_default = true,
    .needs_spec = false,
};

class $class final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  // Reports nothing until written, so tests/lint/$id/bad.yaml fails. Walk
  // c.obj.templates (PodTemplate: spec, containers) with c.doc, and report:
  //   c.out.Report(kInfo, node, c.obj.path_prefix + path, c.obj.Display() + ": ...");
  void Check(const CheckContext& c) const override { (void)c; }
};

}  // namespace

const Rule& $accessor() {
  static const $class rule;
  return rule;
}

}  // namespace mlspec::lint
EOF

mkdir -p "$fixtures"
cat >"$fixtures/bad.yaml" <<EOF
# Objects $id must report: each finding is annotated on its line with the
# rule id, the column and a piece of the message (syntax: tests/lint/README.md).
# TODO: replace with real objects, one per reporting branch of Check.
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: main  # expect: $id:5 "TODO: a distinctive piece of the message"
    image: registry.example.com/app:1.0
EOF
cat >"$fixtures/good.yaml" <<EOF
# Near misses $id must not report, marked ok on the line a finding would
# point at. TODO: replace with real objects.
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
  - name: main  # ok: $id
    image: registry.example.com/app:1.0
EOF

echo "created $rule_cc"
echo "created $fixtures/bad.yaml $fixtures/good.yaml"
echo "edited  $rules_h $registry"
if [[ -x "$build/mlspec" ]]; then
  if [[ -f "$build/CMakeCache.txt" ]]; then
    cmake --build "$build" --target mlspec -j2 >&2
  fi
  "$build/mlspec" rules --format markdown >"$root/docs/rules.md"
  echo "regenerated $root/docs/rules.md"
else
  echo "note: $build/mlspec not built; after building run:"
  echo "  build/mlspec rules --format markdown > docs/rules.md"
fi
