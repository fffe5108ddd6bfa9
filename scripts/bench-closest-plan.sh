#!/usr/bin/env bash
# The cost of the closest-plan stage (issue 10): `alchain batch Inputs/scenarios` with and without it, in one
# run, alternating the two, ROUNDS times (default 3). Prints per scenario the median solve seconds (from each
# scenario's manifest.json: build + solve + closest + duals) with and without the stage, their ratio, and the
# median batch wall time (batch-manifest.json). Uses the release build; --jobs 1 so that scenarios do not share
# the cores with each other. Usage: scripts/bench-closest-plan.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
bin=.build/release/alchain
[ -x "$bin" ] || swift build -c release --product alchain
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
    for mode in on off; do
        flag=(); [ "$mode" = off ] && flag=(--no-closest-plan)
        "$bin" batch Inputs/scenarios --out "$out/$mode-$r" --jobs 1 "${flag[@]}" > /dev/null 2>&1 || true
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$rounds" <<'PY'
import json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def solve(mode, name):
    return [json.load(open(f"{out}/{mode}-{r}/{name}/manifest.json"))["solveSeconds"] for r in range(1, rounds + 1)]
names = sorted(d for d in os.listdir(f"{out}/on-1") if os.path.isfile(f"{out}/on-1/{d}/manifest.json"))
print(f"| scenario | without (s) | with closest plan (s) | ratio |")
print(f"|---|---:|---:|---:|")
for n in names:
    off, on = statistics.median(solve("off", n)), statistics.median(solve("on", n))
    print(f"| {n} | {off:.2f} | {on:.2f} | {on / off:.2f} |")
wall = {m: statistics.median(json.load(open(f"{out}/{m}-{r}/batch-manifest.json"))["wallSeconds"] for r in range(1, rounds + 1)) for m in ("off", "on")}
print(f"| whole batch (wall, incl. the base solved once) | {wall['off']:.2f} | {wall['on']:.2f} | {wall['on'] / wall['off']:.2f} |")
PY
