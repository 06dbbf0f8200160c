#!/usr/bin/env bash
# Compile and render every view of the large fixture and of the Pug corpus in one
# `ssbuild compile` process; prints time per template and peak RSS. Pug itself is not
# in Debian, so there is no anchor here: compare with a Pug run elsewhere.
#
#   bench/views-bench.sh [--scale large]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}"
scale="${2:-large}"
out="$repo/bench/out"; mkdir -p "$out"
fixture="$out/fx-$scale"
[[ -d "$fixture" ]] || python3 "$shared/bench/gen-fixture.py" "$fixture" --scale "$scale" >/dev/null
# SSBUILD_BIN names a prebuilt binary; otherwise a release build is made here.
if [[ -n "${SSBUILD_BIN:-}" ]]; then bin="$SSBUILD_BIN"; else
  "$repo/scripts/build-release.sh" >/dev/null
  bin="$repo/.build/release/ssbuild"
fi

run() {  # label, then files (all rendered with the same flags)
  local label="$1"; shift
  local n=$#
  local start end rss
  start=$(date +%s.%N)
  local rssfile; rssfile=$(mktemp)
  /usr/bin/time -f "%M" -o "$rssfile" "$bin" compile --pretty --locals '{"title":"Pug"}' \
    --filters "$repo/fixtures/pug-filters" "$@" >/dev/null 2>/dev/null || true
  rss=$(tail -1 "$rssfile"); rm -f "$rssfile"
  end=$(date +%s.%N)
  python3 -c "import sys; t=float(sys.argv[1])-float(sys.argv[2]); n=int(sys.argv[3]); print(f'{sys.argv[4]}: {n} templates in {t*1000:.0f} ms, {t*1000/n:.2f} ms per template (process start included), peak RSS {int(sys.argv[5])//1024} MiB')" "$end" "$start" "$n" "$label" "$rss"
}
mapfile -t views < <(find "$fixture/app/views" -name '*.jade' | sort)
run "fixture $scale views" "${views[@]}"
mapfile -t cases < <(find "$shared/conformance/pug/cases" -maxdepth 1 -name '*.pug' | sort)
(cd "$shared/conformance/pug/cases" && run "pug corpus" "${cases[@]}")
