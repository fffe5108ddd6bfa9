#!/usr/bin/env bash
# `alchain alternatives --count 5` against one `alchain solve` of the same plan (issue 12): wall time of each,
# alternating the two, ROUNDS times (default 3), in one run. Prints the medians, their ratio, the load average
# before and after, and per alternative whether its diversity search stopped at the time limit (plans.csv).
# Uses the release build. Usage: scripts/bench-alternatives.sh [ROUNDS] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
count="${2:-5}"
bin="${ALCHAIN_BIN:-.build/release/alchain}"
[ -x "$bin" ] || swift build -c release --product alchain  # ALCHAIN_BIN=.build/debug/alchain times a debug build instead
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
solve=(); alts=()
for r in $(seq 1 "$rounds"); do
    t0=$(now); "$bin" solve --out "$out/solve-$r" > /dev/null; t1=$(now)
    solve+=("$t0:$t1")
    t0=$(now); "$bin" alternatives --count "$count" --out "$out/alt-$r" > /dev/null; t1=$(now)
    alts+=("$t0:$t1")
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$rounds" "${solve[*]}" "${alts[*]}" <<'PY'
import csv, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
solve, alts = ([float(b) - float(a) for a, b in (x.split(":") for x in arg.split())] for arg in sys.argv[3:5])
s, a = statistics.median(solve), statistics.median(alts)
print("| command | median wall (s) | runs (s) |")
print("|---|---:|---|")
print(f"| `alchain solve --out DIR` | {s:.2f} | {', '.join(f'{x:.2f}' for x in solve)} |")
print(f"| `alchain alternatives --count N --out DIR` | {a:.2f} | {', '.join(f'{x:.2f}' for x in alts)} |")
print(f"| ratio | {a / s:.1f}× | |")
for r in range(1, rounds + 1):
    rows = list(csv.DictReader(open(f"{out}/alt-{r}/plans.csv")))
    print(f"round {r}: " + "; ".join(f"{p['plan']} {p['vs_optimum_pct']}% {p['seconds']} s{' (time limit)' if p['stopped_at_time_limit'] == 'yes' else ''}" for p in rows))
PY
