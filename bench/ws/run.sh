#!/usr/bin/env bash
# The ssbuild runtime against the WebSocket anchors, in one sitting.
#
#   bench/ws/run.sh [--conns "100 1000 5000"] [--servers "ssbuild ssbuild-el ssbuild-worker ws-json sio-shim python-socketio"]
#                   [--reps 3] [--total-calls 100000] [--out DIR] [--server-bin PATH] [--ssbuild PATH]
#
# "ssbuild-el" runs the in-process actions on the connections' event loops
# (`inProcessActionsOnEventLoop`). "ssbuild-worker" is the same server with the actions in
# a worker process (the hop every app's Swift actions take): the worker is built by
# `ssbuild release` of a generated app with app/server/bench.swift (pass the ssbuild binary
# with --ssbuild, default .build/release).
#
# Copies ../../shared/bench/ws-anchor (found via $WS_ANCHOR, default ../shared/bench/ws-anchor
# next to the repo) into a scratch folder, adds the "ssbuild" adapter (adapter.js) and a
# server line for the runtime's bench server (bench/ws/server, built as `wsbench`), then runs
# the anchors' own matrix script: same load generator, same pinning (server CPU 0,
# generator CPU 1), same CPU-per-call accounting.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
anchor=${WS_ANCHOR:-$repo/../shared/bench/ws-anchor}
bin=
ssbuild=$repo/.build/release/ssbuild
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --server-bin) bin=$2; shift 2 ;;
    --ssbuild) ssbuild=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$bin" ]; then
  for c in "$repo/.build/release/wsbench"; do
    [ -x "$c" ] && bin=$c && break
  done
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "build the bench server first (swift build -c release --product wsbench) or pass --server-bin" >&2; exit 2; }
[ -d "$anchor" ] || { echo "no ws-anchor kit at $anchor (set WS_ANCHOR)" >&2; exit 2; }

scratch=$(mktemp -d -t ss-ws-bench-XXXX)
. "$here/anchor-kit.sh"
copy_anchor_kit "$anchor" "$scratch/ws-anchor"
cp "$anchor/../quiet.py" "$scratch/" 2>/dev/null || true
worker=
if printf '%s\n' "${args[@]}" | grep -q ssbuild-worker; then
  [ -x "$ssbuild" ] || { echo "ssbuild-worker needs the ssbuild binary (--ssbuild PATH)" >&2; exit 2; }
  "$ssbuild" new "$scratch/workerapp" >/dev/null
  cp "$here/server/Bench.swift" "$scratch/workerapp/app/server/bench.swift"
  "$ssbuild" release --root "$scratch/workerapp" >&2
  worker="$scratch/workerapp/.ssbuild/worker/.build/release/AppWorker"
fi
# Teach the matrix script the new servers.
sed -i "s|    ws-json) adapter=json;|    ssbuild) adapter=ssbuild; cmd=\"$bin --port \$port\" ;;\n    ssbuild-worker) adapter=ssbuild; cmd=\"$bin --port \$port --worker $worker\" ;;\n    ssbuild-el) adapter=ssbuild; cmd=\"$bin --port \$port --actions-on-event-loop\" ;;\n    ws-json) adapter=json;|" \
  "$scratch/ws-anchor/run-ws-anchors.sh"
if [ ${#args[@]} -eq 0 ] || ! printf '%s\n' "${args[@]}" | grep -q -- '--servers'; then
  args+=(--servers "ssbuild ws-json sio-shim python-socketio")
fi
echo "scratch: $scratch" >&2
exec bash "$scratch/ws-anchor/run-ws-anchors.sh" "${args[@]}"
