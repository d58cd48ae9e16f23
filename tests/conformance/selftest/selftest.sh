#!/usr/bin/env bash
# Runs every validator on tiny good and bad samples and checks the exit code
# (good -> 0, bad -> 1, usage error -> 2) and, for bad samples, that the
# output names the problem the sample was written to show. This proves each
# validator can fail, and fails for the right reason.
# Prints one line per case and a final "N passed, M failed"; exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
S=selftest
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

K8S="node validate-k8s.mjs"
HELM="node validate-helm-values.mjs"
HCL="node validate-hcl.mjs"
JS="node validate-json-schema.mjs"

# validate-k8s.mjs
check k8s/good 0 "" -- $K8S $S/k8s/good
check k8s/unknown-kind-allowed 0 "" -- $K8S --allow-kind Widget $S/k8s/bad/unknown-kind.yaml
check k8s/usage 2 "usage:" -- $K8S
# --crd: CRDs among the inputs define their kinds (as helm-rendered charts do);
# null values are pruned where the schema is not nullable, as the API server does.
check k8s/crd-input-good 0 "" -- $K8S --crd $S/k8s/crd-input/crd.yaml $S/k8s/crd-input/crd.yaml $S/k8s/crd-input/good.yaml
check k8s/crd-input-bad 1 '/spec/colour: unknown field "colour"' -- $K8S --crd $S/k8s/crd-input/crd.yaml $S/k8s/crd-input/bad.yaml
check k8s/crd-input-bad-type 1 '/spec/size: must be integer' -- $K8S --crd $S/k8s/crd-input/crd.yaml $S/k8s/crd-input/bad.yaml
check k8s/crd-input-absent 1 'no validator knows apiVersion "example.com/v1" kind "Gadget"' -- $K8S $S/k8s/crd-input/good.yaml
declare -A K8S_BAD=(
  [argocd-unknown-field]='/spec/syncPolicy/autoSync: unknown field "autoSync"'
  [bad-name]='/metadata/name: invalid name "My_Service"'
  [bad-quantity]='/spec/hard/limits.memory:'
  [crd-schema-extension]='/properties/tags/x-kubernetes-list-type: must be one of "atomic", "set", "map"'
  [crd-schema-unknown-field]='/properties/spec/descripton: unknown field "descripton"'
  [crd-bad-metadata]='/metadata/label: unknown field "label"'
  [crd-unknown-field]='/spec/predictor/model/storageURI: unknown field "storageURI"'
  [crd-wrong-type]='/spec/pytorchReplicaSpecs/Master/replicas: must be integer'
  [duplicate-key]='line 4 col 1: YAML: Map keys must be unique'
  [gpu-fraction]='extended resource nvidia.com/gpu must be a whole number'
  [gpu-request-ne-limit]='request must equal limit'
  [not-an-object]='document is a list, not an object'
  [removed-api]='batch/v1beta1 CronJob is not a GA API'
  [servicemonitor-wrong-type]='/spec/endpoints: must be array'
  [unknown-field]='/spec/replica: unknown field "replica"'
  [unknown-kind]='no validator knows apiVersion "example.com/v1" kind "Widget"'
  [wrong-type]='/data/port: must be string'
  [yaml11-bool]='/spec/containers/0/env/0/value: must be string'
)
for f in $S/k8s/bad/*.yaml; do
  n=$(basename "$f" .yaml)
  if [[ -z ${K8S_BAD[$n]+x} ]]; then
    echo "FAIL k8s/bad/$n: no expected message listed in selftest.sh"
    failed=$((failed + 1))
    continue
  fi
  check "k8s/bad/$n" 1 "${K8S_BAD[$n]}" -- $K8S "$f"
done

# validate-helm-values.mjs
check helm/jupyterhub-good 0 "" -- $HELM --chart jupyterhub $S/helm/jupyterhub-good.yaml
check helm/jupyterhub-bad-schema 1 '/singleuser/cpuLimit: unknown field "cpuLimit"' -- $HELM --chart jupyterhub $S/helm/jupyterhub-bad-schema.yaml
check helm/jupyterhub-bad-camelcase-override 1 '"extraResourceLimits" is not a KubeSpawner trait (did you mean "extra_resource_limits"?)' -- $HELM --chart jupyterhub $S/helm/jupyterhub-bad-camelcase-override.yaml
check helm/jupyterhub-bad-null-required 1 "must have required property 'hub'" -- $HELM --chart jupyterhub $S/helm/jupyterhub-bad-null-required.yaml
check helm/mlflow-good 0 "" -- $HELM --chart mlflow $S/helm/mlflow-good.yaml
check helm/mlflow-bad 1 "/replicaCount: must be integer" -- $HELM --chart mlflow $S/helm/mlflow-bad.yaml
check helm/gpu-operator-good 0 "" -- $HELM --chart gpu-operator $S/helm/gpu-operator-good.yaml
check helm/gpu-operator-bad 1 '/daemonsets/priorityClass: no such key in the gpu-operator chart (did you mean "priorityClassName"?)' -- $HELM --chart gpu-operator $S/helm/gpu-operator-bad.yaml
check helm/gpu-operator-allow-key 0 "" -- $HELM --chart gpu-operator --allow-key /daemonsets/priorityClass $S/helm/gpu-operator-bad.yaml
check helm/usage 2 "--chart must be one of" -- $HELM --chart nginx $S/helm/mlflow-good.yaml

# validate-hcl.mjs
check hcl/good 0 "" -- $HCL $S/hcl/good
check hcl/bad-syntax 1 "main.tf: [0 hcl/main.tf] line 3 col 13: Invalid expression" -- $HCL $S/hcl/bad-syntax
check hcl/bad-duplicate 1 "resource.null_resource.pool is defined 2 times" -- $HCL $S/hcl/bad-duplicate
check hcl/usage 2 "usage:" -- $HCL

# validate-json-schema.mjs
check json/2020-good 0 "" -- $JS --schema $S/json/schema-2020.json $S/json/good.json
check json/2020-bad 1 '/name: must match pattern' -- $JS --schema $S/json/schema-2020.json $S/json/bad.json
check json/draft07-good 0 "" -- $JS --schema $S/json/schema-draft07.json $S/json/good-draft07.json
check json/draft07-bad 1 '/version: must be equal to constant: "2.1.0"' -- $JS --schema $S/json/schema-draft07.json $S/json/bad-draft07.json
check json/draft04-good 0 "" -- $JS --schema $S/json/schema-draft04.json $S/json/good-draft04.json
check json/draft04-bad 1 '/startLine: must be > 0' -- $JS --schema $S/json/schema-draft04.json $S/json/bad-draft04.json
check json/toml-good 0 "" -- $JS --schema $S/json/schema-2020.json --toml $S/json/good.toml
check json/toml-bad 1 '/extra: unknown field "extra"' -- $JS --schema $S/json/schema-2020.json --toml $S/json/bad-extra.toml
check json/toml-unparsable 1 'does not parse as TOML' -- $JS --schema $S/json/schema-2020.json --toml $S/json/broken.toml
check json/expect-invalid-all-rejected 0 "" -- $JS --schema $S/json/schema-2020.json --toml --expect-invalid $S/json/bad-extra.toml $S/json/bad-negative.toml
check json/expect-invalid-one-accepted 1 'good.toml: [0 toml/-] /: accepted by the schema, but this sample must be rejected' -- $JS --schema $S/json/schema-2020.json --toml --expect-invalid $S/json/bad-extra.toml $S/json/good.toml
check json/usage 2 "--schema is required" -- $JS $S/json/good.json

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
