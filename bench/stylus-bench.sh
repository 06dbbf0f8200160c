#!/usr/bin/env bash
# app/css/app.styl of a generated fixture: `ssbuild compile` against Debian's node-stylus in
# the same sitting. Checks the outputs are identical, then prints wall and CPU times,
# the ratio, and peak RSS. With --instructions (needs valgrind) it also counts the
# instructions of one ssbuild compile: a number that, unlike times on a shared
# machine, does not move with the load.
#
#   bench/stylus-bench.sh [--scale large] [--runs 10] [--instructions]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}"
scale=large; runs=10; instructions=0
while (( $# )); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;; --runs) runs="$2"; shift 2 ;; --instructions) instructions=1; shift ;;
    *) exit 2 ;;
  esac
done
out="$repo/bench/out"; mkdir -p "$out"
fixture="$out/fx-$scale"
[[ -d "$fixture" ]] || python3 "$shared/bench/gen-fixture.py" "$fixture" --scale "$scale" >/dev/null
# SSBUILD_BIN names a prebuilt binary; otherwise a release build is made here.
if [[ -n "${SSBUILD_BIN:-}" ]]; then bin="$SSBUILD_BIN"; else
  swift build -c release --package-path "$repo" --product ssbuild >/dev/null
  bin="$repo/.build/release/ssbuild"
fi
export NODE_PATH=/usr/share/nodejs
styl="$fixture/app/css/app.styl"

"$bin" compile --include "$fixture/app/css" "$styl" > "$out/stylus-ours.css"
stylus -p --include "$fixture/app/css" "$styl" > "$out/stylus-node.css"
if cmp -s "$out/stylus-ours.css" "$out/stylus-node.css"; then
  echo "output: identical to node-stylus ($(wc -c < "$out/stylus-ours.css") bytes)"
else
  echo "output: DIFFERS from node-stylus"; diff "$out/stylus-node.css" "$out/stylus-ours.css" | head -20; exit 1
fi
hyperfine --runs "$runs" --warmup 2 --export-json "$out/stylus-$scale.json" \
  -n ssbuild "$bin compile --include '$fixture/app/css' '$styl'" \
  -n node-stylus "stylus -p --include '$fixture/app/css' '$styl'" | sed 's/^/    /'
for tool in ssbuild node-stylus; do
  if [[ $tool == ssbuild ]]; then cmd=("$bin" compile --include "$fixture/app/css" "$styl");
  else cmd=(stylus -p --include "$fixture/app/css" "$styl"); fi
  /usr/bin/time -f "$tool: cpu %U+%S s, peak RSS %M KiB" "${cmd[@]}" 2>&1 >/dev/null | tail -1
done
python3 - "$out/stylus-$scale.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, node = r["ssbuild"], r["node-stylus"]
print(f"ratio (median wall): node-stylus / ssbuild = {node['median'] / ours['median']:.1f}x")

print(f"ratio (mean CPU):    node-stylus / ssbuild = {(node['user'] + node['system']) / (ours['user'] + ours['system']):.1f}x")
PY
if (( instructions )) && command -v valgrind >/dev/null; then
  # The compile runs on its own thread; counting only inside it leaves out process start
  # and the tree being freed after the result is handed back.
  n=$(valgrind --tool=callgrind --toggle-collect='*compileOnCurrentThread*' --callgrind-out-file=/dev/null \
      "$bin" compile --include "$fixture/app/css" "$styl" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  echo "ssbuild: ${n:-?} instructions in the compile (callgrind)"
fi
