#!/usr/bin/env python3
"""Seeded, bounded mutation fuzzer for the alchain binary (issue 15).

Each case mutates one input kind, runs the built binary on it with a timeout and checks AlChain's promise:
no signal (crash, GLPK abort, Swift trap), no hang, an exit code from README's table, no exit 0 on input the
docs call invalid, nothing written outside the run's --out folder, and no temporary files left behind.

Kinds: mps, lp (solve-file), every CSV table of Inputs/guizhou and Models (validate), settings.toml and
metrics.toml (validate), scenario files (solve/batch), --set values (validate).

    python3 scripts/fuzz/fuzz.py --cases 300 --seed 1                      # CI (scripts/test.sh)
    python3 scripts/fuzz/fuzz.py --cases 10000 --seed 15 --log fuzz.jsonl  # a long run (docs/PERFORMANCE.md)

Exit status 0 when every case kept the promise, 1 otherwise (each failure printed with a command to replay it:
the same --seed and --only CASE).
"""
import argparse, csv, io, json, os, random, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCUMENTED_EXITS = {0, 1, 2, 64, 65, 66, 73}
TIMEOUT = 60
# Solves in the harness stop early: a verdict, not an optimum, is what is checked.
SOLVE_FLAGS = ["--mip-gap", "0.05", "--time-limit", "20"]

# Values that are outside the numeric policy or not numbers at all: inputs the docs call invalid.
INVALID_NUMBERS = ["1e308", "-1e308", "1.8e308", "1e300", "-1e300", "1e16", "-2e15", "1e30", "inf", "-inf", "nan",
                   "1e400", "NaN", "Infinity", "0x1p1024", "1e99999"]
# Values that are valid numbers but odd: these may be accepted or rejected, only a crash or a hang is a bug.
ODD_NUMBERS = ["0", "-0", "1e-300", "5e-324", "-1", "1e15", "-1e15", "0.5", "2025.7", "3", "1e-9", "999999999999999",
               "12345678901234567890", "", " ", "-", "+", "1e", ".", "0.0000001", "7"]
ODD_TEXT = ["", "..", "../x", "/", "a/b", "é", "\u00a0", "x" * 300, "中文", "\t", '"', "'", ";", ",", "=", "{}", "[]",
            "\\", "\x7f", "#", "*", ":", "base"]
FILLERS = INVALID_NUMBERS + ODD_NUMBERS + ODD_TEXT


def mutate_text(rng, text):
    """A byte-level mutation of a file's text: swap a token, delete, duplicate or insert a line, flip bytes."""
    lines = text.split("\n")
    op = rng.randrange(7)
    i = rng.randrange(len(lines)) if lines else 0
    if op == 0 and lines:  # replace one whitespace/comma separated token
        sep = "," if "," in lines[i] else " "
        toks = lines[i].split(sep)
        toks[rng.randrange(len(toks))] = rng.choice(FILLERS)
        lines[i] = sep.join(toks)
    elif op == 1 and lines:
        del lines[i]
    elif op == 2 and lines:
        lines.insert(i, lines[i])
    elif op == 3:
        lines.insert(i, rng.choice(FILLERS))
    elif op == 4 and lines:  # swap two lines
        j = rng.randrange(len(lines)); lines[i], lines[j] = lines[j], lines[i]
    elif op == 5:
        b = bytearray("\n".join(lines).encode())
        for _ in range(rng.randint(1, 4)):
            if b: b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    else:
        return ("\n".join(lines[: rng.randrange(len(lines) + 1)])).encode()  # truncate
    return "\n".join(lines).encode()


def csv_cell_mutation(rng, text, invalid):
    """Sets one numeric cell of a CSV to an invalid (or odd) value; returns (bytes, is_documented_invalid)."""
    lines = text.rstrip("\n").split("\n")
    rows = [l for l in range(1, len(lines)) if lines[l] and not lines[l].startswith("#")]
    if not rows: return text.encode(), False
    r = rng.choice(rows)
    # Parsed as CSV, so that a number inside a quoted text cell (a source note) is not taken for a cell.
    parsed = next(csv.reader([lines[r]]), None)
    if not parsed or len(parsed) != len(next(csv.reader([lines[0]]))): return text.encode(), False
    numeric = [c for c, v in enumerate(parsed) if _is_number(v)]
    if not numeric: return text.encode(), False
    parsed[rng.choice(numeric)] = rng.choice(INVALID_NUMBERS if invalid else ODD_NUMBERS)
    buf = io.StringIO(); csv.writer(buf, lineterminator="").writerow(parsed); lines[r] = buf.getvalue()
    return ("\n".join(lines) + "\n").encode(), invalid


def _is_number(v):
    try: float(v); return v.strip() != ""
    except ValueError: return False


LP = """\\* fuzz *\\
Minimize
 obj: 3 x + 2 y + 4 z
Subject To
 c1: x + y + z >= 10
 c2: x - y <= 4
 c3: 2 x + 3 z >= 6
Bounds
 0 <= x <= 8
 y >= 1
 -5 <= z <= 20
General
 z
End
"""

MPS = """NAME          FUZZ
ROWS
 N  obj
 G  c1
 L  c2
 E  c3
COLUMNS
    x         obj       3              c1        1
    x         c2        1              c3        2
    y         obj       2              c1        1
    y         c2        -1
    MARKER    'MARKER'  'INTORG'
    z         obj       4              c1        1
    z         c3        3
    MARKER    'MARKER'  'INTEND'
RHS
    RHS       c1        10             c2        4
    RHS       c3        6
RANGES
    RNG       c1        30
BOUNDS
 UP BND       x         8
 LO BND       y         1
 MI BND       z
 UP BND       z         20
ENDATA
"""


def model_file_case(rng, kind):
    base = MPS if kind == "mps" else LP
    if rng.random() < 0.35:  # a documented-invalid number in place of a number
        toks = base.split(" ")
        idx = [i for i, t in enumerate(toks) if _is_number(t.strip())]
        toks[rng.choice(idx)] = rng.choice(INVALID_NUMBERS[:9])
        return " ".join(toks).encode(), True
    if rng.random() < 0.4:  # valid but extreme numbers (within the policy): GLPK must solve or fail cleanly
        toks = base.split(" ")
        idx = [i for i, t in enumerate(toks) if _is_number(t.strip())]
        for _ in range(rng.randint(1, 3)):
            toks[rng.choice(idx)] = rng.choice(["1e15", "-1e15", "1e-300", "-1e-300", "5e-324", "0", "-7", "1e-15", "999999999999999", "1e14"])
        return " ".join(toks).encode(), False
    if kind == "mps" and rng.random() < 0.2:  # repeat a bound line (GLPK's reader asserts on FX/FR/BV twice)
        t = rng.choice(["FX BND       x         3", "FR BND       x", "BV BND       x", "UP BND       x         -5",
                        "LO BND       x         3", "MI BND       x", "PL BND       y"])
        return base.replace("ENDATA", f" {t}\n {t}\nENDATA").encode(), True
    data = base.encode()
    for _ in range(rng.randint(1, 3)):
        data = mutate_text(rng, data.decode("utf-8", "replace"))
    return data, False


SET_KEYS = [
    "processes.mine_bauxite.variable_cost_yuan_per_t", "plants.mine_zunyi.capacity_t", "settings.years",
    "prices.alumina:.sale_price_yuan_per_t", "settings.discount_rate", "settings.base_year",
    "settings.energy.co2_price_yuan_per_t", "settings.solver.mip_gap", "settings.solver.time_limit_s",
    "power.*.co2_kg_per_kwh", "process_io.*.coefficient", "candidates.*.unit_t", "settings.replacement.quota_t",
    "targets.*.value", "market.*.demand_t", "transport.*.distance_km",
]


def set_case(rng):
    key = rng.choice(SET_KEYS)
    if key == "settings.years":
        v = rng.choice(["[2025,1e308]", "[2025.7,2030]", "[2025,-1e30]", "[]", "[2030,2025]", "[2025,2025]", "[2025,nan]",
                        "[2025,inf]", "[1e-300]", '["x"]'])
        return ["--set", f"{key}={v}"], v not in ()
    if rng.random() < 0.5:
        v = rng.choice(INVALID_NUMBERS[:10])
        return ["--set", f"{key}={v}"], True
    v = rng.choice(ODD_NUMBERS + ['"x"', "{}", "[1,2]", "true"])
    return ["--set", f"{key}={v}"], False


def scenario_case(rng, work):
    """A scenario file: names that become paths, extends cycles by file identity, [set] and [[edit]] values."""
    name_choice = rng.randrange(8)
    names = {0: "../escaped", 1: "", 2: ".", 3: "a/b", 4: "x" * 300, 5: "summary.csv", 6: ".hidden"}
    invalid = name_choice in names
    name = names.get(name_choice, f"fz{rng.randrange(1000)}")
    lines = [f'name = {json.dumps(name)}']
    r = rng.randrange(6)
    if r == 0:  # extends its own file under another name
        lines.append(f'extends = "self"'); fname = "self.toml"; invalid = True
    else:
        fname = "case.toml"
    if r == 1:
        lines.append(f'[set]\n"{rng.choice(SET_KEYS[:4])}" = {rng.choice(INVALID_NUMBERS[:8])}'); invalid = True
    elif r == 2:
        lines.append('[set]\n"settings.discount_rate" = {}'); invalid = True
    elif r == 3:
        f = rng.choice(["inf", "nan", "1e308", "-1e300", "1.5", "0"])
        lines.append(f'[[edit]]\naction = "scale"\ntable = "plants"\nrows = ["no_such_plant"]\ncolumn = "capacity_t"\nfactor = {f}')
        invalid = True  # selects nothing (and an infinite factor): an error either way
    elif r == 4:
        lines.append(f'[[edit]]\naction = "scale"\ntable = "plants"\nrows = ["*"]\ncolumn = "name"\nfactor = 2')
        invalid = True
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.2:
        text = mutate_text(rng, text).decode("utf-8", "replace"); invalid = False
    path = os.path.join(work, "scen"); os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, fname), "w") as f: f.write(text)
    return os.path.join(path, fname), invalid


def run(cmd, cwd, timeout=TIMEOUT):
    start = time.time()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
        # `validate` prints its findings on standard output; both streams are searched for the message.
        return p.returncode, (p.stderr + p.stdout[-4000:]).decode("utf-8", "replace"), time.time() - start
    except subprocess.TimeoutExpired:
        return None, "", time.time() - start


def snapshot(folder):
    out = set()
    for d, _, files in os.walk(folder):
        for f in files: out.add(os.path.relpath(os.path.join(d, f), folder))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "alchain"))
    ap.add_argument("--only", type=int, help="run only this case number (to replay a failure)")
    ap.add_argument("--log", help="append one JSON line per case here")
    ap.add_argument("--keep", action="store_true", help="keep the failing cases' folders")
    args = ap.parse_args()
    kinds = ["mps", "lp", "csv", "toml", "scenario", "set"]
    tables = [("Inputs/guizhou", f) for f in sorted(os.listdir(os.path.join(ROOT, "Inputs/guizhou"))) if f.endswith(".csv")] + \
             [("Models", f) for f in sorted(os.listdir(os.path.join(ROOT, "Models"))) if f.endswith(".csv")]
    tomls = [("Inputs/guizhou", "settings.toml"), ("Models", "metrics.toml")]
    counts = {k: 0 for k in kinds}; exits = {}
    failures = []; start = time.time()
    log = open(args.log, "a", buffering=1) if args.log else None
    top = tempfile.mkdtemp(prefix="alchain-fuzz-")
    pristine = os.path.join(top, "pristine")
    shutil.copytree(os.path.join(ROOT, "Inputs/guizhou"), os.path.join(pristine, "in"))
    shutil.copytree(os.path.join(ROOT, "Models"), os.path.join(pristine, "models"))
    pristine_files = snapshot(pristine)
    for n in (range(args.cases) if args.only is None else [args.only]):
        rng = random.Random(f"{args.seed}:{n}")  # each case from (seed, number) alone: replayable with --only
        kind = kinds[n % len(kinds)]
        work = os.path.join(top, f"case{n}"); os.makedirs(work)
        # Only the data kinds mutate the data; the others read one pristine copy (copying costs time).
        data = work if kind in ("csv", "toml") else pristine
        if kind in ("csv", "toml"):
            shutil.copytree(os.path.join(ROOT, "Inputs/guizhou"), os.path.join(work, "in"))
            shutil.copytree(os.path.join(ROOT, "Models"), os.path.join(work, "models"))
        data_flags = ["--inputs", os.path.join(data, "in"), "--models", os.path.join(data, "models")]
        out = os.path.join(work, "out")
        invalid = False; what = ""
        if kind in ("mps", "lp"):
            data, invalid = model_file_case(rng, kind)
            path = os.path.join(work, f"m.{kind}")
            with open(path, "wb") as f: f.write(data)
            method = rng.choice([[], ["--algorithm", "dual"], ["--algorithm", "interior"], ["--presolve"], ["--algorithm", "primal", "--presolve"]])
            cmd = [args.binary, "solve-file", path] + method
            what = f"{kind} {' '.join(method)}"
        elif kind in ("csv", "toml"):
            folder, name = rng.choice(tables if kind == "csv" else tomls)
            target = os.path.join(work, "in" if folder.startswith("Inputs") else "models", name)
            text = open(target, encoding="utf-8").read()
            if kind == "csv" and rng.random() < 0.5:
                data, invalid = csv_cell_mutation(rng, text, rng.random() < 0.6)
            else:
                data = mutate_text(rng, text)
            with open(target, "wb") as f: f.write(data)
            sub = "solve" if rng.random() < 0.1 else "validate"  # solving costs seconds; validation is the target
            cmd = [args.binary, sub] + data_flags + (["--out", out] + SOLVE_FLAGS if sub == "solve" else [])
            what = f"{kind} {folder}/{name} {sub}"
        elif kind == "scenario":
            path, invalid = scenario_case(rng, work)
            sub = rng.choice(["solve", "batch"])
            cmd = [args.binary, sub, path] + data_flags + ["--out", out] + SOLVE_FLAGS + (["--jobs", "1"] if sub == "batch" else [])
            what = f"scenario {sub}"
        else:
            flags, invalid = set_case(rng)
            cmd = [args.binary, "validate"] + data_flags + flags
            what = f"set {flags[1]}"
        counts[kind] += 1
        before = snapshot(work)
        rc, err, secs = run(cmd, work)
        after = snapshot(work)
        problems = []
        if rc is None: problems.append("hang (timeout %ds)" % TIMEOUT)
        elif rc < 0: problems.append(f"signal {signal.Signals(-rc).name}")
        elif rc not in DOCUMENTED_EXITS: problems.append(f"undocumented exit {rc}")
        elif rc == 0 and invalid: problems.append("exit 0 on documented-invalid input")
        if rc not in (None, 0, 1) and rc is not None and rc >= 64 and not err.strip():
            problems.append("error exit with nothing on standard error")
        if rc == 2 and "glpk" not in err.lower() and "error" not in err.lower() and kind in ("mps", "lp"):
            problems.append("solve failed without GLPK's diagnostic text")
        for marker in ("Fatal error", "Assertion failed", "Stack dump", "Illegal instruction"):
            if marker in err: problems.append(f"crash text: {marker}")
        outside = {f for f in after - before if not f.startswith("out/") and not f.startswith("out" + os.sep)}
        if outside: problems.append(f"wrote outside --out: {sorted(outside)[:3]}")
        temps = [f for f in after if ".tmp-" in f]
        if temps: problems.append(f"temporary files left: {temps[:3]}")
        key = "hang" if rc is None else rc
        exits[key] = exits.get(key, 0) + 1
        if snapshot(pristine) != pristine_files: problems.append("the shared data folder was changed")
        if log: log.write(json.dumps({"case": n, "kind": what, "rc": rc, "invalid": invalid, "seconds": round(secs, 3), "problems": problems}) + "\n")
        if problems:
            failures.append((n, what, problems, err.strip().splitlines()[-3:] if err.strip() else []))
            print(f"FAIL case {n} ({what}): {'; '.join(problems)}\n  replay: python3 scripts/fuzz/fuzz.py --seed {args.seed} --only {n} --keep\n  " + "\n  ".join(failures[-1][3]), flush=True)
        if not (problems and args.keep): shutil.rmtree(work, ignore_errors=True)
    if not args.keep: shutil.rmtree(top, ignore_errors=True)
    total = sum(counts.values()); secs = time.time() - start
    signals = sum(1 for f in failures if any(p.startswith("signal") for p in f[2]))
    hangs = sum(1 for f in failures if any(p.startswith("hang") for p in f[2]))
    exit0 = sum(1 for f in failures if any("exit 0" in p for p in f[2]))
    print(f"fuzz: seed {args.seed}, {total} cases ({', '.join(f'{k} {v}' for k, v in counts.items())}) in {secs:.0f} s; "
          f"exits {dict(sorted(exits.items(), key=lambda kv: str(kv[0])))}; {signals} signals, {hangs} hangs, "
          f"{exit0} exits 0 on documented-invalid input, {len(failures)} failing cases")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
