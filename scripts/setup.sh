#!/usr/bin/env bash
# Installs what AlChain needs on a fresh Debian/Ubuntu machine: GLPK's C library and glpsol (reference solver
# for tests and benchmarks); for the report's checks, Chromium and its driver, CJK fonts and LibreOffice Calc
# (apt), Selenium and openpyxl (pip); and a Python virtual environment in .venv/ with highspy (HiGHS, the second
# solver that reads AlChain's MPS files back in the tests). Swift itself must already be on PATH. Quiet, and a
# no-op when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."
HIGHSPY_VERSION=1.16.0
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! python3 -c "import selenium, openpyxl" >/dev/null 2>&1; then
    echo "setup: installing selenium openpyxl (pip)" >&2
    python3 -m pip install -q selenium openpyxl 2>/dev/null || python3 -m pip install -q --break-system-packages selenium openpyxl
fi
if ! .venv/bin/python -c 'import highspy' >/dev/null 2>&1; then
    echo "setup: installing highspy $HIGHSPY_VERSION into .venv/" >&2
    python3 -m venv .venv
    .venv/bin/pip install -q "highspy==$HIGHSPY_VERSION"
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
