#!/usr/bin/env bash
# Validation sweep of nucleus-centred crops (results/recipe.md, "Nucleus-centred crops"): the quick poster profile's
# round 0 (cnn4, batch 32, SGD lr 0.02 cosine, quarter turns + flips, 20 epochs with a 320-step floor, scratch, 2%
# labelled) trained once per argument "split:crop:size:seed" (crop 0 = whole frame), scored on 1,000 unlabelled images
# of the training side (`train --validation 1000`). Never looks at the test side. One tidy line per run on stdout:
#   split crop size seed validation_acc fit_seconds total_seconds wall_seconds
# Usage: bench/crop-sweep.sh paper:0:32:0 paper:120:32:0 ...   (WORKBENCH="dotnet path/workbench.dll", extra options in TRAIN_ARGS)
set -euo pipefail
cd "$(dirname "$0")/.."
workbench=${WORKBENCH:-./workbench}
for run in "$@"; do
  IFS=: read -r split crop size seed <<<"$run"
  start=$(date +%s.%N)
  line=$($workbench train --dataset bccd --split "$split" --labelled-fraction 0.02 --seed "$seed" --threads 1 --validation 1000 \
           --arch cnn4 --size "$size" --crop "$crop" --batch-size 32 --epochs 20 --min-steps 320 --lr 0.02 --schedule Cosine \
           --augment HorizontalFlip,VerticalFlip,Rotate90 ${TRAIN_ARGS:-} 2>&1 | tr -d '\n' | sed 's/\x1b\[[0-9;]*m//g')
  wall=$(python3 -c "import time; print(f'{time.time() - $start:.0f}')")
  acc=$(grep -oP 'validation \(\d+ unlabelled training images\) accuracy \K[0-9.]+' <<<"$line") \
    || { echo "$run failed: ${line: -400}" >&2; exit 1; }
  fit=$(grep -oP 'trained in \K[0-9.]+(?=s, )' <<<"$line")
  total=$(grep -oP '\K[0-9]+(?=s in all on [0-9]+ thread)' <<<"$line")
  echo "$split $crop $size $seed $acc $fit $total $wall"
done
