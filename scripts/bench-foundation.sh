#!/usr/bin/env bash
# Builds AlChain in release mode and runs the foundation benchmark: (a) modelling layer → loaded GLPK problem,
# (b) `alchain solve-file` against `glpsol` on the same MPS files. The Markdown report goes to standard output
# (and out/bench-foundation.md), progress to standard error. Extra arguments go to alchain-bench (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product alchain
swift build -c release --product alchain-bench
[ -x /usr/bin/time ] || echo "bench: /usr/bin/time (GNU time) is missing, so peak RSS is not measured; apt-get install time" >&2
mkdir -p out
.build/release/alchain-bench --alchain .build/release/alchain "$@" | tee out/bench-foundation.md
