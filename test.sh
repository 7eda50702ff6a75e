#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test. The data sets must be at ../shared/datasets
# or at $WORKBENCH_DATA.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
# xunit runs test classes in parallel and each training uses every core: with libgomp's default spinning, OpenMP
# workers of one test burn the cores the other needs (a 2-thread training beside other jobs trained ~18x slower here than with 1 thread).
# Passive waiting makes oversubscription cost only its share.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
dotnet test Workbench.sln -c Release --no-build --nologo "$@"
