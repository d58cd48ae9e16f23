#!/usr/bin/env bash
# Runs the independent validators over every golden tree (which the golden
# test proves byte-identical to what `mlspec compile` emits):
#   manifests/ and argocd/   official Kubernetes OpenAPI schemas + CRDs (validate-k8s.mjs)
#   helm/*.values.yaml       chart values.yaml merged under ours + chart schema (validate-helm-values.mjs)
#   terraform/               HashiCorp's HCL parser (validate-hcl.mjs)
# Usage: check-golden.sh [k8s|helm|hcl]   (all when omitted)
set -uo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
fail=0
trees=(tests/golden/*/)
if [[ $what == all || $what == k8s ]]; then
  dirs=()
  for t in "${trees[@]}"; do
    for d in manifests argocd; do [[ -d $t$d ]] && dirs+=("$t$d"); done
  done
  node tests/conformance/validate-k8s.mjs "${dirs[@]}" || fail=1
fi
if [[ $what == all || $what == helm ]]; then
  for t in "${trees[@]}"; do
    for f in "$t"helm/*.values.yaml; do
      [[ -e $f ]] || continue
      chart=$(basename "$f" .values.yaml)
      node tests/conformance/validate-helm-values.mjs --chart "$chart" "$f" || fail=1
    done
  done
fi
if [[ $what == all || $what == hcl ]]; then
  dirs=()
  for t in "${trees[@]}"; do [[ -d ${t}terraform ]] && dirs+=("${t}terraform"); done
  ((${#dirs[@]})) && { node tests/conformance/validate-hcl.mjs "${dirs[@]}" || fail=1; }
fi
exit $fail
