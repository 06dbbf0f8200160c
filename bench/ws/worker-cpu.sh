#!/usr/bin/env bash
# The worker hop's whole cost: the load generator counts only the server process's CPU, so
# this runs the "ssbuild-worker" case (actions in the app's worker process) and also reads
# the worker's CPU time from /proc.
#
#   bench/ws/worker-cpu.sh --server-bin PATH/wsbench --ssbuild PATH/ssbuild [--conns "1000 5000"]
#                          [--total-calls 100000]
#
# Prints per C: calls/s, server CPU us per call (the load generator's figure), worker CPU us
# per call, and their sum. Same pinning as the matrix: server and worker on CPU 0, the
# generator on CPU 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
anchor=${WS_ANCHOR:-$here/../../../shared/bench/ws-anchor}
bin= ssbuild= conns="1000 5000" total=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --server-bin) bin=$2; shift 2 ;;
    --ssbuild) ssbuild=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --total-calls) total=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] && [ -x "$ssbuild" ] || { echo "need --server-bin and --ssbuild" >&2; exit 2; }
scratch=$(mktemp -d -t ss-ws-worker-XXXX)
trap 'pkill -f "wsbench --port 18391" 2>/dev/null || true; rm -rf "$scratch"' EXIT
. "$here/anchor-kit.sh"
copy_anchor_kit "$anchor" "$scratch"
"$ssbuild" new "$scratch/workerapp" >/dev/null
cp "$here/server/Bench.swift" "$scratch/workerapp/app/server/bench.swift"
"$ssbuild" release --root "$scratch/workerapp" >&2
worker="$scratch/workerapp/.ssbuild/worker/.build/release/AppWorker"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
printf '| C | calls/s | server CPU us/call | worker CPU us/call | total us/call |\n|---:|---:|---:|---:|---:|\n'
for c in $conns; do
  taskset -c 0 "$bin" --port 18391 --worker "$worker" > "$scratch/server.log" 2>&1 &
  spid=$!
  for _ in $(seq 100); do grep -q '"ready"' "$scratch/server.log" 2>/dev/null && break; sleep 0.05; done
  wpid=$(pgrep -P "$spid" | head -1)
  w0=$(ticks "$wpid")
  calls=$(( total / c ))
  NODE_PATH=/usr/share/nodejs taskset -c 1 node "$scratch/loadgen.js" --adapter ssbuild --port 18391 \
    --conns "$c" --calls "$calls" --broadcasts 0 --floor-calls 2000 --ramp 100 --timeout 240 \
    --server-pid "$spid" --label "worker/C=$c" > "$scratch/res.json" 2> "$scratch/loadgen.err"
  w1=$(ticks "$wpid")
  kill "$spid"; wait "$spid" 2>/dev/null || true
  python3 - "$scratch/res.json" "$w0" "$w1" "$hz" "$c" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); w0, w1, hz, c = (float(x) for x in sys.argv[2:6])
rpc, floor = d["phases"]["rpc"], d["phases"]["floor"]
calls = rpc["calls"] + floor["n"]
worker_us = (w1 - w0) / hz * 1e6 / calls
server_us = rpc["server_cpu_us_per_call"]
print(f"| {int(c):,} | {rpc['calls_per_s']:,.0f} | {server_us:.1f} | {worker_us:.1f} | {server_us + worker_us:.1f} |")
PY
done
