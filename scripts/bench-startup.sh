#!/usr/bin/env bash
# Start-up and memory floor: `alchain` built as usual (shared Swift runtime and Foundation) against the same
# sources built with --static-swift-stdlib (into .build-static/), and glpsol. Alternates the three programs;
# medians of wall time for `--version` and for `solve-file` on a small Netlib file, peak RSS (GNU time), binary size.
#   bash scripts/bench-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
bash scripts/setup.sh
swift build -c release --product alchain >&2
swift build -c release --product alchain --static-swift-stdlib --scratch-path .build-static >&2
afiro="$(cd .. && pwd)/shared/data/lp/afiro.mps"
python3 - "$runs" "$afiro" <<'PY'
import os, statistics, subprocess, sys, time
runs, afiro = int(sys.argv[1]), sys.argv[2]
programs = {
    "alchain (shared runtime)": ".build/release/alchain",
    "alchain --static-swift-stdlib": ".build-static/release/alchain",
}
cases = {"--version": lambda b: [b, "--version"], "solve-file afiro": lambda b: [b, "solve-file", afiro]}
glpsol = {"--version": ["glpsol", "--version"], "solve-file afiro": ["glpsol", "--freemps", afiro]}
def timed(argv):
    t = time.perf_counter(); subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
def peak(argv):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024
load = open("/proc/loadavg").read().split()[0]
print(f"load average (1 min) at start {load}; {runs} alternating runs each\n")
print("| program | size (MB) | `--version` median (ms) | solve-file afiro median (ms) | peak RSS afiro (MiB) |")
print("|---|---|---|---|---|")
rows = {name: {c: [] for c in cases} for name in list(programs) + ["glpsol"]}
for r in range(runs):
    for c in cases:
        order = list(programs.items()) + [("glpsol", None)]
        order = order[r % 3:] + order[:r % 3]
        for name, binary in order:
            rows[name][c].append(timed(glpsol[c] if binary is None else cases[c](binary)))
for name in rows:
    binary = programs.get(name)
    size = os.path.getsize(binary) / 1e6 if binary else os.path.getsize(subprocess.run(["sh", "-c", "command -v glpsol"], capture_output=True, text=True).stdout.strip()) / 1e6
    argv = glpsol["solve-file afiro"] if binary is None else cases["solve-file afiro"](binary)
    print(f"| {name} | {size:.2f} | {statistics.median(rows[name]['--version']) * 1000:.1f} | {statistics.median(rows[name]['solve-file afiro']) * 1000:.1f} | {peak(argv):.1f} |")
print(f"\nload average (1 min) at the end {open('/proc/loadavg').read().split()[0]}")
PY
