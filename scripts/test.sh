#!/usr/bin/env bash
# Installs everything the tests need (apt and PyPI packages), builds ssbuild and runs
# every test: the Swift unit and integration tests, the headless-Chromium tests and
# the conformance gates. Exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
shared="${SS_SHARED_DIR:-$(cd "$repo/.." && pwd)/shared}"

scripts/install-deps.sh
swift build --build-tests
export SSBUILD_BIN="$repo/.build/debug/ssbuild"
export SS_SHARED_DIR="$shared"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# Tests that run `swift build` themselves (an app's worker package) keep both cores busy
# for a minute; they run on their own, so timing-sensitive socket tests never share the
# machine with them.
heavy='ServerCommandTests|ServeTLSAndShutdownTests|WorkerBuilderTests'
# The compiler and script-engine tests are synchronous and CPU-bound (fuzzing, property
# runs, runaway-loop limits), and so are many build tests: in one parallel run they hold
# the cooperative pool's threads (two on this machine) for seconds at a time, and the
# runtime's socket tests, which time calls, drains and reconnects, then starve into
# timeouts. So the groups run one after another.
pure='^(SSCompilersTests|SSScriptTests)\.'
runtime='^SSRuntimeTests\.'
# A group that hangs (a test awaiting what never comes) fails after 20 minutes instead of
# holding CI forever; each group takes under two minutes on this machine.
run_group() {
  local name=$1 log=$2 status
  shift 2
  echo "== swift test ($name)"
  set +e
  timeout -k 30 1200 swift test --skip-build "$@" 2>&1 | tee "$results/$log.log"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "error: swift test ($name) did not finish within 20 minutes: a test hangs"
  fi
  if [ "$status" -ne 0 ]; then exit "$status"; fi
}
run_group "compilers and the script engine" swift-pure --filter "$pure"
run_group "build, dev server, command line" swift --skip "$heavy" --skip "$pure" --skip "$runtime"
run_group "runtime" swift-runtime --filter "$runtime"
run_group "tests that build Swift packages" swift-heavy --filter "$heavy"
count() { grep -Eo 'Test run with [0-9]+ tests?' "$1" | tail -1 | grep -Eo '[0-9]+' || echo 0; }
swift_passed=0
for log in swift-pure swift swift-runtime swift-heavy; do swift_passed=$(( swift_passed + $(count "$results/$log.log") )); done

echo "== browser tests (headless Chromium)"
python3 -m pytest -q Tests/browser 2>&1 | tee "$results/browser.log"
browser_passed=$(grep -Eo '[0-9]+ passed' "$results/browser.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)

echo "== conformance gates"
scripts/conformance-gate.sh "$shared" "$SSBUILD_BIN"

echo "swift tests: $swift_passed, browser tests: $browser_passed, conformance gates: 2"
echo "ssbuild: $((swift_passed + browser_passed + 2)) passed, 0 failed"
