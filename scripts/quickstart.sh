#!/usr/bin/env bash
# First README command: install what is needed, build, and run the shipped quickstart scenario.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
cd "$here"
exec ./build/irpsim run scenarios/quickstart.json "$@"
