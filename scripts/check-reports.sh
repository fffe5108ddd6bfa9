#!/usr/bin/env bash
# End-to-end check of the decision report in a real browser and spreadsheet readers (run by scripts/test.sh):
# solves the default plan and a scenario with --report, writes the scenario's report against the base, runs a
# small batch with --report, then checks each report.html in headless Chromium and each plan.xlsx with openpyxl
# and LibreOffice (scripts/check-report.py). Screenshots and the PDF go to DIR (default out/report-check).
# usage: scripts/check-reports.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/report-check}"
alchain="${ALCHAIN:-.build/debug/alchain}"
[ -x "$alchain" ] || swift build --product alchain >&2
rm -rf "$out"
mkdir -p "$out/screenshots" "$out/scenarios"
"$alchain" solve --out "$out/base" --report >"$out/solve-base.txt"
"$alchain" solve recycled-25 --out "$out/recycled-25" >"$out/solve-recycled-25.txt"
"$alchain" report "$out/recycled-25" --base "$out/base" >/dev/null
"$alchain" report "$out/base" --lang en >/dev/null && cp "$out/base/report.html" "$out/base-en.html"
"$alchain" report "$out/base" >/dev/null
cp Inputs/scenarios/no-index-purchase.toml Inputs/scenarios/clean-power-40.toml "$out/scenarios/"
"$alchain" batch "$out/scenarios" --out "$out/batch" --report --jobs 2 >/dev/null
python3 scripts/check-report.py "$out/base" --screenshot "$out/screenshots/report-default.png" --pdf-dir "$out/pdf"
python3 scripts/check-report.py "$out/recycled-25" --base --screenshot "$out/screenshots/report-recycled-25-vs-base.png"
python3 scripts/check-report.py "$out/batch/no-index-purchase" --base
python3 scripts/check-report.py --summary "$out/batch" --screenshot "$out/screenshots/batch-summary.png"
echo "check-reports: every report checked; screenshots in $out/screenshots, PDF in $out/pdf"
