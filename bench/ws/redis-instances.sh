#!/usr/bin/env bash
# Two wsbench instances on one redis-server (issue 9): cross-instance publish latency
# (1 and --fanout subscribers on A) and broadcast to --clients spread over both instances.
# The single-instance anchors' broadcast to the same number of clients comes from
# bench/ws/run.sh (--conns 5000) in the same sitting.
# Prints one JSON line per configuration (bench/ws/redis-instances.js).
#
#   bench/ws/redis-instances.sh [--server-bin PATH/wsbench] [--clients 5000] [--fanout 1000]
#
# CPU 0: instance A and instance B; CPU 1: redis-server and the load generator.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=$repo/.build/release/wsbench
clients=5000
fanout=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --server-bin) bin=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --fanout) fanout=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d -t ss-redis-bench-XXXX)
rport=16390; pa=18811; pb=18812
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  sleep 0.3; rm -rf "$work"
}
trap cleanup EXIT
taskset -c 1 redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize yes --pidfile "$work/redis.pid" --dir "$work" --logfile "$work/redis.log"
for _ in $(seq 1 100); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.05; done
start() { # port
  taskset -c 0 "$bin" --port "$1" --redis "redis://127.0.0.1:$rport" > "$work/srv-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q '"ready"' "$work/srv-$1.log" && return; sleep 0.05; done
  echo "wsbench on $1 did not start" >&2; cat "$work/srv-$1.log" >&2; exit 1
}
start "$pa"; start "$pb"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# One subscriber at 500 messages/s; then --fanout subscribers at 25,000 deliveries/s
# (below what one instance delivers on a core, so the figure is latency, not a backlog).
for subs in 1 "$fanout"; do
  interval=$(( subs / 25 )); [ "$interval" -ge 2 ] || interval=2
  taskset -c 1 node "$here/redis-instances.js" --ports "$pa,$pb" --subscribers "$subs" --messages 2000 \
    --interval-ms "$interval" --broadcast-clients "$clients" --broadcasts 20
done
