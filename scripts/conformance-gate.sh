#!/usr/bin/env bash
# Runs the Stylus and Pug conformance corpora against `ssbuild compile` and fails when
# a pass count drops below the baseline recorded in conformance-baseline.txt.
# Usage: scripts/conformance-gate.sh SHARED_DIR SSBUILD_BIN
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$1"; bin="$2"
status=0
for suite in stylus pug; do
  baseline=$(awk -v s="$suite" '$1 == s { print $2 }' "$repo/conformance-baseline.txt")
  extra=(); [[ $suite == pug ]] && extra=(--filters "$repo/fixtures/pug-filters")
  out=$("$shared/conformance/run" "$suite" --jobs 2 -- "$bin" compile "${extra[@]}" 2>&1 || true)
  closing=$(printf '%s\n' "$out" | tail -1)
  passed=$(printf '%s\n' "$closing" | sed -nE 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed$/\1/p')
  failed=$(printf '%s\n' "$closing" | sed -nE 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed$/\2/p')
  if [[ -z "$passed" ]]; then
    printf '%s\n' "$out" | tail -20
    echo "conformance $suite: runner gave no closing line" >&2; status=1; continue
  fi
  # Reworded so a log reader does not take the corpus's expected failures for test failures.
  echo "conformance $suite: $passed of $((passed + failed)) cases match the reference (gate: at least $baseline)"
  if (( passed < baseline )); then
    printf '%s\n' "$out" | grep '^FAIL' | head -50
    echo "conformance $suite: pass count $passed fell below the baseline $baseline" >&2
    status=1
  fi
done
exit $status
