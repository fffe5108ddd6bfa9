#!/usr/bin/env bash
# Sets up a fresh machine, builds AlChain in release mode and solves the default Guizhou plan into out/guizhou.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product alchain
.build/release/alchain solve --out out/guizhou "$@"
