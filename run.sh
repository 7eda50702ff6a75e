#!/usr/bin/env bash
# Sets up (see setup.sh) and runs the main job: a short real training run on BCCD that prints
# test accuracy. Extra arguments go to `workbench train` (e.g. --epochs 10 --size 32).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
# The quick poster recipe (results/recipe.md): cnn4, 32 px, batch 32, lr 0.02 cosine, the 8 symmetries of the square,
# 20 epochs with a 320-step floor (124 images: 80 epochs).
./workbench train --dataset bccd --split paper --arch cnn4 --size 32 --labelled-fraction 0.02 --batch-size 32 --lr 0.02 \
  --schedule Cosine --augment Rotate90,HorizontalFlip,VerticalFlip --epochs 20 --min-steps 320 "$@"
