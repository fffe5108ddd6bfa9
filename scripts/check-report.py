#!/usr/bin/env python3
"""Checks a run folder's report.html in headless Chromium and its plan.xlsx with openpyxl, against the folder's CSV files.

usage: check-report.py RUN_DIR [--base] [--screenshot PNG] [--pdf-dir DIR]
       check-report.py --summary OUT_DIR [--screenshot PNG]

report.html: loads with no console error and no network request; every section is present (and "changes" with
--base); for every year chosen with the year selector, the visible Sankey's links, summed by (kind, commodity),
equal flows.csv's rows of that year (transport excepted: shipments stay inside a commodity's node); the
decisions tables list exactly capacity.csv's changes (year, unit, built or retired, tonnes).
plan.xlsx: every sheet read back by openpyxl equals the CSV numbers cell by cell, numbers stored as numbers,
the header row frozen, column widths set, Chinese names intact. With --pdf-dir, LibreOffice converts it to PDF.
Exit 1 with a list of what is wrong.
"""
import argparse, csv, json, os, shutil, subprocess, sys, tempfile
from collections import defaultdict

problems = []


def fail(msg):
    problems.append(msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def close(a, b, tol=0.002):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b)) * 1e-6 + tol


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900", "--lang=zh-CN",
              "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]:
        opts.add_argument(a)
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)


def load(driver, path):
    url = "file://" + os.path.abspath(path)
    driver.get(url)
    logs = driver.get_log("browser")
    for entry in logs:
        if entry["level"] in ("SEVERE", "WARNING"):
            fail(f"{path}: console {entry['level']}: {entry['message']}")
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            req = msg["params"]["request"]["url"]
            if req != url and not req.startswith("data:"):
                fail(f"{path}: network request to {req}")
    return url


def screenshot(driver, png):
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1200, min(max(900, height + 160), 16000))
    os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
    driver.save_screenshot(png)
    driver.set_window_size(1200, 900)


def check_sankey(driver, run_dir, year):
    from selenium.webdriver.support.ui import Select
    Select(driver.find_element("id", "sankey-year")).select_by_value(str(year))
    links = driver.execute_script("""
        var svg = document.querySelector('svg.sankey.active');
        if (!svg || getComputedStyle(svg).display === 'none') return null;
        return [svg.getAttribute('data-year'), Array.from(svg.querySelectorAll('path.link')).map(function(p) {
            return [p.dataset.from, p.dataset.to, p.dataset.commodity, p.dataset.tonnes]; })];""")
    if links is None:
        fail(f"{run_dir}: no visible Sankey after selecting {year}")
        return
    shown_year, paths = links
    if shown_year != str(year):
        fail(f"{run_dir}: the selector shows the Sankey of {shown_year}, not {year}")
    # Each link leaves a supply (production, purchase, collection) and enters a use (consumption, sale, storage):
    # summed by either end and commodity, the links must give flows.csv's rows of that year.
    got, want = defaultdict(float), defaultdict(float)
    for frm, to, commodity, tonnes in paths:
        got[(frm, commodity)] += float(tonnes)
        got[(to, commodity)] += float(tonnes)
    for r in read_csv(os.path.join(run_dir, "flows.csv")):
        if int(r["year"]) == year and r["kind"] != "transport":
            want[(r["kind"], r["commodity"])] += float(r["tonnes"])
    for key in sorted(set(got) | set(want)):
        if abs(got[key] - want[key]) > 0.01 * max(1, len(paths)):
            fail(f"{run_dir}: Sankey {year} {key}: {got[key]:.3f} t drawn, flows.csv has {want[key]:.3f} t")
    if not paths:
        fail(f"{run_dir}: the Sankey of {year} has no links")


def check_decisions(driver, run_dir):
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('#decisions table.decisions tbody tr')).map(function(tr) {
            return [tr.dataset.year, tr.dataset.kind, tr.dataset.unit, tr.dataset.tonnes]; });""")
    got = sorted((int(y), k, u, round(float(t))) for y, k, u, t in rows if k != "buy_indices")
    want = []
    for r in read_csv(os.path.join(run_dir, "capacity.csv")):
        built, retired = float(r["built_t"]), float(r["retired_t"])
        if built > 0.5:
            want.append((int(r["year"]), "build", r["unit"], round(built)))
        if retired > 0.5:
            want.append((int(r["year"]), "retire", r["unit"], round(retired)))
    want.sort()
    if got != want:
        missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
        fail(f"{run_dir}: decisions table differs from capacity.csv's changes: missing {missing[:5]}, extra {extra[:5]} ({len(got)} vs {len(want)} rows)")
    if not want:
        fail(f"{run_dir}: capacity.csv has no changes to compare (expected a plan with decisions)")


def check_report(run_dir, with_base, png):
    html = os.path.join(run_dir, "report.html")
    if not os.path.exists(html):
        fail(f"{html}: missing")
        return
    size = os.path.getsize(html)
    if size > 1_000_000:
        fail(f"{html}: {size} bytes, over 1 MB")
    driver = browser()
    try:
        load(driver, html)
        sections = ["decisions", "targets", "capacity", "flows", "costs", "power", "provenance"] + (["changes"] if with_base else [])
        for s in sections:
            if not driver.find_elements("css selector", f"section#{s} h2"):
                fail(f"{html}: section '{s}' missing")
        order = driver.execute_script("return Array.from(document.querySelectorAll('section')).map(function(s){return s.id})")
        if order[:1] != ["decisions"]:
            fail(f"{html}: the first section is {order[:1]}, not the decisions")
        text = driver.find_element("tag name", "body").text
        for bad in ["E+", "e+0", "NaN", "undefined"]:
            if bad in text:
                fail(f"{html}: the page shows '{bad}'")
        years = sorted({int(r["year"]) for r in read_csv(os.path.join(run_dir, "flows.csv"))})
        initial = driver.execute_script("var s = document.querySelector('svg.sankey.active'); return s && s.getAttribute('data-year')")
        if initial is None:
            fail(f"{html}: no Sankey shown when the page opens")
        for y in years:  # every year, chosen with the selector
            check_sankey(driver, run_dir, y)
        check_decisions(driver, run_dir)
        # Targets: every compliance row appears with its achieved value and met flag.
        cells = driver.execute_script("""return Array.from(document.querySelectorAll('#targets-table [data-target]')).map(function(e){
            return [e.dataset.target, e.dataset.year, e.dataset.achieved, e.dataset.met]; });""")
        want = [(r["target"], r["year"], float(r["achieved"]), r["met"]) for r in read_csv(os.path.join(run_dir, "compliance.csv"))]
        got = [(t, y, float(a), m) for t, y, a, m in cells]
        if sorted(got) != sorted(want):
            fail(f"{html}: targets table differs from compliance.csv ({len(got)} vs {len(want)} cells)")
        if png:
            from selenium.webdriver.support.ui import Select
            Select(driver.find_element("id", "sankey-year")).select_by_value(str(years[-1] if 2027 not in years else 2027))
            screenshot(driver, png)
    finally:
        driver.quit()


def check_summary(out_dir, png):
    html = os.path.join(out_dir, "summary.html")
    driver = browser()
    try:
        load(driver, html)
        names = driver.execute_script("return Array.from(document.querySelectorAll('#scenarios thead th a')).map(function(a){return a.getAttribute('href')})")
        if not names:
            fail(f"{html}: no scenario columns")
        for href in names:
            if not os.path.exists(os.path.join(out_dir, href)):
                fail(f"{html}: link {href} leads nowhere")
        if png:
            screenshot(driver, png)
    finally:
        driver.quit()


def num(cell, where):
    if not isinstance(cell, (int, float)) or isinstance(cell, bool):
        fail(f"{where}: {cell!r} is not stored as a number")
        return float("nan")
    return float(cell)


def check_xlsx(run_dir, pdf_dir):
    import openpyxl
    path = os.path.join(run_dir, "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    sheets = wb.worksheets
    if len(sheets) != 6:
        fail(f"{path}: {len(sheets)} sheets, expected 6 (decisions, targets, capacity, flows, costs, power)")
        return
    decisions, targets, capacity, flows, costs, power = sheets
    for ws in sheets:
        if ws.freeze_panes != "A2":
            fail(f"{path}: sheet {ws.title}: header row not frozen ({ws.freeze_panes})")
        if not ws.column_dimensions["A"].width or ws.column_dimensions["A"].width < 8:
            fail(f"{path}: sheet {ws.title}: no column width")
    # Flows: row by row, cell by cell.
    rows = list(flows.iter_rows(min_row=2, values_only=True))
    csv_rows = read_csv(os.path.join(run_dir, "flows.csv"))
    if len(rows) != len(csv_rows):
        fail(f"{path}: flows sheet has {len(rows)} rows, flows.csv {len(csv_rows)}")
    cols = ["year", "kind", "cluster", "park", "unit", "process", "commodity", None, "origin", "destination", "mode", "tonnes"]
    for i, (row, r) in enumerate(zip(rows, csv_rows)):
        for j, c in enumerate(cols):
            if c is None:
                continue
            where = f"{path}: flows row {i + 2} column {j + 1}"
            if c in ("year", "tonnes"):
                if num(row[j], where) != float(r[c]):
                    fail(f"{where}: {row[j]} ≠ {r[c]}")
            elif (row[j] or "") != r[c]:
                fail(f"{where}: {row[j]!r} ≠ {r[c]!r}")
    # Capacity: unit × year.
    header = [c.value for c in capacity[1]]
    years = sorted({int(r["year"]) for r in read_csv(os.path.join(run_dir, "capacity.csv"))})
    by_unit = {row[0]: row for row in capacity.iter_rows(min_row=2, values_only=True)}
    for r in read_csv(os.path.join(run_dir, "capacity.csv")):
        row = by_unit.get(r["unit"])
        if row is None:
            fail(f"{path}: capacity sheet lacks unit {r['unit']}")
            continue
        j = 6 + years.index(int(r["year"]))
        if str(r["year"]) not in str(header[j]):
            fail(f"{path}: capacity column {j + 1} is {header[j]}, expected {r['year']}")
        if num(row[j], f"{path}: capacity {r['unit']} {r['year']}") != float(r["capacity_t"]):
            fail(f"{path}: capacity {r['unit']} {r['year']}: {row[j]} ≠ {r['capacity_t']}")
    names = {r["id"]: r["name_zh"] for r in read_csv(os.path.join(run_dir, "names.csv")) if r["kind"] == "unit"} if os.path.exists(os.path.join(run_dir, "names.csv")) else {}
    if names and any("\u4e00" <= ch <= "\u9fff" for ch in "".join(names.values())):
        lang_zh = capacity.title == "产能"
        for unit, row in list(by_unit.items())[:20]:
            if lang_zh and unit in names and row[1] != names[unit]:
                fail(f"{path}: capacity name of {unit} is {row[1]!r}, names.csv has {names[unit]!r}")
    # Targets: years as columns, a required and an achieved row per target and scope.
    header = [str(c.value) for c in targets[1]]
    trows = list(targets.iter_rows(min_row=2, values_only=True))
    for r in read_csv(os.path.join(run_dir, "compliance.csv")):
        j = header.index(r["year"])
        match = [row for row in trows if row[0] == r["target"] and row[2] == r["scope"]]
        if len(match) != 2:
            fail(f"{path}: targets sheet has {len(match)} rows for {r['target']} {r['scope']}")
            continue
        for row, col in zip(match, ["required", "achieved"]):
            if num(row[j], f"{path}: target {r['target']} {r['year']}") != float(r[col]):
                fail(f"{path}: target {r['target']} {r['scope']} {r['year']} {col}: {row[j]} ≠ {r[col]}")
    # Costs: category × year, sums of costs.csv.
    header = [str(c.value) for c in costs[1]]
    crows = {row[0]: row for row in costs.iter_rows(min_row=2, values_only=True)}
    for r in read_csv(os.path.join(run_dir, "costs.csv")):
        j = next(i for i, h in enumerate(header) if h.startswith(r["year"]))
        if abs(num(crows[r["category"]][j], f"{path}: cost {r['category']}") - float(r["million_yuan"])) > 1e-9:
            fail(f"{path}: cost {r['category']} {r['year']}: {crows[r['category']][j]} ≠ {r['million_yuan']}")
    # Power: row by row.
    prow = list(power.iter_rows(min_row=2, values_only=True))
    for row, r in zip(prow, read_csv(os.path.join(run_dir, "power.csv"))):
        if (int(num(row[0], "power year")), row[1], row[2]) != (int(r["year"]), r["cluster"], r["source"]) or num(row[4], "power gwh") != float(r["gwh"]) or num(row[6], "co2") != float(r["co2_kt"]):
            fail(f"{path}: power row {row} ≠ {r}")
    # Decisions: the capacity changes.
    drows = [row for row in decisions.iter_rows(min_row=2, values_only=True) if row[2]]
    want = sorted((int(r["year"]), r["unit"], float(r["built_t"]) if float(r["built_t"]) > 0.5 else float(r["retired_t"]))
                  for r in read_csv(os.path.join(run_dir, "capacity.csv")) if float(r["built_t"]) > 0.5 or float(r["retired_t"]) > 0.5)
    got = sorted((int(num(row[0], "decision year")), row[2], num(row[11], "decision tonnes")) for row in drows)
    if got != want:
        fail(f"{path}: decisions sheet differs from capacity.csv's changes ({len(got)} vs {len(want)})")
    if pdf_dir:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            fail("LibreOffice (soffice) is not installed: run scripts/setup.sh")
            return
        os.makedirs(pdf_dir, exist_ok=True)
        profile = tempfile.mkdtemp(prefix="lo-profile-")
        res = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", pdf_dir, path],
                             capture_output=True, text=True, timeout=300)
        pdf = os.path.join(pdf_dir, "plan.pdf")
        if res.returncode != 0 or not os.path.exists(pdf) or os.path.getsize(pdf) < 10_000:
            fail(f"{path}: LibreOffice could not convert it to PDF: {res.stdout} {res.stderr}")
        shutil.rmtree(profile, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir", nargs="?")
    ap.add_argument("--base", action="store_true", help="the report was written with --base (expects the changes section)")
    ap.add_argument("--summary", help="check OUT/summary.html of a batch instead")
    ap.add_argument("--screenshot")
    ap.add_argument("--pdf-dir")
    a = ap.parse_args()
    if a.summary:
        check_summary(a.summary, a.screenshot)
    else:
        check_report(a.run_dir, a.base, a.screenshot)
        check_xlsx(a.run_dir, a.pdf_dir)
    if problems:
        print(f"check-report: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems[:60]:
            print("  " + p, file=sys.stderr)
        sys.exit(1)
    print(f"check-report: {a.summary or a.run_dir}: ok")


if __name__ == "__main__":
    main()
