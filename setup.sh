#!/usr/bin/env bash
# Installs what is missing (Debian packages, when run as root), builds the native engine and
# the .NET solution. Used by run.sh and test.sh; safe to run again (it only redoes what changed).
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake g++ make libtorch-dev libgloo-dev libturbojpeg0-dev libpng-dev libtiff-dev python3-torch python3-torchvision python3-nbformat
  # DejaVu Sans, the font the charts are measured and drawn with (Display/ScottPlotSvg loads it from its file).
  fonts-dejavu-core
  # Browser tests (labelling page, notebooks in Jupyter) and the kernel tests: a real Jupyter client, nbconvert --execute.
  python3-jupyter-client python3-nbclient jupyter-nbconvert jupyter-notebook chromium)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "       run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
# The browser test drives Debian's chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# A CUDA build: CMAKE_PREFIX_PATH=/path/to/libtorch ./setup.sh (see environment.md).
cmake -S src/Workbench.Native -B src/Workbench.Native/build -DCMAKE_BUILD_TYPE=Release \
  ${CMAKE_PREFIX_PATH:+-DCMAKE_PREFIX_PATH="$CMAKE_PREFIX_PATH"} >/dev/null
cmake --build src/Workbench.Native/build -j "$(nproc)" >/dev/null
dotnet build Workbench.sln -c Release --nologo -v quiet -clp:ErrorsOnly
echo "setup: built native engine and .NET solution (Release)"
