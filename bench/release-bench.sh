#!/usr/bin/env bash
# Wall time of `ssbuild release` on a generated fixture, next to the reference tools'
# timings (../shared/bench/anchors.sh) measured in the same sitting.
#
#   bench/release-bench.sh [--scale medium] [--runs 5] [--skip-anchors]
#
# Builds ssbuild in release mode, generates the fixture into bench/out/, times
# `ssbuild release` with hyperfine (each run starts from an empty public/, in a new
# process, so nothing is cached), then runs the anchors on the same fixture.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}"
scale=medium; runs=5; anchors=1
while (( $# )); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --skip-anchors) anchors=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
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

echo "## ssbuild release on $scale fixture ($(du -sh "$fixture/app" | cut -f1) app, $(du -sh "$fixture/lib" | cut -f1) lib)"
hyperfine --runs "$runs" --warmup 1 --export-json "$out/release-$scale.json" \
  --prepare "rm -rf '$fixture/public'" "$bin release --root '$fixture' --env production" | sed 's/^/    /'
/usr/bin/time -f "peak RSS %M KiB" "$bin" release --root "$fixture" --env production 2>&1 >/dev/null | tail -1 | sed 's/^/    /'
ours=$(python3 -c "import json;print(json.load(open('$out/release-$scale.json'))['results'][0]['median'])")
printf '    median: %.3f s\n' "$ours"

if (( anchors )); then
  echo "## anchors (same sitting)"
  QUIET_WAIT="${QUIET_WAIT:-0}" RUNS="${RUNS:-3}" RUNS_BIG="${RUNS_BIG:-3}" \
    "$shared/bench/anchors.sh" "$fixture" --out "$out/anchors-$scale" > "$out/anchors-$scale.log" 2>&1 || {
      tail -20 "$out/anchors-$scale.log"; exit 1; }
  cat "$out/anchors-$scale/results.md"
  python3 - "$out/anchors-$scale/results.json" "$ours" <<'PY'
import json, sys
data = json.load(open(sys.argv[1])); ours = float(sys.argv[2])
# Sum the esbuild-based pipeline: stylus for app.styl, cleancss -O1, esbuild --minify on
# the app bundle and on every library that is not already minified.
def median(group, tool):
    for g in data.get("groups", []):
        if g.get("name") == group:
            for t in g.get("tools", []):
                if t.get("tool") == tool or t.get("name") == tool:
                    return t.get("median") or t.get("median_s")
    return None
print("\nours (ssbuild release, whole pipeline incl. gzip+brotli+hashing): %.3f s" % ours)
PY
fi
