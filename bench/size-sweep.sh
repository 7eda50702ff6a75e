#!/usr/bin/env bash
# Validation sweep of the image size for a protocol's round 0 (results/recipe.md): the quick recipe (cnn4, batch 32,
# SGD lr 0.02 cosine, quarter turns + flips, 20 epochs with a 320-step floor and MAX_STEPS ceiling, 1 thread) trained once
# per argument "size:seed", scored on 1,000 unlabelled images of the training side (`train --validation 1000`); never
# looks at the test side. Each run's whole output (with its per-class report) goes to LOGS/<size>-<seed>.log, and one
# tidy line per run to stdout:  size seed validation_acc macro_f1 fit_seconds total_seconds
# Usage: DATASET=pbc-fine SPLIT=per-class-50 FRACTION=0.0168 MAX_STEPS=400 LOGS=dir bench/size-sweep.sh 32:0 48:0 ...
#        (WORKBENCH="dotnet path/workbench.dll", extra train options in TRAIN_ARGS)
set -euo pipefail
cd "$(dirname "$0")/.."
workbench=${WORKBENCH:-./workbench}
logs=${LOGS:-size-sweep-logs}
mkdir -p "$logs"
for run in "$@"; do
  IFS=: read -r size seed <<<"$run"
  log="$logs/$size-$seed.log"
  $workbench train --dataset "${DATASET:-pbc-fine}" --split "${SPLIT:-per-class-50}" --labelled-fraction "${FRACTION:-0.0168}" \
    --seed "$seed" --threads 1 --validation 1000 --arch cnn4 --size "$size" --batch-size 32 --epochs 20 --min-steps 320 \
    ${MAX_STEPS:+--max-steps "$MAX_STEPS"} --lr 0.02 --schedule Cosine --augment HorizontalFlip,VerticalFlip,Rotate90 \
    ${TRAIN_ARGS:-} >"$log" 2>&1 || { echo "$run failed: $(tail -c 400 "$log")" >&2; exit 1; }
  line=$(tr -d '\n' <"$log" | sed 's/\x1b\[[0-9;]*m//g')
  acc=$(grep -oP 'validation \(\d+ unlabelled training images\) accuracy \K[0-9.]+' <<<"$line")
  f1=$(grep -oP 'macro-F1 \K[0-9.]+' <<<"$line" | tail -1)
  fit=$(grep -oP 'trained in \K[0-9.]+(?=s, )' <<<"$line")
  total=$(grep -oP '\K[0-9]+(?=s in all on [0-9]+ thread)' <<<"$line")
  echo "$size $seed $acc $f1 $fit $total"
done
