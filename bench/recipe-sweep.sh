#!/usr/bin/env bash
# Validation sweep for the quick recipe (results/recipe.md): trains one recipe on BCCD's 2%
# labelled images for each seed and prints validation accuracy on 1,000 unlabelled images of
# the training half, mean +- sample std over seeds, then the last epoch's training accuracy and
# the seconds per training. Never looks at the test half.
# Usage: bench/recipe-sweep.sh "<label>" [train options...]   (SEEDS="0 1 2", DATASET=bccd, SPLIT=paper, FRACTION=0.02)
set -euo pipefail
cd "$(dirname "$0")/.."
label=$1; shift
accs=(); secs=(); fits=()
for seed in ${SEEDS:-0 1 2}; do
  line=$(./workbench train --dataset "${DATASET:-bccd}" --split "${SPLIT:-paper}" --labelled-fraction ${FRACTION:-0.02} --seed "$seed" \
           --threads 1 --validation 1000 "$@" 2>&1 | tr -d '\n' | sed 's/\x1b\[[0-9;]*m//g')
  acc=$(grep -oP 'validation \(\d+ unlabelled training images\) accuracy \K[0-9.]+' <<<"$line") \
    || { echo "$label seed $seed failed: ${line: -400}" >&2; exit 1; }
  echo "$label seed $seed: $acc" >&2
  accs+=("$acc"); secs+=("$(grep -oP '\K[0-9]+(?=s in all on [0-9]+ thread)' <<<"$line")")
  fits+=("$(grep -oP 'train acc \K[0-9]+' <<<"$line")")
done
python3 - "$label" "${SPLIT:-paper}" "${accs[*]}" "${secs[*]}" "${fits[*]}" <<'PY'
import statistics as st, sys
label, split = sys.argv[1], sys.argv[2]
accs, secs, fits = ([float(a) for a in arg.split()] for arg in sys.argv[3:6])
sd = st.stdev(accs) if len(accs) > 1 else 0.0
print(f"| {label} | {split} | {len(accs)} | {st.mean(accs):.1f} ± {sd:.1f} | {' / '.join(f'{a:.1f}' for a in accs)} | {st.mean(fits):.0f} | {st.mean(secs):.0f} |", flush=True)
PY
