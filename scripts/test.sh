#!/usr/bin/env bash
# Second README command: install what is needed, build, and run the whole test suite, in three stages:
#   1. the Release build (g++) and its suite through CTest;
#   2. the same suite built with clang under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer
#      (scripts/sanitize.sh, in build-sanitize/);
#   3. libFuzzer on the scenario parser and the engine, then on the trace readers, for a bounded time shared by both
#      (scripts/fuzz.sh; IRPSIM_FUZZ_SECONDS, default 60).
# Any failure stops it with a non-zero status. IRPSIM_QUICK=1 runs stage 1 only (for a quick check while editing).
# Arguments go to every ctest call, e.g. scripts/test.sh -R engine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stage() { echo "== test.sh: $* ($(date +%T))" >&2; }

stage "1/3 Release build and suite"
"$here/scripts/setup.sh" "$here/build"
(cd "$here/build" && ctest --output-on-failure -j "$(nproc)" "$@")
# A test that cannot run on this machine says why (exit 77: CTest lists it as skipped without its output).
grep -h '^SKIPPED:' "$here/build/Testing/Temporary/LastTest.log" >&2 || true
if [ "${IRPSIM_QUICK:-0}" = 1 ]; then
  stage "IRPSIM_QUICK=1: sanitizers and fuzzing skipped"
  exit 0
fi

stage "2/3 sanitizer build and suite"
"$here/scripts/sanitize.sh" "$@"

stage "3/3 fuzzing"
"$here/scripts/fuzz.sh" "${IRPSIM_FUZZ_SECONDS:-60}"
stage "all passed"
