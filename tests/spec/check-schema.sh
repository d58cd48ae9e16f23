#!/usr/bin/env bash
# Keeps schemas/mlspec.schema.json and the parser in agreement:
#  - every example is valid under the schema;
#  - every bad fixture marked "# schema: rejects" is rejected by the schema;
#  - every bad fixture marked "# schema: accepts" (a check only the validator
#    can make: references, capacity) is accepted, so the schema is never
#    stricter than mlspec itself.
# The parser's side (every bad fixture rejected with its exact message) is
# SpecFixturesTest in tests/unit/spec_fixtures_test.cc.
set -uo pipefail
cd "$(dirname "$0")/../.."
v=(node tests/conformance/validate-json-schema.mjs --schema schemas/mlspec.schema.json --toml)
rejects=() accepts=() fail=0
for f in tests/spec/bad/*.toml; do
  case "$(head -1 "$f")" in
    "# schema: rejects"*) rejects+=("$f") ;;
    "# schema: accepts"*) accepts+=("$f") ;;
    "# schema: not-toml"*) ;;
    *) echo "$f:1:1: error: first line must say '# schema: rejects', '# schema: accepts' or '# schema: not-toml'"; fail=1 ;;
  esac
done
"${v[@]}" examples/*.toml || fail=1
"${v[@]}" --expect-invalid "${rejects[@]}" || fail=1
"${v[@]}" "${accepts[@]}" || fail=1
echo "schema agreement: ${#rejects[@]} rejected, ${#accepts[@]} accepted, $(ls examples/*.toml | wc -l) examples valid"
exit $fail
