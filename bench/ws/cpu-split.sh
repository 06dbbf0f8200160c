#!/usr/bin/env bash
# Where a call's server CPU goes: user space (the server's own code) or the kernel (the
# socket reads and writes every server on this load pays). Runs the anchors' load generator
# against each server in turn, in one sitting, and reads the server's utime and stime from
# /proc before and after.
#
#   bench/ws/cpu-split.sh --server-bin PATH/wsbench [--servers "ssbuild ssbuild-el ws-json sio-shim"]
#                         [--conns "100 1000"] [--total-calls 200000] [--reps 3]
#
# Prints per server and C (median of --reps runs): calls/s, server CPU us per call, and how
# much of it was user and kernel time. "ssbuild-el" is wsbench --actions-on-event-loop
# (`RuntimeConfiguration.inProcessActionsOnEventLoop`).
# The point: with one call in flight per connection (the generator's closed loop), each call
# costs every server one read and one write on a loopback TCP socket, and the kernel time
# of those is a floor that no user-space work can remove. Same pinning as the matrix: server
# on CPU 0, generator on CPU 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
anchor=${WS_ANCHOR:-$here/../../../shared/bench/ws-anchor}
bin= servers="ssbuild ssbuild-el ws-json sio-shim" conns="100 1000" total=200000 reps=3
while [ $# -gt 0 ]; do
  case "$1" in
    --server-bin) bin=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --total-calls) total=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "need --server-bin PATH/wsbench (swift build -c release --product wsbench)" >&2; exit 2; }
[ -d "$anchor" ] || { echo "no ws-anchor kit at $anchor (set WS_ANCHOR)" >&2; exit 2; }
scratch=$(mktemp -d -t ss-ws-split-XXXX)
port=18395
trap 'kill $(cat "$scratch/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$scratch"' EXIT
. "$here/anchor-kit.sh"
copy_anchor_kit "$anchor" "$scratch"
export NODE_PATH=/usr/share/nodejs
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
hz=$(getconf CLK_TCK)
# utime and stime, in clock ticks (fields 14 and 15 of /proc/PID/stat).
split() { awk '{print $14, $15}' "/proc/$1/stat"; }

start_server() {
  case "$1" in
    ssbuild) taskset -c 0 "$bin" --port $port > "$scratch/server.log" 2>&1 & adapter=ssbuild ;;
    ssbuild-el) taskset -c 0 "$bin" --port $port --actions-on-event-loop > "$scratch/server.log" 2>&1 &
      adapter=ssbuild ;;
    ws-json) taskset -c 0 node "$scratch/ws-server.js" --format json --port $port > "$scratch/server.log" 2>&1 &
      adapter=json ;;
    sio-shim) taskset -c 0 node "$scratch/ws-server.js" --format sio --port $port > "$scratch/server.log" 2>&1 &
      adapter=socketio ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
  echo $! > "$scratch/pid"
  for _ in $(seq 100); do grep -q '"ready"' "$scratch/server.log" 2>/dev/null && return; sleep 0.05; done
  echo "$1 did not report ready" >&2; cat "$scratch/server.log" >&2; exit 1
}

printf '| server | C | calls/s | server CPU us/call | user us/call | kernel us/call | kernel share |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for c in $conns; do
  for s in $servers; do
    : > "$scratch/rows"
    for _ in $(seq "$reps"); do
      start_server "$s"
      spid=$(cat "$scratch/pid")
      read -r u0 k0 < <(split "$spid")
      taskset -c 1 node "$scratch/loadgen.js" --adapter "$adapter" --port $port --conns "$c" \
        --calls $(( total / c )) --broadcasts 0 --floor-calls 1000 --ramp 100 --timeout 240 \
        --server-pid "$spid" > "$scratch/res.json" 2> "$scratch/loadgen.err"
      read -r u1 k1 < <(split "$spid")
      kill "$spid"; wait "$spid" 2>/dev/null || true
      python3 - "$scratch/res.json" "$u0" "$k0" "$u1" "$k1" "$hz" >> "$scratch/rows" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); u0, k0, u1, k1, hz = (float(x) for x in sys.argv[2:7])
rpc, floor = d["phases"]["rpc"], d["phases"]["floor"]
calls = rpc["calls"] + floor["n"]
user, kernel = (u1 - u0) / hz * 1e6 / calls, (k1 - k0) / hz * 1e6 / calls
print(rpc["calls_per_s"], user + kernel, user, kernel)
PY
    done
    python3 - "$scratch/rows" "$s" "$c" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = [statistics.median(r[i] for r in rows) for i in range(4)]
print(f"| {sys.argv[2]} | {int(sys.argv[3]):,} | {med[0]:,.0f} | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} | "
      f"{med[3] / med[1]:.0%} |")
PY
  done
done
