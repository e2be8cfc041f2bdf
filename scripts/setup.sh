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
"$here/scripts/install_packages.sh" "${packages[@]}"

cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
