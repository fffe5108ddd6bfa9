#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the Swift suites, then the report's browser and spreadsheet checks
# and the what-if explorer's API, kill and browser checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
bash scripts/check-reports.sh
bash scripts/check-server.sh
