#!/usr/bin/env bash
# End-to-end check of `alchain serve` (run by scripts/test.sh): the JSON API against `alchain solve --set`, its
# refusals, 20 concurrent clients, a SIGKILL mid-solve and a restart, then the page in headless Chromium
# (scripts/check-server.py). Servers bind 127.0.0.1 only. Screenshots go to DIR/screenshots (default out/server-check).
# usage: scripts/check-server.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/server-check}"
alchain="${ALCHAIN:-.build/debug/alchain}"
[ -x "$alchain" ] || swift build --product alchain >&2
rm -rf "$out"
mkdir -p "$out/screenshots"
python3 scripts/check-server.py api kill cancel browser --alchain "$alchain" --screenshots "$out/screenshots"
