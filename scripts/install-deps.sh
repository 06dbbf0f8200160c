#!/usr/bin/env bash
# Installs every Debian package and PyPI package that building, testing and
# benchmarking ssbuild needs on a fresh Debian 12 machine that has Swift.
# Usage: scripts/install-deps.sh [--runtime-only]
set -euo pipefail

RUNTIME_PACKAGES=(
  pkg-config zlib1g-dev libbrotli-dev libjavascriptcoregtk-4.1-dev libcmark-dev
  libhiredis-dev coffeescript
)
TEST_PACKAGES=(
  nodejs node-ws chromium chromium-driver brotli redis-server node-stylus esbuild terser uglifyjs cleancss
  hyperfine wrk time git ca-certificates python3 python3-pip gzip coreutils util-linux openssl curl nginx-light
  libjs-jquery libjs-underscore libjs-mustache libjs-moment node-lodash libjs-three libjs-d3
)

packages=("${RUNTIME_PACKAGES[@]}")
if [[ "${1:-}" != "--runtime-only" ]]; then
  packages+=("${TEST_PACKAGES[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
if (( ${#missing[@]} )); then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" != "--runtime-only" ]]; then
  python3 -c "import selenium, pytest" 2>/dev/null || python3 -m pip install -q selenium pytest 2>/dev/null \
    || python3 -m pip install -q --break-system-packages selenium pytest
fi
