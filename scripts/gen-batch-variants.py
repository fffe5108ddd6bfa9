#!/usr/bin/env python3
"""Writes N what-if variants of the default Guizhou plan as scenario files (docs/SCENARIOS.md), for
scripts/bench-batch.sh.

Each variant draws, with a fixed seed, a handful of overrides within ranges the shipped scenarios show to be
feasible: target levels (recycled share, clean power, processing capacity, the < 400 kA exit year), the price
of capacity indices, a carbon price, the discount rate and a scale on every electricity price. The same seed
and N give the same files.

usage: gen-batch-variants.py OUT_DIR [--count N] [--seed S]
"""
import argparse
import os
import random


def variant(rng: random.Random, i: int) -> str:
    sets = {}
    edits = []
    # Each knob is turned with probability 0.6; at least one always is.
    knobs = [
        ("targets.recycled-share.value", lambda: round(rng.uniform(20, 25), 1)),
        ("targets.clean-power-share.value", lambda: round(rng.uniform(30, 40), 1)),
        ("targets.processing-capacity.value", lambda: rng.randrange(2_000_000, 2_500_001, 10_000)),
        ("targets.cell-exit.from_year", lambda: rng.choice([2026, 2027, 2028])),
        ("settings.replacement.index_price_yuan_per_t", lambda: rng.randrange(6_000, 16_001, 500)),
        ("settings.energy.co2_price_yuan_per_t", lambda: rng.randrange(0, 121, 5)),
        ("settings.discount_rate", lambda: round(rng.uniform(0.03, 0.09), 3)),
        ("power", lambda: round(rng.uniform(0.85, 1.20), 3)),
    ]
    chosen = [k for k in knobs if rng.random() < 0.6] or [rng.choice(knobs)]
    for key, draw in chosen:
        value = draw()
        if key == "power":
            edits.append(value)
        else:
            sets[key] = value
    lines = [f'description = "benchmark variant {i} (generated, seeded)"']
    if sets:
        lines.append("[set]")
        for key, value in sets.items():
            lines.append(f'"{key}" = {value}')
    for factor in edits:
        lines += ["[[edit]]", 'action = "scale"', 'table = "power"', 'rows = ["*"]', 'column = "price_yuan_per_kwh"', f"factor = {factor}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="folder for the scenario files (created; existing variant-*.toml are replaced)")
    parser.add_argument("--count", type=int, default=100, help="number of variants (default 100)")
    parser.add_argument("--seed", type=int, default=20250101, help="random seed (default 20250101)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.startswith("variant-") and name.endswith(".toml"):
            os.remove(os.path.join(args.out, name))
    rng = random.Random(args.seed)
    width = max(4, len(str(args.count)))
    for i in range(1, args.count + 1):
        with open(os.path.join(args.out, f"variant-{i:0{width}d}.toml"), "w", encoding="utf-8") as f:
            f.write(variant(rng, i))


if __name__ == "__main__":
    main()
