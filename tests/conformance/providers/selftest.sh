#!/usr/bin/env bash
# Proves validate-terraform-schema.mjs can fail, and fails for the right
# reason: copies of the golden terraform/ trees, each with one mutation, and
# the hand-written selftest/bad-node-group module must each be rejected with
# the expected message; the unmutated copies must pass.
# Prints one line per case and "N passed, M failed"; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../../.."
V="node tests/conformance/validate-terraform-schema.mjs"
G=tests/golden
tmp=$(mktemp -d /tmp/mlspec-tfschema-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# check NAME EXPECTED_RC EXPECTED_OUTPUT_SUBSTRING -- COMMAND...
check() {
  local name=$1 want=$2 grep_for=$3
  shift 4
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  if [[ $rc -ne $want ]]; then
    echo "FAIL $name: exit $rc, want $want"
    printf '%s\n' "$out" | sed 's/^/    /' | head -20
    failed=$((failed + 1))
  elif [[ -n $grep_for ]] && ! grep -qF -- "$grep_for" <<<"$out"; then
    echo "FAIL $name: output lacks: $grep_for"
    printf '%s\n' "$out" | sed 's/^/    /' | head -20
    failed=$((failed + 1))
  else
    echo "ok   $name"
    passed=$((passed + 1))
  fi
}

# expect NAME EXPECTED_OUTPUT_SUBSTRING OUTPUT: one more expectation on the
# output of a command already run (each run of node costs about a second).
expect() {
  if grep -qF -- "$2" <<<"$3"; then
    echo "ok   $1"
    passed=$((passed + 1))
  else
    echo "FAIL $1: output lacks: $2"
    failed=$((failed + 1))
  fi
}

# mutate NAME GOLDEN_CASE FILE PERL_EXPR: a copy of the case's terraform/ with
# one edit to FILE; fails the case when the edit changed nothing.
mutate() {
  local name=$1 case=$2 file=$3 expr=$4
  mkdir -p "$tmp/$name"
  cp "$G/$case/terraform/"*.tf "$tmp/$name/"
  perl -0pi -e "$expr" "$tmp/$name/$file"
  if cmp -s "$G/$case/terraform/$file" "$tmp/$name/$file"; then
    echo "FAIL $name: the mutation did not apply to $G/$case/terraform/$file"
    failed=$((failed + 1))
    return 1
  fi
}

check golden 0 "" -- $V "$G/aks-platform/terraform" "$G/eks-platform/terraform" "$G/gke-platform/terraform"

# Each mutation: NAME GOLDEN_CASE FILE PERL_EXPR EXPECTED. All mutated copies
# are judged in one run; each must show its expected line, under its own path.
mutations=(
  misspelt-argument aks-platform node_pools.tf 's/\bvm_size\b/vm_sise/'
  'azurerm_kubernetes_cluster_node_pool.ai: vm_sise: unsupported argument; did you mean "vm_size"? (azurerm 4.40.0, 4.55.0)'
  missing-required eks-platform node_pools.tf 's/^  node_role_arn .*\n//m'
  'aws_eks_node_group.a100: missing required argument "node_role_arn" (aws 6.0.0, 6.25.0)'
  missing-nested-required gke-platform node_pools.tf 's/^      count = 1\n//m'
  'missing required argument "node_config.guest_accelerator.count" (google 6.1.0, 6.50.0)'
  block-as-argument gke-platform node_pools.tf 's/^  autoscaling \{/  autoscaling = {/m'
  'autoscaling is a block: write "autoscaling { ... }", not "autoscaling = ..." (google 6.1.0, 6.50.0)'
  argument-as-block aks-platform node_pools.tf 's/^  tags        = var.tags\n/  tags {\n  }\n/m'
  'azurerm_kubernetes_cluster_node_pool.ai: tags is an argument: write "tags = ...", not a block (azurerm 4.40.0, 4.55.0)'
  misspelt-nested eks-platform node_pools.tf 's/max_unavailable = 1/max_unavailible = 1/'
  'update_config.max_unavailible: unsupported argument; did you mean "max_unavailable"?'
  ignore-changes-path eks-platform node_pools.tf 's/scaling_config\[0\]\.desired_size/scaling_config[0].desired_count/'
  'ignore_changes: scaling_config[0].desired_count: "desired_count" is not an argument or block'
  # Only the oldest pinned azurerm lacks upgrade_settings.max_unavailable and
  # requires max_surge: the reason both ends of the constraint are checked.
  oldest-version-only aks-platform node_pools.tf 's/(  tags        = var.tags\n)/$1\n  upgrade_settings {\n    max_unavailable = 1\n  }\n/'
  'upgrade_settings.max_unavailable: unsupported argument (azurerm 4.40.0)'
  constraint-moved aks-platform versions.tf 's/"~> 4.40"/"~> 4.50"/'
  'version "~> 4.50", but the schemas checked are pinned for "~> 4.40"'
)
mutated=()
expected=()
for ((k = 0; k < ${#mutations[@]}; k += 5)); do
  mutate "${mutations[k]}" "${mutations[k + 1]}" "${mutations[k + 2]}" "${mutations[k + 3]}" || continue
  mutated+=("${mutations[k]}")
  expected+=("${mutations[k + 4]}")
done
check mutations 1 "" -- $V "${mutated[@]/#/$tmp/}"
mut_out=$($V "${mutated[@]/#/$tmp/}" 2>&1)
for k in "${!mutated[@]}"; do
  expect "mutation/${mutated[k]}" "${expected[k]}" "$(grep -F -- "$tmp/${mutated[k]}/" <<<"$mut_out")"
done
expect mutation/oldest-version-only/required 'missing required argument "upgrade_settings.max_surge" (azurerm 4.40.0)' \
  "$(grep -F -- "$tmp/oldest-version-only/" <<<"$mut_out")"

B=tests/conformance/providers/selftest/bad-node-group
declare -A BAD=(
  [misspelt]='node_pools.tf:10: aws_eks_node_group.misspelt: instance_type: unsupported argument; did you mean "instance_types"?'
  [missing-argument]='node_pools.tf:20: aws_eks_node_group.missing: missing required argument "node_role_arn"'
  [missing-block-argument]='node_pools.tf:25: aws_eks_node_group.missing: missing required argument "scaling_config.desired_size"'
  [missing-block]='aws_eks_node_group.nesting: missing required block "scaling_config { ... }"'
  [block-as-argument]='node_pools.tf:38: aws_eks_node_group.nesting: scaling_config is a block'
  [argument-as-block]='node_pools.tf:40: aws_eks_node_group.nesting: labels is an argument'
  [max-one]='node_pools.tf:48: aws_eks_node_group.nesting: update_config: at most one block of this type is allowed'
  [ignore-changes]='node_pools.tf:53: aws_eks_node_group.nesting: ignore_changes: scaling_config[0].desired:'
  [no-schema]='aws_eks_addon.unknown: no schema extracted for resource type aws_eks_addon'
)
check bad-node-group 1 "" -- $V "$B"
bad_out=$($V "$B" 2>&1)
for k in $(printf '%s\n' "${!BAD[@]}" | sort); do
  expect "bad-node-group/$k" "${BAD[$k]}" "$bad_out"
done

check usage 2 "usage:" -- $V

# terraform fmt -check, as check-terraform.sh fmt runs it, rejects a misaligned "=".
if command -v terraform >/dev/null; then
  if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -e $TF_CLI_CONFIG_FILE ]]; then export TF_CLI_CONFIG_FILE=/dev/null; fi
  mutate fmt-misaligned aks-platform node_pools.tf 's/^  vm_size( +)=/  vm_size =/m' &&
    check fmt-misaligned 3 "node_pools.tf" -- terraform fmt -check -recursive "$tmp/fmt-misaligned"
else
  echo "skip fmt-misaligned: no terraform on PATH"
fi
check missing-schemas 2 "is missing: run ci/install-deps.sh" -- $V --schemas "$tmp/none" "$G/aks-platform/terraform"

echo "$passed passed, $failed failed"
((failed == 0))
