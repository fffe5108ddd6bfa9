#!/usr/bin/env bash
# Latency of `alchain serve` (docs/PERFORMANCE.md, "The what-if explorer"): request to answer for the default plan
# (alternated with `alchain solve --out` as the reference), each shipped scenario, 20 concurrent clients, and the
# server's own overhead (request to answer minus the solve). Release build; results also in out/bench-serve.json.
#   bash scripts/bench-server.sh [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-20}
bash scripts/setup.sh
swift build -c release --product alchain >/dev/null
mkdir -p out
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/check-server.py bench --alchain .build/release/alchain --repeats "$repeats" --bench-json out/bench-serve.json
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
