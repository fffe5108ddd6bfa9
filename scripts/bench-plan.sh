#!/usr/bin/env bash
# The default Guizhou plan end to end (alchain solve --out, release build), and alchain explain on an
# infeasible variant against one solve; medians of several runs in one invocation.
#   bash scripts/bench-plan.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bash scripts/setup.sh
swift build -c release --product alchain >/dev/null
python3 - "$runs" <<'PY'
import json, statistics, subprocess, sys, tempfile, time
runs = int(sys.argv[1])
bin = ".build/release/alchain"
def timed(args):
    t = time.perf_counter(); p = subprocess.run([bin] + args, capture_output=True, text=True); return time.perf_counter() - t, p
walls, phases = [], {"build": [], "solve": [], "duals": [], "output": []}
for _ in range(runs):
    with tempfile.TemporaryDirectory() as out:
        wall, p = timed(["solve", "--out", out, "--format", "json"])
        assert p.returncode == 0, p.stderr
        j = json.loads(p.stdout)
        walls.append(wall)
        for k in phases: phases[k].append(j["timings_s"][k])
model = j["model"]
print(f"default plan: {model['rows']} rows, {model['columns']} columns ({model['integers']} integer), {model['nonzeros']} nonzeros; objective {j['objective']:.3f} M yuan, gap {j['mip_gap']}")
print(f"  end to end (solve --out), median of {runs}: {statistics.median(walls):.3f} s  (min {min(walls):.3f}, max {max(walls):.3f})")
for k, v in phases.items(): print(f"  {k:6s} median {statistics.median(v):.3f} s")
# explain: three conflicting targets (output value beyond the market, 90 % clean power, 60 % recycled share)
conflict = ["--set", "targets.output-value.value=2500", "--set", "targets.clean-power-share.value=90",
            "--set", "targets.recycled-share.value=60"]
ew, sw = [], []
for _ in range(runs):
    w, p = timed(["explain"] + conflict); assert p.returncode == 1, p.stdout + p.stderr; ew.append(w)
    w, p = timed(["solve"]); assert p.returncode == 0; sw.append(w)
print(f"explain with three conflicting targets, median of {runs}: {statistics.median(ew):.3f} s; one solve of the default plan: {statistics.median(sw):.3f} s; ratio {statistics.median(ew)/statistics.median(sw):.2f}")
PY
