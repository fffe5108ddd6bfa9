#!/usr/bin/env python3
"""Every shipped scenario and the default plan solved by two alchain binaries, alternating, in one run.

    python3 scripts/bench-compare-scenarios.py BEFORE AFTER [RUNS] [--time-limit S] [--closest-plan]

Both binaries read this checkout's Models/ and Inputs/. Per plan: the median `timings_s.solve` (GLPK, with the
module start where it is made; with --closest-plan, plus the closest-plan stage's `timings_s.closest`), the status and objective of
each binary (the first run's), and after/before. Also the default plan end to end (`solve --out`, spawn to exit).
"""
import argparse, json, os, statistics, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("before")
ap.add_argument("after")
ap.add_argument("runs", nargs="?", type=int, default=3)
ap.add_argument("--time-limit", type=float, default=60, help="per solve, as the shipped settings (default 60 s)")
ap.add_argument("--closest-plan", action="store_true", help="what-ifs with their closest-plan stage (default: without)")
ap.add_argument("--only", nargs="*", help="these scenarios only (and the default plan)")
args = ap.parse_args()
scenarios = ["default"] + sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "Inputs/scenarios"))
                                 if f.endswith(".toml") and (not args.only or f[:-5] in args.only))


def run(binary, scenario, out=None):
    cmd = [binary, "solve"] + ([] if scenario == "default" else [scenario])
    cmd += ["--time-limit", str(args.time_limit), "--format", "json"] + ([] if args.closest_plan else ["--no-closest-plan"])
    cmd += ["--out", out] if out else []
    clock = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - clock
    j = json.loads(p.stdout) if p.stdout.startswith("{") else {}
    timings = j.get("timings_s", {})
    solve = timings["solve"] + timings.get("closest", 0) if "solve" in timings else None
    return wall, solve, j.get("status", f"exit {p.returncode}"), j.get("objective")


results = {}
for i in range(args.runs):
    for s in scenarios:
        for b in ((args.before, args.after) if i % 2 == 0 else (args.after, args.before)):
            if s == "default":
                with tempfile.TemporaryDirectory() as out:
                    wall, solve, status, objective = run(b, s, out)
                results.setdefault((b, "default, solve --out end to end"), []).append((wall, status, objective))
            else:
                wall, solve, status, objective = run(b, s)
            results.setdefault((b, s), []).append((solve if solve is not None else wall, status, objective))
    print(f"round {i + 1} of {args.runs} done, load average {os.getloadavg()[0]:.2f}", flush=True)

print(f"\n{args.runs} runs each, alternating; time limit {args.time_limit:g} s; "
      f"{'with' if args.closest_plan else 'without'} the closest-plan stage; load average {os.getloadavg()[0]:.2f}\n")
print("| plan | before (s) | status, objective | after (s) | status, objective | after/before |")
print("|---|---:|---|---:|---|---:|")
labels = ["default, solve --out end to end"] + scenarios
total = {args.before: 0.0, args.after: 0.0}
for label in labels:
    cells = []
    medians = []
    for b in (args.before, args.after):
        xs = results[(b, label)]
        m = statistics.median(x[0] for x in xs)
        medians.append(m)
        if label in scenarios:
            total[b] += m
        objective = xs[0][2]
        cells += [f"{m:.2f}", f"{xs[0][1]}" + (f", {objective:,.2f}" if objective is not None else "")]
    print(f"| {label} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} | {medians[1] / medians[0]:.2f} |")
print(f"| sum of the medians (solve) | {total[args.before]:.2f} | | {total[args.after]:.2f} | | {total[args.after] / total[args.before]:.2f} |")
