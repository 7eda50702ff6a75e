#!/usr/bin/env python3
"""Summarises bench/crop-sweep.sh output (results/recipe.md, "Nucleus-centred crops"): per arm the per-seed validation
accuracy, mean +- sample std (n), seconds per training; then each arm minus the whole frame at 32 px, paired by split and
seed, with a 95% t interval (per split n = seeds; pooled over both splits n = splits x seeds); then each crop minus
crop 120 at 32 px, the same way.
Usage: bench/crop-summary.py sweep.txt [more.txt ...]"""
import statistics as st
import sys
from collections import defaultdict

T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365}
runs = {}
for path in sys.argv[1:]:
    for line in open(path):
        split, crop, size, seed, acc, fit, total, wall = line.split()
        runs[(split, int(crop), int(size), int(seed))] = (float(acc), float(fit))

def arm_name(crop, size):
    return f"whole frame, {size} px" if crop == 0 else f"crop {crop}, {size} px"

def interval(diffs):
    n = len(diffs)
    mean = st.mean(diffs)
    if n < 2:
        return f"{mean:+.1f} (n = 1, no interval)"
    half = T975[n - 1] * st.stdev(diffs) / n ** 0.5
    return f"{mean:+.1f} [{mean - half:+.1f}, {mean + half:+.1f}] (n = {n})"

arms = sorted({(k[1], k[2]) for k in runs}, key=lambda a: (a[1], a[0] != 0, a[0]))
splits = sorted({k[0] for k in runs}, key=lambda s: s != "paper")
print("| arm | split | n | validation acc % | per seed | s / training (fit) |")
print("|---|---|---|---|---|---|")
for crop, size in arms:
    for split in splits:
        seeds = sorted(k[3] for k in runs if k[:3] == (split, crop, size))
        if not seeds:
            continue
        accs = [runs[(split, crop, size, s)][0] for s in seeds]
        fits = [runs[(split, crop, size, s)][1] for s in seeds]
        sd = f" ± {st.stdev(accs):.1f}" if len(accs) > 1 else ""
        print(f"| {arm_name(crop, size)} | {split} | {len(accs)} | {st.mean(accs):.1f}{sd} | "
              f"{' / '.join(f'{a:.1f}' for a in accs)} (seeds {', '.join(map(str, seeds))}) | {' / '.join(f'{f:.0f}' for f in fits)} |")
for reference in [(0, 32), (120, 32)]:
    if reference not in arms:
        continue
    print()
    print(f"| arm − {arm_name(*reference)} (validation points, 95% t interval) | paper | provided | both splits |")
    print("|---|---|---|---|")
    for crop, size in arms:
        if (crop, size) == reference or (crop, size) == (0, 32):
            continue
        cells, pooled = [], []
        for split in splits:
            diffs = [runs[(split, crop, size, s)][0] - runs[(split, *reference, s)][0]
                     for s in sorted(k[3] for k in runs if k[:3] == (split, crop, size)) if (split, *reference, s) in runs]
            pooled += diffs
            cells.append(interval(diffs) if diffs else "")
        print(f"| {arm_name(crop, size)} | {' | '.join(cells)} | {interval(pooled) if pooled else ''} |")
