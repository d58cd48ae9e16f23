#!/usr/bin/env bash
# The golden trees' terraform/ judged by the providers' schemas and by
# `terraform fmt`.
# Usage: check-terraform.sh schema|fmt
#   schema  validate-terraform-schema.mjs on every tests/golden/*/terraform, at
#           the oldest and newest provider versions pinned in pins.json.
#   fmt     `terraform fmt -check -diff -recursive` on the same directories.
#           Needs a `terraform` binary on PATH, which ci/install-deps.sh does
#           not install (HashiCorp's releases are not on Debian or npm);
#           without one it says so and exits 77, which CTest reports as
#           skipped. MLSPEC_REQUIRE_TERRAFORM=1 makes that a failure.
set -uo pipefail
cd "$(dirname "$0")/../../.."
dirs=()
for t in tests/golden/*/terraform; do [[ -d $t ]] && dirs+=("$t"); done
((${#dirs[@]})) || { echo "no tests/golden/*/terraform directories"; exit 2; }
case ${1:-} in
  schema)
    node tests/conformance/validate-terraform-schema.mjs "${dirs[@]}" || exit 1
    echo "terraform schema: ${#dirs[@]} modules clean against $(cd tests/conformance/providers/schemas && ls *.json | sed 's/\.json$//' | tr '\n' ' ')"
    ;;
  fmt)
    if ! command -v terraform >/dev/null; then
      echo "terraform fmt: SKIPPED: no terraform on PATH (ci/install-deps.sh does not install it)"
      [[ ${MLSPEC_REQUIRE_TERRAFORM:-0} == 1 ]] && exit 1
      exit 77
    fi
    # fmt reads no CLI configuration; a TF_CLI_CONFIG_FILE naming a missing
    # file would only add a warning per call.
    if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -e $TF_CLI_CONFIG_FILE ]]; then export TF_CLI_CONFIG_FILE=/dev/null; fi
    fail=0
    for d in "${dirs[@]}"; do terraform fmt -check -diff -recursive "$d" || { echo "terraform fmt: $d is not formatted as above"; fail=1; }; done
    ((fail == 0)) && echo "terraform fmt: ${#dirs[@]} modules formatted ($(terraform version | head -1))"
    exit $fail
    ;;
  *)
    echo "usage: check-terraform.sh schema|fmt" >&2
    exit 2
    ;;
esac
