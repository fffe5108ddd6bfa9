#!/usr/bin/env bash
# Sharding benchmark: N seeded what-if variants (scripts/gen-batch-variants.py) solved on this machine by one
# `alchain batch --jobs J` against S shards (`alchain batch --shard i/S`, all S processes started at once, each
# with --jobs max(1, J/S)) followed by `alchain merge`, for each S given, alternating the order of the runs over
# R repetitions, with the release build. Reports medians of wall time and throughput (merge included), the ratio
# against the single batch of the same repetition, the merge's own time and peak memory, each shard's peak RSS,
# whether every merged folder is byte-identical to the single batch (manifests aside), and a projection for
# 10,000 draws on a cluster from the measured per-scenario time and peak memory.
#
# usage: scripts/bench-shard.sh [-n N] [-j J] [--shards "2 4"] [--reps R] [--seed S] [--out DIR] [-- solver flags]
# The Markdown report goes to standard output and DIR/report.md (default DIR: out/bench-shard); progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

count=100 jobs=2 shard_counts="2 4" reps=3 seed=20250101 out=out/bench-shard
command_line="$*"
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        -n|--count) count="$2"; shift 2 ;;
        -j|--jobs) jobs="$2"; shift 2 ;;
        --shards) shard_counts="$2"; shift 2 ;;
        --reps) reps="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-shard: unknown argument $1 (see --help)" >&2; exit 64 ;;
    esac
done

bash scripts/setup.sh
[ -x /usr/bin/time ] || { echo "bench-shard: installing GNU time (peak memory of the merge)" >&2; apt-get install -y -qq time >/dev/null; }
swift build -c release --product alchain >&2
alchain="$PWD/.build/release/alchain"
rm -rf "$out"
mkdir -p "$out/runs"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
variants="$out/variants"
python3 scripts/gen-batch-variants.py "$variants" --count "$count" --seed "$seed"
now() { date +%s.%N; }
configs=(single)
for s in $shard_counts; do configs+=("shards-$s"); done
: >"$out/runs.tsv"

for rep in $(seq "$reps"); do
    order=("${configs[@]}")
    # Alternate: odd repetitions in the given order, even ones reversed.
    if [ $((rep % 2)) -eq 0 ]; then
        order=(); for ((k = ${#configs[@]} - 1; k >= 0; k--)); do order+=("${configs[$k]}"); done
    fi
    for config in "${order[@]}"; do
        dir="$out/runs/$config-$rep"
        echo "bench-shard: repetition $rep, $config" >&2
        if [ "$config" = single ]; then
            start=$(now)
            "$alchain" batch "$variants" --out "$dir" --jobs "$jobs" --junit "$dir/junit.xml" ${extra[@]+"${extra[@]}"} >"$dir.log" 2>&1 || true
            wall=$(echo "$(now) - $start" | bc); merge=0; merge_kb=0
        else
            s=${config#shards-}; per=$(( jobs / s > 0 ? jobs / s : 1 ))
            start=$(now)
            pids=()
            for i in $(seq "$s"); do
                "$alchain" batch "$variants" --out "$dir" --shard "$i/$s" --jobs "$per" --junit junit.xml ${extra[@]+"${extra[@]}"} >"$dir-$i.log" 2>&1 &
                pids+=($!)
            done
            for p in "${pids[@]}"; do wait "$p" || true; done
            mid=$(now)
            /usr/bin/time -f '%M' -o "$dir-merge.rss" "$alchain" merge "$dir"/shard-*-of-"$s" --out "$dir/merged" >"$dir-merge.log" 2>&1 || true
            end=$(now)
            wall=$(echo "$end - $start" | bc); merge=$(echo "$end - $mid" | bc); merge_kb=$(tail -1 "$dir-merge.rss")
        fi
        printf '%s\t%s\t%s\t%s\t%s\n' "$config" "$rep" "$wall" "$merge" "$merge_kb" >>"$out/runs.tsv"
    done
done
# Byte-identity of every merged folder with the single batch of the same repetition.
: >"$out/identical.tsv"
for rep in $(seq "$reps"); do
    for s in $shard_counts; do
        if diff -rq -x manifest.json -x batch-manifest.json "$out/runs/single-$rep" "$out/runs/shards-$s-$rep/merged" >/dev/null; then r=yes; else r=no; fi
        printf 'shards-%s\t%s\t%s\n' "$s" "$rep" "$r" >>"$out/identical.tsv"
    done
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB RAM; load average (1/5/15 min) $load_before before, $load_after after"
python3 - "$out" "$count" "$jobs" "$machine" "$command_line" <<'PY' | tee "$out/report.md"
import csv, glob, json, math, os, statistics, sys
out, n, jobs, machine, args = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
runs = {}
for config, rep, wall, merge, merge_kb in csv.reader(open(os.path.join(out, "runs.tsv")), delimiter="\t"):
    runs.setdefault(config, []).append((int(rep), float(wall), float(merge), int(merge_kb or 0)))
identical = {}
for config, rep, same in csv.reader(open(os.path.join(out, "identical.tsv")), delimiter="\t"):
    identical.setdefault(config, []).append(same == "yes")
med = statistics.median
single = {rep: wall for rep, wall, _, _ in runs["single"]}

def manifests(pattern):
    return [json.load(open(p)) for p in glob.glob(os.path.join(out, "runs", pattern, "batch-manifest.json"))]

solve = [json.load(open(p))["solveSeconds"] for p in glob.glob(os.path.join(out, "runs", "single-1", "*", "manifest.json"))]
single_peak = max(m["peakRSSKiB"] for m in manifests("single-*")) / 1024
print(f"### Sharding: {n} what-if variants, one machine\n")
print(f"- machine: {machine}; release build")
print(f"- command: `{' '.join(['bash scripts/bench-shard.sh'] + ([args] if args else []))}`; {len(single)} repetitions, order alternated")
print()
print("| run | wall s (median) | scenarios/s | vs one batch (same repetition, median) | merge s | peak RSS per process | merged = one batch |")
print("|---|---:|---:|---:|---:|---:|---|")
w = med(single.values())
print(f"| one `alchain batch --jobs {jobs}` | {w:.1f} | {n / w:.2f} | 1.00 | – | {single_peak:.0f} MB | – |")
per_shard_peak = {}
merge_stats = {}
for config in sorted((c for c in runs if c != "single"), key=lambda c: int(c.split("-")[1])):
    s = int(config.split("-")[1])
    walls = [wall for _, wall, _, _ in runs[config]]
    ratios = [single[rep] / wall for rep, wall, _, _ in runs[config]]
    merges = [m for _, _, m, _ in runs[config]]
    peaks = [m["peakRSSKiB"] / 1024 for m in manifests(f"{config}-*/shard-*")]
    per_shard_peak[s] = max(peaks)
    merge_stats[s] = (med(merges), max(kb for *_, kb in runs[config]) / 1024)
    same = identical.get(config, [])
    print(f"| {s} shards at once (`--jobs {max(1, jobs // s)}` each) + merge | {med(walls):.1f} | {n / med(walls):.2f} | {med(ratios):.2f}× | "
          f"{med(merges):.2f} | {max(peaks):.0f} MB per shard, merge {merge_stats[s][1]:.0f} MB | {sum(same)}/{len(same)} identical |")

core_s = w * jobs / n
print(f"\nPer scenario: {statistics.mean(solve):.3f} s solve in the process (mean of the manifests' build + branch-and-cut + duals, "
      f"{jobs} at once), {core_s:.3f} core-seconds of a batch's wall time (wall × {jobs} / {n}).")
merge_per = med([m / n for s_, (m, _) in merge_stats.items()])
peak = max([single_peak] + list(per_shard_peak.values()))

print("\n### Projection: 10,000 draws on a cluster\n")
print(f"From this run: {core_s:.3f} core-s per scenario, a task's peak RSS {peak:.0f} MB, the merge {merge_per * 1000:.1f} ms per "
      f"scenario (it copies each scenario's folder). Tasks of 2 cores (`--cpus-per-task=2`, `--jobs 2`), all running at once; "
      f"a task's time limit at twice its expected time (at least 10 min), memory at 256 MB "
      f"({256 / peak:.1f}× the measured peak). Cluster cores are often slower or faster than this machine's: scale the times.\n")
draws = 10_000
print("| tasks (shards) | draws per task | task wall (expected) | `--time` | core-hours | merge | whole run (tasks + merge) |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for tasks in (10, 50, 100, 250, 1000):
    per = math.ceil(draws / tasks)
    task = per * core_s / 2 + 0.1
    limit = max(10, math.ceil(2 * task / 60))
    merge_s = draws * merge_per
    print(f"| {tasks} | {per} | {task / 60:.1f} min | {limit // 60:02d}:{limit % 60:02d}:00 | {draws * core_s / 3600:.1f} | {merge_s:.0f} s | {(task + merge_s) / 60:.1f} min |")
print(f"\nOne machine like this one (2 cores): {draws * core_s / 2 / 3600:.2f} h for 10,000 draws.")
PY
