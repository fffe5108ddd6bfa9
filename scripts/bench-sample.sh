#!/usr/bin/env bash
# Throughput of `alchain sample` (issue 12): DRAWS draws of the default plan (default 1000) with --jobs JOBS
# (default 2), against `alchain batch Inputs/scenarios` in the same run — the batch before and after the sample,
# both with --no-closest-plan so that each scenario, like each draw, is solved at its own optimum. Prints draws/s
# and scenarios/s (wall time from sample-manifest.json and batch-manifest.json) and the peak memory of each.
# Uses the release build. Usage: scripts/bench-sample.sh [DRAWS] [JOBS] [OUT]   (OUT kept when given)
# SOLVER_FLAGS (e.g. "--time-limit 20") is passed to the batches and the sample alike.
set -euo pipefail
cd "$(dirname "$0")/.."
draws="${1:-1000}"
jobs="${2:-2}"
read -r -a flags <<< "${SOLVER_FLAGS:-}"
bin=.build/release/alchain
[ -x "$bin" ] || swift build -c release --product alchain
if [ -n "${3:-}" ]; then out="$3"; mkdir -p "$out"; else out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); solver flags: ${SOLVER_FLAGS:-none}"
"$bin" batch Inputs/scenarios --out "$out/batch-1" --jobs "$jobs" --no-closest-plan ${flags[@]+"${flags[@]}"} > /dev/null 2>&1 || true
"$bin" sample --draws "$draws" --seed 1 --out "$out/sample" --jobs "$jobs" ${flags[@]+"${flags[@]}"} | tee "$out/sample.txt" || true  # exit 2 when a draw stops at its time limit
"$bin" batch Inputs/scenarios --out "$out/batch-2" --jobs "$jobs" --no-closest-plan ${flags[@]+"${flags[@]}"} > /dev/null 2>&1 || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
s = json.load(open(f"{out}/sample/sample-manifest.json"))
b = [json.load(open(f"{out}/batch-{r}/batch-manifest.json")) for r in (1, 2)]
n = len(b[0]["scenarios"])
print("| run | items | wall (s) | items/s | peak RSS (MiB) |")
print("|---|---:|---:|---:|---:|")
for i, m in enumerate(b, 1):
    print(f"| batch {i} (Inputs/scenarios, --no-closest-plan) | {n} | {m['wallSeconds']:.1f} | {n / m['wallSeconds']:.3f} | {m['peakRSSKiB'] / 1024:.0f} |")
print(f"| sample ({s['draws']} draws, incl. the point plan) | {s['draws']} | {s['wallSeconds']:.1f} | {s['draws'] / s['wallSeconds']:.3f} | {s['peakRSSKiB'] / 1024:.0f} |")
bw = statistics.median(m["wallSeconds"] for m in b)
print(f"draws/s ÷ scenarios/s (median batch): {(s['draws'] / s['wallSeconds']) / (n / bw):.2f}; draws by status: {s['statusCounts']}")
PY
