#!/usr/bin/env bash
# The Stylus fuzz test for longer than CI runs it: mutated stylesheets through the compiler,
# each seed a fresh stream of inputs. Fails on a crash, or on a hang (each seed's run is
# bounded by `timeout`). Prints the inputs tried per seed and in total.
#
#   bench/stylus-fuzz.sh [--seeds 10] [--per-seed 20000] [--first-seed 1]
# Needs the test build (swift build --build-tests; scripts/test.sh makes it).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
seeds=10 per=20000 first=1
while (( $# )); do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;; --per-seed) per=$2; shift 2 ;; --first-seed) first=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
total=0
for seed in $(seq "$first" $(( first + seeds - 1 ))); do
  out=$(SS_STYLUS_FUZZ_COUNT=$per SS_STYLUS_FUZZ_SEED=$seed timeout 1800 \
    swift test --skip-build --filter 'StylusFuzzTests/mutatedStylesheetsNeverCrash' 2>&1) || {
    echo "seed $seed: FAILED (crash, hang or failed expectation)"; echo "$out" | tail -20; exit 1; }
  line=$(echo "$out" | grep -o 'stylus fuzz: .*' | head -1)
  echo "seed $seed: ${line#stylus fuzz: }"
  total=$(( total + per ))
done
echo "stylus fuzz total: $total inputs, no crash or hang"
