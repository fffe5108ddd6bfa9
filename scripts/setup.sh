#!/usr/bin/env bash
# Installs what AlChain needs on a fresh Debian/Ubuntu machine: GLPK's C library and glpsol (reference solver
# for tests and benchmarks), and a Python virtual environment in .venv/ with highspy (HiGHS, the second solver
# that reads AlChain's MPS files back in the tests). Swift itself must already be on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
HIGHSPY_VERSION=1.16.0
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! .venv/bin/python -c 'import highspy' >/dev/null 2>&1; then
    echo "setup: installing highspy $HIGHSPY_VERSION into .venv/" >&2
    python3 -m venv .venv
    .venv/bin/pip install -q "highspy==$HIGHSPY_VERSION"
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
