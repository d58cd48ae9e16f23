#!/usr/bin/env bash
# PromQL in the golden trees (GPU alerts, GPU dashboard, KEDA triggers) parses
# with Prometheus' grammar and reads only metrics the pinned exporters export
# (check-promql.mjs, metrics.txt); and the check can fail: a misspelt metric,
# a broken expression and a bad `for` in a copy of a tree are each reported.
set -uo pipefail
cd "$(dirname "$0")/../.."
fail=0
out=$(node tests/conformance/check-promql.mjs tests/golden 2>&1) || { echo "$out"; fail=1; }
n=$(sed -n 's/^check-promql: \([0-9]*\) expression(s)$/\1/p' <<<"$out")
if [[ -z $n || $n -lt 50 ]]; then echo "check-promql: expected the golden trees' expressions, checked ${n:-none}"; fail=1; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=tests/golden/eks-platform/manifests/monitoring
mutate() {  # NAME SED-EXPRESSION FILE EXPECTED-MESSAGE
  cp "$src/$3" "$tmp/$1.yaml"
  sed -i "$2" "$tmp/$1.yaml"
  if cmp -s "$src/$3" "$tmp/$1.yaml"; then echo "mutation $1: the sed expression changed nothing"; fail=1; return; fi
  got=$(node tests/conformance/check-promql.mjs "$tmp/$1.yaml" 2>/dev/null)
  if [[ $? -ne 1 || $got != *"$4"* ]]; then echo "mutation $1: expected exit 1 and \"$4\", got: $got"; fail=1; fi
}
mutate unknown-metric 's/DCGM_FI_DEV_XID_ERRORS/DCGM_FI_DEV_XID_ERROR_COUNT/' gpu-alerts.yaml \
  'metric DCGM_FI_DEV_XID_ERROR_COUNT is not exported by the pinned exporters'
mutate syntax 's/(DCGM_FI_DEV_GPU_TEMP)/(DCGM_FI_DEV_GPU_TEMP/' gpu-alerts.yaml \
  'PromQL syntax error'
mutate bad-for 's/for: "5m"/for: "5 minutes"/' gpu-alerts.yaml 'not a Prometheus duration: "5 minutes"'
mutate dashboard-metric 's/DCGM_FI_DEV_POWER_USAGE/DCGM_FI_DEV_POWER_DRAW/' gpu-dashboard.yaml \
  'metric DCGM_FI_DEV_POWER_DRAW is not exported'
[[ $fail == 0 ]] && echo "check-promql: $n expressions ok; 4 mutations rejected"
exit $fail
