#!/usr/bin/env bash
# Installs irpsim's build and test dependencies from Debian's packages, then configures and builds.
# Idempotent: when everything is installed already it only (re)builds, which takes seconds.
# Usage: scripts/setup.sh [BUILD_DIR]    (default: build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$here/build}"

# libjs-chart.js: Chart.js, embedded into irpsim at build time for report.html; chromium: the report's browser test.
packages=(g++ cmake make pkg-config libsimgrid-dev nlohmann-json3-dev libcli11-dev catch2 python3 python3-jsonschema
          libjs-chart.js chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
