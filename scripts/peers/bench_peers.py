"""The peer benchmark: alchain-bench's synthetic LP built in AlChain, PuLP, Pyomo, linopy and GNU MathProg.

    python bench_peers.py --alchain-bench PATH [--sizes 250000,1000000,4000000] [--runs 3] [--tools ...]

First checks on a small instance that every tool's model has the same optimum (each solved with GLPK through
the tool). Then, per size, runs every tool in its own process, alternating the order of the tools from one
repetition to the next, and times in each run two points: (a) build, the tool's in-memory model; (b) build plus hand-off to GLPK
(AlChain: a loaded GLPK problem; PuLP, Pyomo, linopy: the CPLEX LP file they pass to glpsol; MathProg:
glpsol's translation into a GLPK problem). Wall times are taken inside each process after its imports (for
MathProg, the whole glpsol run); peak RSS of each process from wait4. Prints a Markdown report.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from instance import count_nonzeros, with_nonzeros  # noqa: E402

TOOLS = ["alchain", "pulp", "pyomo", "linopy", "mathprog"]
SMALL = "3x4x2x3"


def run_measured(argv):
    """Runs argv with wait4: (stdout text, wall seconds, peak RSS bytes, CPU seconds)."""
    with tempfile.TemporaryFile(mode="w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:4])} failed with exit {proc.returncode}")
        out.seek(0)
        return out.read(), wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


class Bench:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.python = sys.executable

    def data_file(self, spec):
        path = os.path.join(self.work, f"{spec}.dat")
        if not os.path.exists(path):
            subprocess.run([self.python, os.path.join(HERE, "mathprog_data.py"), spec, path], check=True)
        return path

    def command(self, tool, spec, mode):
        if tool == "alchain":
            return [self.args.alchain_bench, "--peer", spec, "--peer-mode", mode]
        if tool == "mathprog":
            model = os.path.join(HERE, "supply_chain.mod")
            extra = [] if mode == "solve" else ["--check"]  # --check: translate and build the problem, no solve
            return ["glpsol", "-m", model, "-d", self.data_file(spec)] + extra + (["-w", os.path.join(self.work, "mp.sol")] if mode == "solve" else [])
        return [self.python, os.path.join(HERE, "peer_run.py"), tool, spec, mode, self.work]

    def measure(self, tool, spec, mode):
        out, wall, peak, cpu = run_measured(self.command(tool, spec, mode))
        if tool == "mathprog":
            if mode == "solve":
                status = next(l for l in open(os.path.join(self.work, "mp.sol")) if l.startswith("s "))
                return {"objective": float(status.split()[-1])}
            return {"build_s": wall, "total_s": wall, "peak": peak, "cpu": cpu}
        r = json.loads(out.strip().splitlines()[-1])
        r.update(peak=peak, cpu=cpu)
        return r

    def verify(self):
        objectives = {t: self.measure(t, SMALL, "solve")["objective"] for t in self.args.tools}
        ref = objectives["alchain"]
        ok = all(abs(v - ref) <= 1e-6 * max(1, abs(ref)) for v in objectives.values())
        return objectives, ok


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--alchain-bench", required=True)
    ap.add_argument("--sizes", default="250000,1000000,4000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tools", default=",".join(TOOLS))
    args = ap.parse_args()
    args.tools = args.tools.split(",")
    assert args.tools[0] == "alchain", "alchain is the reference and must be first in --tools"
    with tempfile.TemporaryDirectory() as work:
        bench = Bench(args, work)
        loads = [load()]
        objectives, ok = bench.verify()
        print("# Peer benchmark: the alchain-bench instance in five modelling tools\n")
        print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
              f"load average (1 min) at start {loads[0]}\n")
        print(f"Same problem: optima on {SMALL} (plants x markets x products x periods), each solved with GLPK through the tool: "
              + ", ".join(f"{t} {v:.10g}" for t, v in objectives.items()) + (" — equal to 1e-6." if ok else " — NOT EQUAL."))
        if not ok:
            sys.exit(1)
        results = {}
        for n in (int(x) for x in args.sizes.split(",")):
            spec = "x".join(str(x) for x in with_nonzeros(n))
            if "mathprog" in args.tools:
                bench.data_file(spec)  # written once, untimed, before the timed runs
            for r in range(args.runs):
                order = args.tools[r % len(args.tools):] + args.tools[:r % len(args.tools)]  # rotate who goes first
                for tool in order:
                    # One process gives both times: (a) is timed inside the hand-off run, before the hand-off.
                    # MathProg's in-memory model is glpsol's translation, so (a) = (b) for it.
                    m = bench.measure(tool, spec, "handoff")
                    results.setdefault((spec, tool), []).append(m)
                    print(f"  {spec} {tool}: build {m['build_s']:.3f} s, total {m['total_s']:.3f} s, peak {m['peak'] / 2**20:.0f} MiB (load {load()})", file=sys.stderr)
            loads.append(load())
        print(f"\nMedians of {args.runs} runs per tool and mode, tools alternating; load average after each size: {', '.join(loads[1:])}.\n")
        print("| size (nonzeros) | tool | (a) build, in memory (s) | ratio to AlChain | (b) build + hand-off to GLPK (s) | ratio to AlChain | CPU (b) (s) | peak RSS (b) (MiB) | bytes per nonzero |")
        print("|---|---|---|---|---|---|---|---|---|")
        for n in (int(x) for x in args.sizes.split(",")):
            dims = with_nonzeros(n)
            spec = "x".join(str(x) for x in dims)
            nnz = count_nonzeros(*dims)
            def med(tool, key):
                return statistics.median(r[key] for r in results[(spec, tool)])
            a0, b0 = med("alchain", "build_s"), med("alchain", "total_s")
            for tool in args.tools:
                a, b, peak = med(tool, "build_s"), med(tool, "total_s"), med(tool, "peak")
                print(f"| {nnz:,} ({spec}) | {tool} | {a:.3f} | {a / a0:.2f} | {b:.3f} | {b / b0:.2f} | {med(tool, 'cpu'):.3f} | {peak / 2**20:.0f} | {peak / nnz:.0f} |")


if __name__ == "__main__":
    main()
