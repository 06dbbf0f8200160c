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
  "$repo/scripts/build-release.sh" >/dev/null
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
  # The compile runs on its own thread, imports are parsed on a second one, the second
  # half of the output is printed on a third, and the calling thread evaluates the
  # built-in library; counting only inside those leaves out process start and the tree
  # being freed after the result is handed back.
  cg="$(mktemp -d)"
  valgrind --tool=callgrind --separate-threads=yes --toggle-collect='*compileOnCurrentThread*' \
      --toggle-collect='*StyImportPrefetchC3run*' --toggle-collect='*StyPrintJob*3run*' \
      --toggle-collect='*StyBuiltinLibraryO9evaluated_WZ' \
      --callgrind-out-file="$cg/cg.out" "$bin" compile --include "$fixture/app/css" "$styl" >/dev/null 2>&1 || true
  python3 - "$cg" <<'PY'
import glob, re, sys
totals = []
for f in glob.glob(sys.argv[1] + "/cg.out*"):
    m = re.search(r"^totals: (\d+)", open(f).read(), re.M)
    if m and int(m.group(1)) > 0: totals.append(int(m.group(1)))
if totals:
    print(f"ssbuild: {sum(totals):,} instructions in the compile on all threads, "
          f"{max(totals):,} on the busiest (callgrind)")
PY
  rm -rf "$cg"
fi
