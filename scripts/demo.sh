#!/usr/bin/env bash
# Sets up everything, builds ssbuild, generates a demo app and runs it under
# `ssbuild watch` on http://127.0.0.1:3000 (Ctrl-C stops it). Edit the app's files and
# the page updates. Usage: scripts/demo.sh [APP_DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/install-deps.sh" --runtime-only
"$repo/scripts/build-release.sh"
ssbuild="$repo/.build/release/ssbuild"
app="${1:-${TMPDIR:-/tmp}/ssbuild-demo}"
if [[ ! -d "$app" ]]; then "$ssbuild" new "$app"; fi
echo "demo app: $app"
exec "$ssbuild" watch --root "$app" --port "${PORT:-3000}"
