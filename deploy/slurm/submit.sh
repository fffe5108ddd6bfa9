#!/usr/bin/env bash
# Submits an AlChain batch as a Slurm job array of N shards and the merge that runs after it.
#
# usage: deploy/slurm/submit.sh SCENARIOS RESULTS N [--cap C] [--cpus K] [--mem M] [--time T] [-- extra sbatch flags]
#   SCENARIOS  folder of scenario *.toml files (on a file system every node sees)
#   RESULTS    shared results folder: shard-I-of-N/ per task, merged/ at the end, logs/
#   N          number of shards (array tasks 0..N-1)
#   --cap C    at most C tasks at once (default 8: `--array=0-(N-1)%C`)
#   --cpus K, --mem M, --time T   override the array script's #SBATCH requests
# ALCHAIN (binary) and ALCHAIN_FLAGS (extra batch flags) are passed through. Prints "ARRAY_ID MERGE_ID".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 3 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }
scenarios="$(realpath "$1")" results="$(realpath -m "$2")" shards="$3"; shift 3
cap=8 extra=() overrides=()
while [ $# -gt 0 ]; do
    case "$1" in
        --cap) cap="$2"; shift 2 ;;
        --cpus) overrides+=(--cpus-per-task="$2"); shift 2 ;;
        --mem) overrides+=(--mem="$2"); shift 2 ;;
        --time) overrides+=(--time="$2"); shift 2 ;;
        --) shift; extra=("$@"); break ;;
        *) echo "submit.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: N must be a positive whole number, got $shards" >&2; exit 64; }
mkdir -p "$results/logs"
export SCENARIOS="$scenarios" RESULTS="$results" SHARDS="$shards"
array=$(sbatch --parsable --array="0-$((shards - 1))%$cap" --output="$results/logs/batch-%A_%a.out" \
    ${overrides[@]+"${overrides[@]}"} ${extra[@]+"${extra[@]}"} "$here/alchain-array.sbatch")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency="afterany:$array" --kill-on-invalid-dep=yes --output="$results/logs/merge-%j.out" \
    ${extra[@]+"${extra[@]}"} "$here/alchain-merge.sbatch")
merge="${merge%%;*}"
echo "$array $merge"
