#!/usr/bin/env bash
# The golden trees' terraform/ judged by the providers' schemas and by
# `terraform fmt`.
# Usage: check-terraform.sh schema [MLSPEC] | fmt
#   schema  validate-terraform-schema.mjs on every tests/golden/*/terraform, at
#           the oldest and newest provider versions pinned in pins.json. With
#           the mlspec binary, also on variants of the examples that reach the
#           branches the goldens do not: MIG pools (AKS gpu_instance, GKE
#           gpu_partition_size) and the GPU operator's driver on GKE.
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
    if [[ -n ${2:-} ]]; then
      tmp=$(mktemp -d /tmp/mlspec-tfvariants-XXXXXX)
      trap 'rm -rf "$tmp"' EXIT
      mlspec=$2
      # variant NAME EXAMPLE PERL_EXPR: compile a copy of the example with one edit.
      variant() {
        perl -0pe "$3" "examples/$2.toml" >"$tmp/$1.toml"
        if cmp -s "examples/$2.toml" "$tmp/$1.toml"; then echo "variant $1: the edit did not apply to examples/$2.toml"; exit 2; fi
        if ! "$mlspec" compile "$tmp/$1.toml" -o "$tmp/$1" >"$tmp/$1.log" 2>&1; then
          echo "variant $1: mlspec compile failed:"; cat "$tmp/$1.log"; exit 2
        fi
        dirs+=("$tmp/$1/terraform")
      }
      variant aks-mig aks-platform 's/(\[pools\.ai\]\n)/$1gpu_sharing = { strategy = "mig", profile = "1g.10gb" }\n/; s/^driver = true/driver = false/m'
      variant gke-mig gke-platform 's/(\[pools\.a100-spot\]\n)/$1gpu_sharing = { strategy = "mig", profile = "1g.10gb" }\n/; s/^driver = false.*$/driver = true/m'
    fi
    node tests/conformance/validate-terraform-schema.mjs "${dirs[@]}" || exit 1
    echo "terraform schema: ${#dirs[@]} modules clean (${dirs[*]#/tmp/*/}) against $(cd tests/conformance/providers/schemas && ls *.json | sed 's/\.json$//' | tr '\n' ' ')"
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
