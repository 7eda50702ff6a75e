#!/usr/bin/env bash
# FixMatch validation probe (results/recipe.md, "FixMatch"): the quick poster round 0, scored on 1,000 unlabelled
# training-side images; CROP (default 120) and EXTRA (e.g. "--init pretrained") from the environment.
# Usage: probe.sh "split seed extra args" ...
W=${WORKBENCH:-./workbench}
cd "$(dirname "$0")/.."
for spec in "$@"; do
  read -r split seed args <<<"$spec"
  start=$(date +%s)
  out=$($W train --dataset bccd --split $split --labelled-fraction 0.02 --seed $seed --threads 1 --validation 1000 --arch cnn4 --size 32 --crop ${CROP:-120} --batch-size 32 --epochs 20 --lr 0.02 --schedule Cosine --augment HorizontalFlip,VerticalFlip,Rotate90 --precision auto ${EXTRA:-} $args 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | tr '\r' '\n' | grep -E "^validation|fixmatch, last" | tr '\n' ' ')
  acc=$(grep -oP 'accuracy \K[0-9.]+(?= %)' <<<"$out" | head -1)
  mask=$(grep -oP 'mask rate \K[0-9.]+' <<<"$out"); prec=$(grep -oP 'precision \K[0-9.]+' <<<"$out"); fit=$(grep -oP 'trained in \K[0-9.]+' <<<"$out")
  echo "$split $seed [$args] acc $acc mask $mask prec $prec fit ${fit}s wall $(( $(date +%s) - start ))s"
done
