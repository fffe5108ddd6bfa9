#!/usr/bin/env bash
# Runs an AlChain batch on Kubernetes: the shared volume, the Indexed Job, and, once it has finished (complete or
# failed: a shard exiting 1 has still written its results), the merge Job; then prints the merge's output.
# Assumes the data is already on the volume under data/ (see README.md). Not run in CI (no cluster there);
# scripts/check-deploy.sh checks these manifests.
#
# usage: deploy/kubernetes/run.sh [-n NAMESPACE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ns=()
[ "${1:-}" = "-n" ] && ns=(-n "$2")
k() { kubectl ${ns[@]+"${ns[@]}"} "$@"; }
k apply -f "$here/volume.yaml"
k delete job alchain-batch alchain-merge --ignore-not-found
k apply -f "$here/batch-job.yaml"
# Wait for either terminal condition of the batch Job.
until [ -n "$(k get job alchain-batch -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -Ewo 'Complete|Failed')" ]; do
    sleep 10
done
k get job alchain-batch -o jsonpath='{.status.conditions[?(@.status=="True")].type}{"  failed indexes: "}{.status.failedIndexes}{"\n"}'
k apply -f "$here/merge-job.yaml"
until [ -n "$(k get job alchain-merge -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -Ewo 'Complete|Failed')" ]; do
    sleep 5
done
k logs job/alchain-merge
