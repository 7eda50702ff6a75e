#!/usr/bin/env bash
# Sets up (see setup.sh) and runs the main job: a short real training run on BCCD that prints
# test accuracy. Extra arguments go to `workbench train` (e.g. --epochs 10 --size 32).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
./workbench train --dataset bccd --split paper --arch smallcnn --size 48 --labelled-fraction 0.02 --epochs 40 "$@"
