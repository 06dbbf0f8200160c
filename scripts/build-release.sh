#!/usr/bin/env bash
# The release `ssbuild` binary, as shipped and benchmarked: .build/release/ssbuild.
#
#   scripts/build-release.sh [extra swift build arguments]
#
# The Swift runtime and Foundation are linked in (--static-swift-stdlib), the executable is
# position-dependent (-no-pie) and exports no dynamic symbols (--no-export-dynamic): with the
# runtime linked in, nothing needs them, and a 155 MB PIE spent about 3 ms of every run on
# relocations and dladdr scans before main. docs/decisions.md ("Start-up") has the figures.
# Debug builds keep the defaults (a non-PIE executable against the shared runtime makes the
# loader warn about protected symbols).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec swift build -c release --package-path "$repo" --product ssbuild --static-swift-stdlib \
  -Xlinker -no-pie -Xlinker --no-export-dynamic "$@"
