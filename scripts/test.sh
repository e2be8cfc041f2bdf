#!/usr/bin/env bash
# Second README command: install what is needed, build, and run the whole test suite through CTest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
cd "$here/build"
exec ctest --output-on-failure -j "$(nproc)" "$@"
