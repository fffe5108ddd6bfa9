#!/usr/bin/env bash
# Checks deploy/: the Kubernetes manifests against the Kubernetes API's own OpenAPI schemas (kubernetes-validate,
# from PyPI, into a virtualenv under .build/; --strict rejects unknown fields) for the oldest version they need
# (1.29: per-index retries and FailIndex on by default) and the newest, and the exit-code policy of both the
# Kubernetes Jobs and the Slurm array script against AlChain's exit codes (Sources/alchain/ExitStatus.swift):
# every documented non-zero code is final (never retried), a signal is retried, an eviction is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/deploy-check-venv
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
    command -v python3 >/dev/null || { echo "check-deploy: python3 is missing" >&2; exit 1; }
    python3 -m venv "$venv" 2>/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
    "$venv/bin/pip" install -q kubernetes-validate==1.37.0 pyyaml==6.0.3
fi
for version in 1.29.0 1.37.0; do
    "$venv/bin/kubernetes-validate" --strict --quiet -k "$version" deploy/kubernetes/*.yaml
    echo "check-deploy: deploy/kubernetes/*.yaml valid against the Kubernetes $version schemas (strict)"
done
"$venv/bin/python" scripts/check_deploy_policy.py
