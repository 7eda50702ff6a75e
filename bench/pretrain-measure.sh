#!/usr/bin/env bash
# Baseline (124 labels, quick recipe of results/recipe.md) from scratch vs from SimCLR pretraining of N epochs.
# Usage: bench/pretrain-measure.sh "3 10" [seed] [split]   (logs to stdout; each step prints its wall time)
set -uo pipefail
cd "$(dirname "$0")/.."
EPOCHS_LIST=${1:-"3 10"}; SEED=${2:-0}; SPLIT=${3:-paper}
RECIPE=(--dataset bccd --split "$SPLIT" --seed "$SEED" --arch cnn4 --size 32 --batch-size 32 --epochs 80 --lr 0.02
  --schedule Cosine --augment HorizontalFlip,VerticalFlip,Rotate90 --threads 1)
step() { local t0=$SECONDS; echo "== $(date -u +%H:%M:%S) $*"; nice -n 10 "$@" 2>&1 | grep -vE '^\S*\[38;5;12m|^\s*$'; echo "== took $((SECONDS - t0)) s"; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
step ./workbench train "${RECIPE[@]}"
for n in $EPOCHS_LIST; do
  step ./workbench pretrain --dataset bccd --split "$SPLIT" --seed "$SEED" --arch cnn4 --size 32 --epochs "$n" --threads 1
  step ./workbench train "${RECIPE[@]}" --init pretrained --pretrain-epochs "$n"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
