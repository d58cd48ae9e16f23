#!/usr/bin/env bash
# Renders every Helm chart an Argo CD Application of a golden tree names, with
# the real helm and the generated values, from ../shared/charts-src/
# (render-helm.mjs), then judges what came out:
#   1. validate-k8s.mjs: Kubernetes OpenAPI schemas and CRDs, the CRDs the
#      tree's own charts install included (--crd);
#   2. mlspec lint --spec examples/<tree>.toml: no error (warnings are
#      printed and counted per rule, and allowed);
#   3. check-closure.mjs: every object's kind and namespace come from an
#      earlier sync wave of the tree or from [platform] provided.
# A golden tree is tests/golden/<example>/, compiled from examples/<example>.toml.
#
# Usage: check-helm-render.sh MLSPEC [--mutations] [--keep DIR]
#   --mutations  instead, prove the check can fail: each broken copy of a tree
#                (a chart version not in charts-src, a values key the chart's
#                schema rejects, a value that renders an invalid object, GPU
#                tolerations dropped) must be rejected, for the right reason.
#   --keep DIR   render into DIR and leave it there (default: a temp folder).
# Needs helm (ci/install-deps.sh unzips the pinned one; MLSPEC_HELM overrides):
# without it the check fails, it does not skip.
set -uo pipefail
cd "$(dirname "$0")/../.."
mlspec=${1:?usage: check-helm-render.sh MLSPEC [--mutations] [--keep DIR]}
shift
mode=check
keep=
while (($#)); do
  case $1 in
    --mutations) mode=mutations ;;
    --keep) keep=${2:?--keep needs a folder}; shift ;;
    *) echo "check-helm-render.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [[ -n $keep ]]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/mlspec-helm-render-XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
C=tests/conformance

# check_tree TREE SPEC OUT: render, validate, lint. Prints what it did;
# returns 1 when any step found a problem.
check_tree() {
  local tree=$1 spec=$2 out=$3 rc=0
  node $C/render-helm.mjs --spec "$spec" --out "$out" "$tree" || return 1
  if ! compgen -G "$out/*.yaml" >/dev/null; then
    echo "$tree: no Application names a Helm chart"
    return 0
  fi
  node $C/validate-k8s.mjs --crd "$out" "$out" || rc=1
  # 3. the install closure: every kind and namespace from an earlier wave or provided.
  node $C/check-closure.mjs --spec "$spec" --rendered "$out" "$tree" || rc=1
  local lint
  lint=$("$mlspec" lint --spec "$spec" --fail-on error --format text --color never "$out" 2>&1)
  case $? in
    0) ;;
    1) rc=1 ;;
    *) echo "$lint"; echo "$tree: mlspec lint could not run"; return 1 ;;
  esac
  # Findings are FILE:LINE:COL: SEVERITY: MESSAGE [RULE], each followed by
  # the source line and a caret; the last line is the summary.
  local findings='^[^ ]*:[0-9]*:[0-9]*: [a-z]*: .*\[[a-z0-9-]*\]$'
  grep -E "$findings" <<<"$lint"
  tail -n 1 <<<"$lint" | sed "s|^|$tree: mlspec lint: |"
  grep -E "$findings" <<<"$lint" | sed -E 's/^[^ ]*:[0-9]*:[0-9]*: ([a-z]*): .*\[([a-z0-9-]*)\]$/\1 \2/' |
    sort | uniq -c | sed "s|^ *|$tree: lint |"
  return $rc
}

if [[ $mode == check ]]; then
  fail=0
  for tree in tests/golden/*/; do
    tree=${tree%/}
    ex=$(basename "$tree")
    spec=examples/$ex.toml
    if [[ ! -f $spec ]]; then
      echo "$tree: no $spec to lint against"
      fail=1
      continue
    fi
    if check_tree "$tree" "$spec" "$work/$ex"; then
      echo "ok   $tree: $(ls "$work/$ex" | wc -l) charts rendered, valid, no lint error"
    else
      echo "FAIL $tree"
      fail=1
    fi
  done
  exit $fail
fi

# --mutations: each case breaks a copy of the aks-platform tree one way.
passed=0
failed=0
base=tests/golden/aks-platform
spec=examples/aks-platform.toml
gaps=0
# mutate [--gap] NAME EXPECTED_OUTPUT_SUBSTRING SED_FILE SED_SCRIPT
# --gap: a mistake the check is meant to catch but mlspec lint does not yet;
# it is reported as GAP (not a failure) while it passes, and as ok once caught.
mutate() {
  local gap=0
  [[ $1 == --gap ]] && { gap=1; shift; }
  local name=$1 want=$2 file=$3 script=$4 t=$work/m-$1 out
  rm -rf "$t"
  mkdir -p "$t"
  cp -r "$base" "$t/tree"
  sed -i "$script" "$t/tree/$file"
  if cmp -s "$base/$file" "$t/tree/$file"; then
    echo "FAIL mutation $name: the sed script changed nothing in $file"
    failed=$((failed + 1))
    return
  fi
  out=$(check_tree "$t/tree" "$spec" "$t/out" 2>&1)
  if [[ $? -eq 0 ]]; then
    if ((gap)); then
      echo "GAP  mutation $name: the broken tree passes (known: $want)"
      gaps=$((gaps + 1))
      return
    fi
    echo "FAIL mutation $name: the broken tree passed"
    failed=$((failed + 1))
  elif ((gap)); then
    echo "ok   mutation $name: now caught; drop --gap from it in check-helm-render.sh"
    passed=$((passed + 1))
  elif ! grep -qF -- "$want" <<<"$out"; then
    echo "FAIL mutation $name: rejected, but the output lacks: $want"
    printf '%s\n' "$out" | sed 's/^/    /' | head -20
    failed=$((failed + 1))
  else
    echo "ok   mutation $name"
    passed=$((passed + 1))
  fi
}
# Render: the chart must be in charts-src at the pinned version.
mutate chart-version-missing 'chart jupyterhub 9.9.9 is not in' \
  argocd/jupyterhub.yaml 's/targetRevision: "3.3.8"/targetRevision: "9.9.9"/'
mutate chart-missing 'charts-src has no jupyterhubb at all' \
  argocd/jupyterhub.yaml 's/chart: jupyterhub/chart: jupyterhubb/'
# Render: helm applies the chart's values.schema.json.
mutate values-key-unknown "additional properties 'cpuLimit' not allowed" \
  helm/jupyterhub.values.yaml 's/^singleuser:$/singleuser:\n  cpuLimit: 2/'
# Validate: a value the chart passes through into an invalid object.
mutate values-renders-invalid-object '/spec/template/spec/containers/0/resources/limits/cpu:' \
  helm/mlflow.values.yaml '$a resources:\n  limits:\n    cpu: two'
# Lint: a system component placed on a GPU pool.
mutate system-component-on-gpu-pool 'Deployment hub: every pool the pod can use has a taint it does not tolerate' \
  helm/jupyterhub.values.yaml '0,/mlspec.io\/pool: user/ s/mlspec.io\/pool: user/mlspec.io\/pool: ai/'
# Lint: GPU DaemonSets that must run on the GPU pools but do not tolerate
# their nvidia.com/gpu taint: node-feature-discovery's worker (rendered), and
# the ClusterPolicy's daemonsets.tolerations, which the operator copies into
# the device plugin, DCGM exporter and driver DaemonSets it creates.
mutate --gap nfd-worker-gpu-toleration-dropped 'no lint rule checks that a DaemonSet tolerates the GPU pools it must run on' \
  helm/gpu-operator.values.yaml '/^  worker:$/,/^daemonsets:$/ s/key: nvidia.com\/gpu$/key: nvidia.com\/gpux/'
mutate --gap clusterpolicy-gpu-toleration-dropped 'no lint rule reads ClusterPolicy spec.daemonsets.tolerations' \
  helm/gpu-operator.values.yaml '/^daemonsets:$/,/^driver:$/ s/key: nvidia.com\/gpu$/key: nvidia.com\/gpux/'
# Closure: a component or a namespace the tree needs, taken away.
mutate closure-cert-manager-dropped 'Certificate kserve/serving-cert: nothing in the tree installs the CRD of cert-manager.io/Certificate' \
  argocd/cert-manager.yaml 's/^kind: Application$/kind: NotAnApplication/'
mutate closure-kserve-namespace-dropped 'namespace kserve is never created' \
  manifests/cluster/namespaces.yaml 's/^  name: kserve$/  name: kserve-renamed/'
echo "$passed passed, $failed failed, $gaps known gaps"
((failed == 0))
