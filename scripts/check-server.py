#!/usr/bin/env python3
"""End-to-end checks of `alchain serve` over real HTTP on 127.0.0.1 (run by scripts/check-server.sh).

api:     well-formed requests give the plan `alchain solve --set ...` gives (objective and every CSV file equal);
         unknown keys, wrong types, out-of-range values, oversized bodies and path-like values each get a 400 whose
         message is the one `--set` prints; no client path opens a file; 20 concurrent clients all get the right plan.
kill:    SIGKILL mid-solve loses no completed run; a restart lists every earlier run; SIGTERM stops cleanly.
cancel:  a client that leaves while its solve runs frees the solve thread at once and no run is stored.
browser: headless Chromium loads the page, moves a target, sees the dashboard and decisions change, triggers an
         infeasible combination and sees the conflict named, forbids a built project and forces another into a
         year and sees the decisions follow; screenshots into --screenshots.
bench:   latency from request to answer (median, p95) for the default plan, each shipped scenario, 20 clients.
Every server binds 127.0.0.1 only; every wait is bounded.
"""
import argparse
import concurrent.futures
import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV_FILES = ["flows.csv", "capacity.csv", "compliance.csv", "rules.csv", "costs.csv", "power.csv", "power_use.csv",
             "clusters.csv", "summary.csv", "decisions.csv", "names.csv"]
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


class Server:
    """`alchain serve --port 0` on 127.0.0.1 in a child process; the address is read from its first line."""

    def __init__(self, alchain, out, extra=(), timeout=600, solve_time_limit=600):
        self.out = out
        self.stderr = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a full pipe would block the server
        # As the CLI runs in cli(): by default a per-solve limit no check reaches, so that answers are reproducible.
        self.proc = subprocess.Popen([alchain, "serve", "--host", "127.0.0.1", "--port", "0", "--out", out,
                                      "--solve-time-limit", str(solve_time_limit), *extra],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        # A reader thread collects the output lines, so that waiting for the address is bounded.
        self.lines = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(x) for x in self.proc.stdout] + [self.lines.put("")], daemon=True).start()
        deadline = time.time() + timeout
        line = ""
        while time.time() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                break
            if "alchain serve: listening on" in line or line == "":
                break
        if "alchain serve: listening on" not in line:
            self.proc.kill()
            self.stderr.seek(0)
            raise SystemExit(f"server did not start: {line!r} {self.stderr.read()[-2000:]}")
        self.url = line.split("listening on ")[1].split()[0].rstrip("/")
        assert self.url.startswith("http://127.0.0.1:"), self.url

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode


def http(url, body=None, method=None, raw=None, timeout=300, headers=None):
    """(status, bytes) of one request; `raw` sends bytes as they are."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data is not None else "GET"),
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def solve(server, body, timeout=300):
    status, data = http(server.url + "/api/solve", body, timeout=timeout)
    return status, json.loads(data) if data.startswith(b"{") else {"raw": data.decode(errors="replace")}


def cli(alchain, args, out=None):
    """`alchain solve ARGS --format json [--out DIR]`: (exit code, parsed JSON or None, stderr)."""
    # The same generous time limit as the servers below: on a loaded machine the shipped 60 s can cut a what-if
    # (with its closest-plan stage) short, and a time-limited plan is not reproducible.
    cmd = [alchain, "solve", *args, "--time-limit", "600", "--format", "json"] + (["--out", out] if out else [])
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        doc = None
    return p.returncode, doc, p.stderr


def same_plan(server, answer, alchain, args, tmp, label):
    """The server's run equals `alchain solve ARGS`: status, objective, every CSV file byte for byte."""
    out = os.path.join(tmp, "cli-" + label)
    code, doc, err = cli(alchain, args, out)
    check(code == 0 and doc is not None, f"{label}: alchain solve {' '.join(args)} exits 0 ({err.strip()[-200:]})")
    if doc is None:
        return
    check(answer.get("status") == doc["status"] and answer.get("objective") == doc["objective"],
          f"{label}: status and objective equal the CLI's ({answer.get('objective')} vs {doc['objective']})")
    check(answer.get("compliance") == doc["compliance"], f"{label}: compliance equals the CLI's, target by target")
    differing = []
    for name in CSV_FILES:
        status, data = http(f"{server.url}/api/runs/{answer['run']}/files/{name}")
        with open(os.path.join(out, name), "rb") as f:
            if status != 200 or data != f.read():
                differing.append(name)
    check(not differing, f"{label}: all {len(CSV_FILES)} CSV files byte-identical to solve --out (differ: {differing})")


def api(alchain, tmp):
    # Every request solved (no answers from the store), so that concurrent clients really solve at once; the
    # store's answers are checked at the end with a server of default options.
    server = Server(alchain, os.path.join(tmp, "serve"), extra=["--no-reuse-answers"])
    try:
        status, page = http(server.url + "/")
        check(status == 200 and "情景推演".encode() in page and b"http://" not in page.replace(b"http://www.w3.org", b""),
              "GET / serves the page, self-contained (no external address)")
        controls = json.loads(http(server.url + "/api/controls")[1])
        keys = {c["key"]: c for c in controls["controls"]}
        check(all((c["min"] <= c["value"] <= c["max"] if "choices" not in c else c.get("value") in [None] + c["choices"]) and c["unit"]
                  for c in controls["controls"]),
              f"/api/controls: {len(keys)} controls, each with a unit and its base value within its range")
        for key in ["targets.recycled-share.value", "targets.cell-exit.from_year", "settings.energy.co2_price_yuan_per_t",
                    "settings.replacement.index_price_yuan_per_t", "settings.replacement.max_index_purchase_t",
                    "power.qianxi:grid.price_yuan_per_kwh", "candidates.new_ka500_qingzhen.max_units"]:
            check(key in keys, f"/api/controls offers {key}")

        # Well-formed requests: the same plan as the command line.
        status, a = solve(server, {"set": {"targets.recycled-share.value": 25}})
        check(status == 200 and a.get("status") == "optimal", f"POST /api/solve recycled-share 25: 200 optimal ({status})")
        check(isinstance(a.get("decisions"), list) and a["decisions"] and all("decision" in d and "year" in d for d in a["decisions"]),
              "the answer carries the decisions")
        same_plan(server, a, alchain, ["--set", "targets.recycled-share.value=25"], tmp, "recycled-share-25")
        status, a = solve(server, {"scenario": "power-dearer", "set": {"settings.energy.co2_price_yuan_per_t": 80}})
        check(status == 200, "POST /api/solve scenario power-dearer + carbon price 80: 200")
        same_plan(server, a, alchain, ["power-dearer", "--set", "settings.energy.co2_price_yuan_per_t=80"], tmp, "power-dearer-co2-80")
        status, base = solve(server, {})
        same_plan(server, base, alchain, [], tmp, "base")
        check(base.get("changes_against_base") == [], "the base plan has no changes against the base")

        # Refusals: 400 with the message --set prints.
        refusals = [
            ("unknown key", {"set": {"targets.no-such-target.value": 1}}, ["targets.no-such-target.value=1"], "unknown-row"),
            ("unknown table", {"set": {"passwords.x.y": 1}}, ["passwords.x.y=1"], "unknown-table"),
            ("unknown settings key", {"set": {"settings.nonsense": 1}}, ["settings.nonsense=1"], "unknown-key"),
            ("wrong type (text for a number)", {"set": {"targets.recycled-share.value": "lots"}}, ["targets.recycled-share.value=lots"], "not-a-number"),
            ("out of range (a share above 100 %)", {"set": {"targets.recycled-share.value": 150}}, ["targets.recycled-share.value=150"], "out-of-range"),
            ("out of range (carbon price)", {"set": {"settings.energy.co2_price_yuan_per_t": 5000}}, ["settings.energy.co2_price_yuan_per_t=5000"], "out-of-range"),
            ("out of range (exit year)", {"set": {"targets.cell-exit.from_year": 2099}}, ["targets.cell-exit.from_year=2099"], "out-of-range"),
            ("not whole (units)", {"set": {"candidates.new_ka500_qingzhen.max_units": 1.5}}, ["candidates.new_ka500_qingzhen.max_units=1.5"], "not-an-integer"),
        ]
        for what, body, sets, phrase in refusals:
            status, a = solve(server, body)
            message = a.get("error", "")
            code, _, err = cli(alchain, [x for s in sets for x in ("--set", s)])
            check(status == 400 and phrase in message, f"{what}: 400 '{message[:110]}'")
            check(code == 65 and message and message in err, f"{what}: the same message as alchain solve --set (exit {code})")
        for what, body, phrase in [
            ("wrong type (an array)", {"set": {"targets.recycled-share.value": [25]}}, "found an array"),
            ("wrong type (an object)", {"set": {"targets.recycled-share.value": {"a": 1}}}, "found an object"),
            ("wrong type (set is a list)", {"set": ["targets.recycled-share.value", 25]}, "set: expected an object"),
            ("unknown field", {"scenario": "base", "file": "/etc/passwd"}, "unknown field 'file'"),
            ("path-like scenario", {"scenario": "../../etc/passwd"}, "file path"),
            ("path-like scenario file", {"scenario": "Inputs/scenarios/recycled-25.toml"}, "file path"),
            ("unknown scenario", {"scenario": "no-such-scenario"}, "shipped scenario"),
            ("path-like value", {"set": {"settings.name": "/etc/passwd"}}, "file path"),
            ("path-like value (home)", {"set": {"targets.recycled-share.enabled": "~/x"}}, "file path"),
        ]:
            status, a = solve(server, body)
            check(status == 400 and phrase in a.get("error", ""), f"{what}: 400 '{a.get('error', a)[:110]}'")
        status, data = http(server.url + "/api/solve", raw=b"{not json")
        check(status == 400 and b"not JSON" in data, f"malformed JSON: 400 {data[:80]!r}")
        big = json.dumps({"set": {"settings.description": "x" * 70000}}).encode()
        status, data = http(server.url + "/api/solve", raw=big)
        check(status == 400 and b"bytes" in data, f"oversized body ({len(big)} bytes): 400 {data[:90]!r}")
        # An oversized body without Content-Length (chunked): still 400.
        status, data = chunked_post(server.url + "/api/solve", big)
        check(status == 400 and b"bytes" in data, f"oversized chunked body: 400 {data[:90]!r}")

        # No client path opens a file.
        run_id = base["run"]
        for path in [f"/api/runs/{run_id}/files/..%2F..%2F..%2Fetc%2Fpasswd", f"/api/runs/{run_id}/files/run.json",
                     "/api/runs/..%2F..%2Fetc/files/passwd", "/api/runs/0001-zzzzzz/files/flows.csv", "/etc/passwd",
                     f"/api/runs/{run_id}/files/%2Fetc%2Fpasswd"]:
            status, data = http(server.url + path)
            check(status == 404 and b"root:" not in data, f"GET {path}: 404, nothing outside the run store")
        for name in ["report.html", "plan.xlsx"]:
            status, data = http(f"{server.url}/api/runs/{a_run(server)}/files/{name}")
            check(status == 200 and len(data) > 1000, f"a run's {name} downloads ({len(data)} bytes)")

        # 20 concurrent clients, five different plans: every answer 200 and equal to the sequential answer.
        values = [20, 22, 24, 26, 28]
        reference = {}
        for v in values:
            status, a = solve(server, {"set": {"targets.recycled-share.value": v}})
            reference[v] = (a.get("status"), a.get("objective"))
        clock = time.time()
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(lambda i: (values[i % 5], solve(server, {"set": {"targets.recycled-share.value": values[i % 5]}})), range(20)))
        wrong = [(v, s, a.get("objective"), a.get("error")) for v, (s, a) in answers if s != 200 or (a.get("status"), a.get("objective")) != reference[v]]
        check(not wrong, f"20 concurrent clients: all 200 with the sequential answer, in {time.time() - clock:.1f} s (wrong: {wrong[:3]})")
        health = json.loads(http(server.url + "/api/health")[1])
        check(health["queued"] == 0 and health["running"] == 0, f"afterwards nothing queued or running ({health})")

        # A queued request whose client leaves is dropped: fill the threads, send one more and hang up.
        runs_before = len(json.loads(http(server.url + "/api/runs")[1])["runs"])
        threads = health["threads"]
        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            busy = [pool.submit(solve, server, {"set": {"targets.recycled-share.value": 21 + i}}) for i in range(threads)]
            time.sleep(0.3)
            hang_up(server.url, {"set": {"targets.recycled-share.value": 39}})
            [f.result() for f in busy]
        time.sleep(0.5)
        runs = json.loads(http(server.url + "/api/runs")[1])["runs"]
        check(len(runs) == runs_before + threads and not any(r["set"].get("targets.recycled-share.value") == "39" for r in runs),
              f"a queued request whose client left was not solved ({len(runs) - runs_before} new runs for {threads} kept clients)")
        check(server.stop() == 0, "SIGTERM stops the server cleanly (exit 0)")
        rest = []
        while True:
            try:
                x = server.lines.get(timeout=10)
            except queue.Empty:
                break
            if x == "":
                break
            rest.append(x)
        check(any("stopped" in x for x in rest), "the server says it stopped")
    finally:
        server.stop(signal.SIGKILL)
    reuse(alchain, tmp)


def reuse(alchain, tmp):
    """With default options, the default plan and a repeated what-if are answered from the store: same run, same plan."""
    server = Server(alchain, os.path.join(tmp, "serve-reuse"))
    try:
        base_run = json.loads(http(server.url + "/api/controls")[1])["base_run"]
        clock = time.perf_counter()
        status, base = solve(server, {})
        latency = time.perf_counter() - clock
        check(status == 200 and base.get("from_store") is True and base.get("run") == base_run,
              f"the default plan is the stored base run {base_run} (from_store, {latency * 1000:.0f} ms)")
        body = {"set": {"targets.recycled-share.value": 23}}
        status, first = solve(server, body)
        status2, again = solve(server, body)
        check(status == 200 and status2 == 200 and "from_store" not in first and again.get("from_store") is True
              and again["run"] == first["run"] and again["objective"] == first["objective"] and again["decisions"] == first["decisions"],
              f"a repeated what-if is answered from its run {first['run']} (objective {first['objective']:.3f}; solved {first['seconds']:.2f} s, "
              f"from the store {again['seconds'] * 1000:.0f} ms)")
        status, moved = solve(server, {"set": {"targets.recycled-share.value": 23.5}})
        check(status == 200 and "from_store" not in moved and moved["run"] != first["run"], "another value is solved as a run of its own")
        runs = json.loads(http(server.url + "/api/runs")[1])["runs"]
        check(len(runs) == 3, f"three runs stored (base, 23 %, 23.5 %), none for the repeats: {[r['id'] for r in runs]}")
    finally:
        server.stop(signal.SIGKILL)


def a_run(server):
    runs = json.loads(http(server.url + "/api/runs")[1])["runs"]
    return next(r["id"] for r in runs if "flows.csv" in r["files"])


def chunked_post(url, data):
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=60) as s:
        s.sendall(b"POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for i in range(0, len(data), 8192):
                part = data[i:i + 8192]
                s.sendall(b"%x\r\n" % len(part) + part + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server may answer and close before the whole body is sent
        reply = b""
        s.settimeout(10)
        while b'"}' not in reply:  # the end of the JSON error, or the server closing the connection
            try:
                chunk = s.recv(65536)
            except (socket.timeout, OSError):
                break
            if not chunk:
                break
            reply += chunk
    status = int(reply.split(b" ")[1]) if reply.startswith(b"HTTP/") else 0
    return status, reply.split(b"\r\n\r\n", 1)[-1]


def hang_up(url, body, stay=0.2):
    """Sends a solve request and closes the connection `stay` seconds later without waiting for the answer."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    data = json.dumps(body).encode()
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(data) + data)
        time.sleep(stay)


def kill(alchain, tmp):
    out = os.path.join(tmp, "serve-kill")
    server = Server(alchain, out)
    completed = []
    try:
        for v in [21, 23]:
            status, a = solve(server, {"set": {"targets.recycled-share.value": v}})
            check(status == 200, f"run {a.get('run')} completed before the kill")
            completed.append(a["run"])
        # A slow request (an infeasible plan is explained after its solve) in flight when the server is killed.
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            pending = [pool.submit(solve, server, {"scenario": "cell-exit-2025", "set": {"targets.recycled-share.value": 22 + i}}, 60) for i in range(3)]
            deadline = time.time() + 60
            while time.time() < deadline and json.loads(http(server.url + "/api/health")[1])["running"] == 0:
                time.sleep(0.02)
            running = json.loads(http(server.url + "/api/health")[1])["running"]
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait(10)
            check(running > 0, f"SIGKILL while {running} solve(s) ran")
            for f in pending:
                try:
                    f.result(timeout=30)
                except Exception:
                    pass
    finally:
        server.stop(signal.SIGKILL)
    runs_dir = os.path.join(out, "runs")
    on_disk = sorted(n for n in os.listdir(runs_dir) if not n.startswith("."))
    for run in on_disk:
        folder = os.path.join(runs_dir, run)
        entry = json.load(open(os.path.join(folder, "run.json")))
        answer = json.load(open(os.path.join(folder, "answer.json")))
        files_ok = all(os.path.getsize(os.path.join(folder, n)) > 0 for n in entry["files"])
        check(answer["run"] == run and files_ok, f"run folder {run} is complete (run.json, answer.json and its {len(entry['files'])} files)")
    server = Server(alchain, out)
    try:
        listed = [r["id"] for r in json.loads(http(server.url + "/api/runs")[1])["runs"]]
        check(all(r in listed for r in completed) and set(listed) == set(on_disk),
              f"after the restart every earlier run is listed ({len(listed)} runs, {len(completed)} completed before the kill)")
        check(not any(n.startswith(".tmp-") for n in os.listdir(runs_dir)), "no unfinished run folder is left after the restart")
        status, a = solve(server, {"set": {"targets.recycled-share.value": 21}})
        check(status == 200 and a["run"] not in listed, f"the restarted server solves again into a new run ({a.get('run')})")
    finally:
        check(server.stop() == 0, "SIGTERM after the restart: exit 0")


def browser_check(alchain, tmp, shots):
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    import importlib
    report_check = importlib.import_module("check-report")
    os.makedirs(shots, exist_ok=True)
    server = Server(alchain, os.path.join(tmp, "serve-browser"))
    driver = report_check.browser()
    driver.set_window_size(1500, 1100)
    try:
        wait = WebDriverWait(driver, 400)

        def text(element_id):
            # Read through script: the page re-renders these elements, so a held element may be stale.
            return driver.execute_script("var e=document.getElementById(arguments[0]);return e?e.textContent:''", element_id)

        driver.get(server.url + "/")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#dashboard #decisions table"))
        check("情景推演" in driver.title, f"the page loads in Chinese ({driver.title})")
        base_run = text("run-id")
        base_objective = text("objective")
        base_decisions = driver.find_element(By.CSS_SELECTOR, "#dashboard #decisions").text
        ranges = driver.find_elements(By.CSS_SELECTOR, ".ctl .range")
        check(len(ranges) > 10 and all("–" in r.text for r in ranges), f"{len(ranges)} controls show their allowed range and unit")
        driver.save_screenshot(os.path.join(shots, "explorer-base.png"))

        def set_control(key, value):
            box = driver.find_element(By.CSS_SELECTOR, f'input[type=number][data-key="{key}"]')
            driver.execute_script("arguments[0].value=arguments[1];arguments[0].dispatchEvent(new Event('input',{bubbles:true}))", box, str(value))

        # Move a target: the recycled share to 26 % (binding, and it moves decisions: at 25 % the base plan's decisions
        # still fit within the gap since the potline count, so only flows change; 28 % reaches the time limit).
        set_control("targets.recycled-share.value", 26)
        wait.until(lambda d: text("run-id") not in ("", base_run) and d.find_elements(By.CSS_SELECTOR, "#dashboard #changes"))
        objective = text("objective")
        moved_run = text("run-id")
        decisions = driver.find_element(By.CSS_SELECTOR, "#dashboard #decisions").text
        check(objective != base_objective, f"moving the recycled-share target re-solves: objective {base_objective} → {objective}")
        check(decisions != base_decisions, "the decisions table changed")
        changed = driver.find_elements(By.CSS_SELECTOR, "#changes #changed-decisions tbody tr")
        check(len(changed) > 0, f"what changed against the base lists {len(changed)} decisions first")
        check(driver.find_elements(By.CSS_SELECTOR, "#dashboard svg.sankey.active"), "the new plan's Sankey is shown")
        targets = driver.find_element(By.CSS_SELECTOR, "#dashboard #targets").text
        check("26" in targets, "the targets table shows the new required value")
        driver.execute_script("document.getElementById('changes').scrollIntoView()")
        driver.save_screenshot(os.path.join(shots, "explorer-target-moved.png"))

        # An infeasible combination: the < 400 kA exit already in 2025.
        set_control("targets.cell-exit.from_year", 2025)
        wait.until(lambda d: d.find_element(By.ID, "conflict").is_displayed())
        items = driver.find_elements(By.CSS_SELECTOR, "#conflict-list li")
        named = [i.text for i in items if i.get_attribute("data-target") == "cell-exit"]
        check(bool(named), f"infeasible: the conflict set names the cell-exit target ({named[:1]})")
        check(any("目标「" in t and "2025年" in t and "≤ 0 t" in t for t in named), "the conflict is in planners' words: the target's name, year and limit")
        driver.execute_script("window.scrollTo(0,0)")
        driver.save_screenshot(os.path.join(shots, "explorer-infeasible.png"))
        set_control("targets.cell-exit.from_year", driver.execute_script(
            "return controls.find(c=>c.key==='targets.cell-exit.from_year').value"))
        set_control("targets.recycled-share.value", driver.execute_script(
            "return controls.find(c=>c.key==='targets.recycled-share.value').value"))
        decision_checks(driver, wait, text, shots, base_run)

        # English.
        driver.find_element(By.ID, "lang").click()
        wait.until(lambda d: "what-if" in text("title"))
        check(all(ord(c) < 0x3000 for c in text("conflict-title")), "English is switchable")
        driver.save_screenshot(os.path.join(shots, "explorer-infeasible-en.png"))

        # History: compare two runs.
        wait.until(lambda d: d.execute_script("return document.querySelectorAll('#history tbody tr').length") >= 3)
        rows = driver.execute_script("return Array.from(document.querySelectorAll('#history tbody tr')).map(r=>[r.dataset.run,r.textContent])")
        check(len(rows) >= 3, f"the history lists the page's runs ({len(rows)})")
        run_a = moved_run  # the run of the moved target, by its id
        driver.find_element(By.CSS_SELECTOR, f'input[name=a][value="{run_a}"]').click()
        driver.find_element(By.CSS_SELECTOR, f'input[name=b][value="{base_run}"]').click()
        driver.find_element(By.ID, "compare").click()
        wait.until(lambda d: text("run-id") == run_a and text("comparing") != "" and d.find_elements(By.CSS_SELECTOR, "#dashboard #changes"))
        rows_changed = driver.find_elements(By.CSS_SELECTOR, "#changes #changed-decisions tbody tr")
        check(len(rows_changed) == len(changed), f"comparing run {run_a} with {base_run} shows the same {len(rows_changed)} changed decisions")
        driver.save_screenshot(os.path.join(shots, "explorer-compare-en.png"))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(not errors, f"no script errors in the browser console ({errors[:2]})")
    finally:
        driver.quit()
        server.stop()


def decision_checks(driver, wait, text, shots, base_run):
    """Forbid a build the base plan makes and see it gone from the decisions; force one it does not make into a
    year and see it there (both through the page's build-decision controls)."""
    from selenium.webdriver.common.by import By
    wait.until(lambda d: text("run-id") == base_run or d.execute_script("return last && last.status==='optimal' && last.changes_against_base.length===0"))
    base = driver.execute_script("return last.decisions")
    controls = driver.execute_script("return controls.filter(c=>c.choices)")
    check(len(controls) >= 5 and all(c["unit"] and c["choices"] and c["forbid_key"] for c in controls),
          f"{len(controls)} build-decision controls (force into a year or forbid), each with its unit and allowed years")

    def built(decisions, key):
        unit = key.split(".")[1]
        project = next((d.get("project") for d in decisions if d["unit"] == unit), None)
        return [d for d in decisions if d["decision"] == "build" and (d["unit"] == unit or (project and d.get("project") == project))]

    def choose(key, value):
        select = driver.find_element(By.CSS_SELECTOR, f'select[data-key="{key}"]')
        before = text("run-id")
        driver.execute_script("arguments[0].value=arguments[1];arguments[0].dispatchEvent(new Event('change',{bubbles:true}))", select, value)
        wait.until(lambda d: text("run-id") not in ("", before) and d.execute_script("return last.status") in ("optimal", "infeasible", "time_limit"))
        # The answer is shown first, its dashboard fetched after: wait for the dashboard's list of changed decisions.
        wait.until(lambda d: d.execute_script("return last.status!=='optimal' || document.querySelectorAll('#changes #changed-decisions tbody tr').length"
                                              "===last.changes_against_base.length"))
        return driver.execute_script("return last")

    def show_in_panel(key):
        # The changes against the base in the page, the decision's control in the panel beside them.
        driver.execute_script("document.getElementById('changes').scrollIntoView();var s=document.querySelector('select[data-key=\"'+arguments[0]+'\"]');"
                              "var p=document.getElementById('panel');p.scrollTop=s.closest('.ctl').offsetTop-p.offsetTop-60", key)

    forbid = next(c for c in controls if built(base, c["key"]) and not c.get("value"))
    gone = built(base, forbid["key"])
    answer = choose(forbid["key"], "forbid")
    table = driver.find_element(By.CSS_SELECTOR, "#dashboard #decisions").text
    check(answer["status"] == "optimal" and not built(answer["decisions"], forbid["key"]) and answer["request"]["set"].get(forbid["forbid_key"]) == "yes",
          f"forbidding {forbid['label_en']} ({forbid['forbid_key']}=yes): its {len(gone)} build decision(s) are gone from the plan")
    check(gone[0]["name_zh"] not in table and any(c["change"] == "removed" and c["unit"] == gone[0]["unit"] for c in answer["changes_against_base"]),
          f"the page's decisions no longer list {gone[0]['name_zh']}; the changes against the base show it removed")
    show_in_panel(forbid["key"])
    driver.save_screenshot(os.path.join(shots, "explorer-forbidden.png"))
    choose(forbid["key"], "")

    force = next(c for c in controls if not built(base, c["key"]) and c["key"].split(".")[1].startswith("new_ka500"))
    year = force["choices"][min(2, len(force["choices"]) - 1)]
    answer = choose(force["key"], str(year))
    made = built(answer["decisions"], force["key"])
    table = driver.find_element(By.CSS_SELECTOR, "#dashboard #decisions").text
    check(answer["status"] == "optimal" and any(d["year"] == year for d in made),
          f"forcing {force['label_en']} into {year} ({force['key']}={year}): the plan builds it then ({[(d['year'], d['unit']) for d in made]})")
    check(made and made[0]["name_zh"] in table and any(c["change"] == "added" and c["unit"] == made[0]["unit"] for c in answer["changes_against_base"]),
          f"the page's decisions list {made[0]['name_zh'] if made else '?'}; the changes against the base show it added")
    show_in_panel(force["key"])
    driver.save_screenshot(os.path.join(shots, "explorer-forced.png"))


# A slow what-if: recycled share 25 % proven optimal (gap 0); its closest-plan stage runs to the per-solve limit.
SLOW_REQUEST = {"scenario": "recycled-25", "set": {"settings.solver.mip_gap": 0}}


def cancel(alchain, tmp):
    """A client that leaves while its solve runs frees the solve thread at once and leaves no run behind."""
    # Every request solved: the slow request is sent twice, and the second must run to be cancelled.
    server = Server(alchain, os.path.join(tmp, "serve-cancel"), extra=["--solve-threads", "1", "--solve-time-limit", "30", "--no-reuse-answers"])
    try:
        quick = {"set": {"targets.recycled-share.value": 21}}
        clock = time.time()
        status, _ = solve(server, quick)
        quick_s = time.time() - clock
        clock = time.time()
        status, a = solve(server, SLOW_REQUEST)
        slow_s = time.time() - clock
        check(status == 200, f"the slow request takes {slow_s:.1f} s when its client waits (a quick one {quick_s:.1f} s)")
        runs_before = [r["id"] for r in json.loads(http(server.url + "/api/runs")[1])["runs"]]
        hang_up(server.url, SLOW_REQUEST, stay=1.0)
        clock = time.time()
        freed = None
        while time.time() - clock < slow_s + 30:
            if json.loads(http(server.url + "/api/health")[1])["running"] == 0:
                freed = time.time() - clock
                break
            time.sleep(0.02)
        status, _ = solve(server, quick)
        answered = time.time() - clock
        check(freed is not None and freed < 0.5 * (slow_s - 1.0),
              f"the client left 1 s into a {slow_s:.1f} s solve: the thread was free {freed if freed is None else round(freed, 2)} s later")
        check(status == 200 and answered < 0.5 * (slow_s - 1.0) + quick_s,
              f"the next request was answered {answered:.1f} s after the client left (the left solve had {slow_s - 1.0:.1f} s to go)")
        runs = json.loads(http(server.url + "/api/runs")[1])["runs"]
        new = [r for r in runs if r["id"] not in runs_before]
        check(len(new) == 1 and new[0].get("scenario") is None and new[0]["set"] == {"targets.recycled-share.value": "21"},
              f"the left solve stored no run (new runs: {[(r['id'], r.get('scenario'), r['set']) for r in new]}, the next request's only)")
        leftovers = [n for n in os.listdir(os.path.join(tmp, "serve-cancel", "runs")) if n.startswith(".tmp-")]
        check(not leftovers, "no unfinished run folder is left behind")
    finally:
        check(server.stop() == 0, "SIGTERM: exit 0")


def latency_summary(xs, digits=3):
    """Median and 95th percentile (nearest rank) of latencies in seconds, rounded to `digits`, and their count."""
    xs = sorted(xs)
    return {"median_s": round(statistics.median(xs), digits), "p95_s": round(xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))], digits), "n": len(xs)}


def bench(alchain, tmp, repeats, out_json):
    results = {}
    # With default options the default plan is the stored base run, and a repeated request a stored run.
    server = Server(alchain, os.path.join(tmp, "serve-bench-reuse"))
    try:
        times = []
        for _ in range(repeats):
            clock = time.perf_counter()
            status, answer = solve(server, {})
            times.append(time.perf_counter() - clock)
            assert status == 200 and answer.get("from_store") is True, (status, answer.get("from_store"))
        r = results["default plan, from the store"] = latency_summary(times, digits=4)
        print(f"{'default plan (from store)':28s} median {r['median_s'] * 1000:.1f} ms  p95 {r['p95_s'] * 1000:.1f} ms  (n={r['n']})", flush=True)
    finally:
        server.stop()
    # Every request solved: the latency of a new what-if, and of the default plan solved again. The server's own
    # default per-solve limit (30 s), as a planner meets it: a scenario GLPK does not prove within it answers with
    # its best plan at the limit, and the table says how many answers were proven.
    server = Server(alchain, os.path.join(tmp, "serve-bench"), extra=["--no-reuse-answers"], solve_time_limit=30)
    try:
        names = [s["name"] for s in json.loads(http(server.url + "/api/controls")[1])["scenarios"]]

        overhead = {"total": [], "prepare": [], "store": [], "http_and_json": []}

        statuses = {}

        def timed(body, note=False):
            clock = time.perf_counter()
            status, answer = solve(server, body, timeout=900)
            latency = time.perf_counter() - clock
            if status == 200:
                statuses.setdefault(body.get("scenario", "default"), []).append(answer.get("status"))
            if note and status == 200:
                # The server's own share: everything from request to answer but the solve itself.
                phases = answer["server_timings_s"]
                overhead["total"].append(latency - phases["solve"])
                overhead["prepare"].append(phases["prepare"])
                overhead["store"].append(phases["store"])
                overhead["http_and_json"].append(latency - answer["seconds"])
            return latency, status

        # The reference, alternated with the default plan's requests: the same plan by `alchain solve --out` (spawn to
        # exit; it writes the same CSV files the server stores).
        cli_times = []
        for label, body in [("default", {})] + [(n, {"scenario": n}) for n in names]:
            times = []
            for _ in range(repeats if label == "default" else max(3, repeats // 4)):
                t, status = timed(body, note=label == "default")
                assert status == 200, (label, status)
                times.append(t)
                if label == "default":
                    clock = time.perf_counter()
                    subprocess.run([alchain, "solve", "--format", "json", "--out", os.path.join(tmp, "bench-cli")], cwd=ROOT, capture_output=True, check=True, timeout=300)
                    cli_times.append(time.perf_counter() - clock)
            proven = sum(1 for x in statuses.get(label, []) if x == "optimal")
            results[label] = latency_summary(times) | {"statuses": statuses.get(label, [])}
            print(f"{label:28s} median {results[label]['median_s']:.3f} s  p95 {results[label]['p95_s']:.3f} s  (n={len(times)}, "
                  f"{proven} proven optimal)", flush=True)
            if label == "default":
                results["reference: alchain solve --out"] = latency_summary(cli_times)
                print(f"{'reference: solve --out':28s} median {results['reference: alchain solve --out']['median_s']:.3f} s  "
                      f"p95 {results['reference: alchain solve --out']['p95_s']:.3f} s  (n={len(cli_times)}, alternated with the requests above)", flush=True)
        results["server overhead (default plan)"] = {k: round(statistics.median(v), 4) for k, v in overhead.items()}
        print("server overhead, default plan (medians, s): " + ", ".join(f"{k} {statistics.median(v):.4f}" for k, v in overhead.items())
              + "  (total = request to answer minus the solve)", flush=True)
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            clock = time.perf_counter()
            times = list(pool.map(lambda i: timed({"set": {"targets.recycled-share.value": 20 + i % 5}})[0], range(60)))
            wall = time.perf_counter() - clock
        results["20-clients"] = latency_summary(times) | {"wall_s": round(wall, 2), "solves_per_s": round(60 / wall, 2)}
        print(f"{'20 concurrent clients':28s} median {results['20-clients']['median_s']:.3f} s  p95 {results['20-clients']['p95_s']:.3f} s  "
              f"({60} requests in {wall:.1f} s)", flush=True)
        results["load_average"] = os.getloadavg()
    finally:
        server.stop()
    if out_json:
        with open(out_json, "w") as f:
            json.dump(results, f, indent=2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", nargs="*", default=["api", "kill", "cancel", "browser"], choices=["api", "kill", "cancel", "browser", "bench"])
    ap.add_argument("--alchain", default=os.environ.get("ALCHAIN", os.path.join(ROOT, ".build/debug/alchain")))
    ap.add_argument("--screenshots", default=os.path.join(ROOT, "out/server-check/screenshots"))
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--bench-json")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="alchain-serve-")
    try:
        for what in args.what:
            print(f"== {what}", flush=True)
            if what == "api":
                api(args.alchain, tmp)
            elif what == "kill":
                kill(args.alchain, tmp)
            elif what == "cancel":
                cancel(args.alchain, tmp)
            elif what == "browser":
                browser_check(args.alchain, tmp, args.screenshots)
            else:
                bench(args.alchain, tmp, args.repeats, args.bench_json)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"check-server: {len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("check-server: every check passed")


if __name__ == "__main__":
    main()
