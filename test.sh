#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test. The data sets must be at ../shared/datasets
# or at $WORKBENCH_DATA.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
dotnet test Workbench.sln -c Release --no-build --nologo "$@"
