#!/usr/bin/env bash
# The whole test suite again, built with clang under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer; any report fails its test. Builds in build-sanitize/ (shared with scripts/fuzz.sh, which
# adds the libFuzzer target to the same build). Extra arguments go to ctest, e.g. scripts/sanitize.sh -R engine. A few
# long tests that add nothing under the sanitizers are left out (below).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build-sanitize}"

# The packages of scripts/setup.sh plus clang and its sanitizer and libFuzzer runtimes.
packages=(clang libclang-rt-14-dev cmake make pkg-config libsimgrid-dev nlohmann-json3-dev libcli11-dev catch2 python3
          python3-jsonschema libjs-chart.js chromium)
"$here/scripts/install_packages.sh" "${packages[@]}"

# -O1: the sanitizers' usual level (fast enough to run, quick to build); the same settings as scripts/fuzz.sh.
cmake -S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
      -DIRPSIM_SANITIZERS=address,undefined -DIRPSIM_FUZZ=ON >&2
cmake --build "$build_dir" -j "$(nproc)" >&2

# Every report is fatal and names its source line; irpsim's own exit codes stay distinct from the sanitizers' (a
# sanitizer report exits 86 or aborts).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cd "$build_dir"
# Left to the Release suite (scripts/test.sh's first stage), to keep CI short: the closed-form queueing tests (long
# simulations of the code the other engine tests run here too), the terminal progress line, the three runs of
# quickstart that check determinism, and the headless-browser tests of the HTML pages.
release_only='^(test_engine:(M/M/1 |M/M/4 |M/D/1 |a closed loop obeys)|cli: (progress|determinism|report_browser|compare_browser)$)'
exec ctest --output-on-failure -j "$(nproc)" -E "$release_only" "$@"
