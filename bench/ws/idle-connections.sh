#!/usr/bin/env bash
# Most concurrent idle WebSocket connections on one server process, the ssbuild runtime
# beside the anchors, in one sitting (issue 9). Prints one JSON line per server.
#
#   bench/ws/idle-connections.sh [--conns 100000] [--servers "ssbuild ws-json python-socketio"]
#                                [--server-bin PATH/wsbench]
#
# Every server runs pinned to CPU 0 with the same RLIMIT_NOFILE this shell has; the
# generators (bench/ws/idle-connections.js) run on CPU 1 from several 127.0.0.x addresses.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
anchor=${WS_ANCHOR:-$repo/../shared/bench/ws-anchor}
conns=100000
servers="ssbuild ws-json python-socketio"
bin=$repo/.build/release/wsbench
while [ $# -gt 0 ]; do
  case "$1" in
    --conns) conns=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --server-bin) bin=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
# Raise the soft limit as far as the hard limit allows; raising the hard limit needs
# CAP_SYS_RESOURCE, which containers often lack (then the hard limit is the ceiling).
ulimit -n "$(ulimit -Hn)"
echo "fd limit per process: $(ulimit -n) (hard $(ulimit -Hn)); cores: $(nproc)" >&2

port=18700
srv=
stop() { [ -n "$srv" ] && kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null || true; srv=; }
trap stop EXIT
for s in $servers; do
  port=$((port + 1))
  log=$(mktemp -t idle-srv-XXXX.log)
  case "$s" in
    ssbuild) path=/_ss/ws; ka=ss; ready=message; cmd=("$bin" --port "$port") ;;
    ws-json) path=/; ka=none; ready=open; cmd=(node "$anchor/ws-server.js" --format json --port "$port") ;;
    python-socketio)
      path='/socket.io/?EIO=4&transport=websocket'; ka=engineio; ready=message
      cmd=(python3 "$anchor/sio-server.py" --uvloop --port "$port") ;;
    *) echo "unknown server $s" >&2; exit 2 ;;
  esac
  taskset -c 0 "${cmd[@]}" > "$log" 2>&1 &
  srv=$!
  for _ in $(seq 1 200); do grep -q '"ready"' "$log" && break; sleep 0.05; done
  grep -q '"ready"' "$log" || { echo "$s did not start:" >&2; cat "$log" >&2; exit 1; }
  result=$(taskset -c 1 node --max-old-space-size=8192 "$here/idle-connections.js" --port "$port" --pid "$srv" \
    --conns "$conns" --path "$path" --ready "$ready" --keepalive "$ka")
  alive=yes; kill -0 "$srv" 2>/dev/null || alive=no
  echo "{\"server\":\"$s\",\"server_alive_after\":\"$alive\",${result#\{}"
  stop
  rm -f "$log"
done
