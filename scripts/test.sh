#!/usr/bin/env bash
# Sets up a fresh machine and runs every test. With no arguments also the deploy/ checks (scripts/check-deploy.sh),
# the real Slurm run (scripts/test-slurm.sh, needs root: about a minute once Slurm is installed, 1-2 min more to
# install it), the reports in a real browser and spreadsheet readers (scripts/check-reports.sh) and the what-if
# explorer's API, kill and browser checks (scripts/check-server.sh).
# Arguments go to `swift test` alone: `scripts/test.sh --filter Shard` runs only the matching tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
# Before `swift test`, so that the test runner's own summary stays the last line of the output.
# The seeded fuzzer (issue 15): a few hundred mutated inputs; no crash, hang, escape or accepted garbage.
python3 scripts/fuzz/fuzz.py --cases 300 --seed "${FUZZ_SEED:-1}"
if [ $# -eq 0 ]; then
    bash scripts/check-deploy.sh   # Kubernetes manifests: schema and exit-code policy (a few seconds)
    bash scripts/test-slurm.sh     # the Slurm array job on a one-node cluster, merged, against one batch
    bash scripts/check-reports.sh  # the reports in headless Chromium, the workbook in openpyxl and LibreOffice
    bash scripts/check-server.sh   # alchain serve: API, kill and browser checks
fi
swift test --skip-build "$@"
