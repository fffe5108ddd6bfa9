#!/usr/bin/env bash
# The peer benchmark: alchain-bench's synthetic supply-chain LP built in AlChain, PuLP, Pyomo, linopy and GNU
# MathProg, timed in one run with the tools alternating (see scripts/peers/bench_peers.py and docs/PERFORMANCE.md).
# Installs the Python tools from PyPI into .venv/ (pinned versions) and glpsol from Debian (scripts/setup.sh).
#   bash scripts/bench-peers.sh [--sizes 250000,1000000,4000000] [--runs 3] [--tools alchain,pulp,pyomo,linopy,mathprog]
# The Markdown report goes to standard output and out/bench-peers.md, progress to standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/pip install -q "pulp==3.3.2" "pyomo==6.10.1" "linopy==0.10.1"
swift build -c release --product alchain-bench >&2
mkdir -p out
.venv/bin/python scripts/peers/bench_peers.py --alchain-bench .build/release/alchain-bench "$@" | tee out/bench-peers.md
