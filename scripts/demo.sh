#!/usr/bin/env bash
# Sets up everything, builds ssbuild, generates a demo app and serves it on
# http://127.0.0.1:3000 (Ctrl-C stops it). Usage: scripts/demo.sh [APP_DIR]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/install-deps.sh" --runtime-only
swift build -c release --package-path "$repo" --product ssbuild
ssbuild="$repo/.build/release/ssbuild"
app="${1:-${TMPDIR:-/tmp}/ssbuild-demo}"
if [[ ! -d "$app" ]]; then "$ssbuild" new "$app"; fi
cd "$app"
"$ssbuild" release --env production
exec "$ssbuild" serve --env production --port "${PORT:-3000}"
