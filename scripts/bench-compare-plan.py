#!/usr/bin/env python3
# bench-plan.sh's measurements (solve --out end to end, phases; explain on three conflicting targets vs one solve),
# for two binaries alternating in one run: python3 scripts/bench-compare-plan.py BEFORE AFTER BEFORE_DATA AFTER_DATA [RUNS]
import json, statistics, subprocess, sys, tempfile, time, os
# each binary reads its own commit's data: BEFORE_DATA and AFTER_DATA folders holding Models/ and Inputs/
before, after, before_data, after_data = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 7
data = {before: before_data, after: after_data}
def timed(b, args):
    d = data[b]
    loc = ["--models", f"{d}/Models", "--inputs", f"{d}/Inputs/guizhou"]
    t = time.perf_counter(); p = subprocess.run([b] + args[:1] + loc + args[1:], capture_output=True, text=True); return time.perf_counter() - t, p
conflict = ["--set", "targets.output-value.value=2500", "--set", "targets.clean-power-share.value=90", "--set", "targets.recycled-share.value=60"]
two = ["--set", "targets.output-value.value=1300", "--set", "targets.recycled-share.value=90"]
res = {b: {"wall": [], "build": [], "solve": [], "duals": [], "output": [], "explain": [], "solve1": [], "infeasible_solve": []} for b in (before, after)}
for i in range(runs):
    for b in ((before, after) if i % 2 == 0 else (after, before)):
        with tempfile.TemporaryDirectory() as out:
            w, p = timed(b, ["solve", "--out", out, "--format", "json"]); assert p.returncode == 0, p.stderr
            j = json.loads(p.stdout); res[b]["wall"].append(w)
            for k in ("build", "solve", "duals", "output"): res[b][k].append(j["timings_s"][k])
        w, p = timed(b, ["explain"] + conflict); assert p.returncode == 1; res[b]["explain"].append(w)
        w, p = timed(b, ["solve"]); assert p.returncode == 0; res[b]["solve1"].append(w)
        w, p = timed(b, ["solve"] + two); assert p.returncode == 1; res[b]["infeasible_solve"].append(w)
print(f"load average {os.getloadavg()[0]:.2f}; {runs} runs each, alternating")
print(f"{'measure':32s} {'before':>9s} {'after':>9s} {'after/before':>13s}")
for k in ("wall", "build", "solve", "duals", "output", "explain", "solve1", "infeasible_solve"):
    a, b = statistics.median(res[before][k]), statistics.median(res[after][k])
    print(f"{k:32s} {a:9.3f} {b:9.3f} {b/a if a else float('nan'):13.2f}")
