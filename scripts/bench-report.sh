#!/usr/bin/env bash
# Report benchmark: `alchain report` on the default plan's run folder (release build), against a reference in
# the same run, alternating the two: `alchain compare DIR DIR`, which reads the same run folder's CSV files
# twice and writes nothing. Reports medians of N runs each, their ratio, report.html's and plan.xlsx's sizes and
# the load average. Budget (issue 11): report under 0.2 s, report.html under 1 MB; exit 1 when over.
# usage: scripts/bench-report.sh [-n N] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
n=21 out=out/bench-report
while [ $# -gt 0 ]; do
    case "$1" in
        -n) n="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "bench-report: unknown argument $1" >&2; exit 64 ;;
    esac
done
swift build -c release --product alchain >&2
alchain="$PWD/.build/release/alchain"
rm -rf "$out"; mkdir -p "$out"
"$alchain" solve --out "$out/plan" >/dev/null
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$alchain" "$out/plan" "$n" "$load_before" <<'PY'
import os, statistics, subprocess, sys, time
alchain, run, n, load_before = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def timed(args):
    t = time.perf_counter(); subprocess.run(args, check=True, stdout=subprocess.DEVNULL); return time.perf_counter() - t
report, ref = [], []
timed([alchain, "report", run])  # warm the file cache
for i in range(n):
    pair = [("r", [alchain, "report", run]), ("c", [alchain, "compare", run, run])]
    if i % 2: pair.reverse()
    for kind, args in pair:
        (report if kind == "r" else ref).append(timed(args))
r, c = statistics.median(report), statistics.median(ref)
html = os.path.getsize(os.path.join(run, "report.html")); xlsx = os.path.getsize(os.path.join(run, "plan.xlsx"))
load_after = open("/proc/loadavg").read().split()[:3]
print(f"### `alchain report` on the default plan ({n} runs each, alternating)\n")
print(f"- machine: {os.cpu_count()} cores; load average {load_before} before, {' '.join(load_after)} after")
print(f"| command | median s | min s | max s |\n|---|---:|---:|---:|")
print(f"| `alchain report DIR` | {r:.3f} | {min(report):.3f} | {max(report):.3f} |")
print(f"| reference: `alchain compare DIR DIR` (reads the CSV files twice) | {c:.3f} | {min(ref):.3f} | {max(ref):.3f} |")
print(f"\nratio report / reference: {r / c:.2f}; report.html {html:,} bytes, plan.xlsx {xlsx:,} bytes")
ok = r < 0.2 and html < 1_000_000
print(f"\nbudget (report < 0.2 s, report.html < 1 MB): {'met' if ok else 'NOT met'}")
sys.exit(0 if ok else 1)
PY
