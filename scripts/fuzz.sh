#!/usr/bin/env bash
# Fuzzes the scenario parser and the engine with libFuzzer for a bounded time (tests/fuzz/README.md).
# Usage: scripts/fuzz.sh [SECONDS]     (default: $IRPSIM_FUZZ_SECONDS, else 60)
#
# Builds tests/fuzz's fuzz_scenario with clang, AddressSanitizer and UndefinedBehaviorSanitizer in build-sanitize/ (the
# build scripts/sanitize.sh uses; BUILD_DIR=... picks another), seeds a fresh corpus from every JSON file of the
# repository's scenarios and tests, the regression inputs and the malformed-scenario cases the tests wrote, runs
# libFuzzer, and prints one line on stdout:
#   fuzz: N executions in S s, corpus C inputs, 0 crashes
# libFuzzer's log goes to stderr (and to BUILD_DIR/fuzz/fuzz.log). Exit status 0 when nothing was found, 1 when
# libFuzzer found a crash, a sanitizer report, a leak, a timeout or an out-of-memory (the input is saved under
# BUILD_DIR/fuzz/artifacts/), 2 for bad usage.
# Extra libFuzzer options: IRPSIM_FUZZ_OPTIONS="-jobs=2 -workers=2" etc. (appended last, so they override).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-${IRPSIM_FUZZ_SECONDS:-60}}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]   (a whole number of seconds >= 1, found \"$seconds\")" >&2
  exit 2
fi
build_dir="${BUILD_DIR:-$here/build-sanitize}"

# The build's packages (as scripts/setup.sh, without the browser) plus clang and its runtime (libFuzzer, sanitizers).
packages=(clang libclang-rt-14-dev cmake make pkg-config libsimgrid-dev nlohmann-json3-dev libcli11-dev catch2 python3
          libjs-chart.js)
"$here/scripts/install_packages.sh" "${packages[@]}"

# Exactly the settings of scripts/sanitize.sh, which shares the build directory.
cmake -S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
      -DIRPSIM_SANITIZERS=address,undefined -DIRPSIM_FUZZ=ON >&2
cmake --build "$build_dir" -j "$(nproc)" --target fuzz_scenario >&2
fuzzer="$build_dir/tests/fuzz/fuzz_scenario"

work="$build_dir/fuzz"
corpus="$work/corpus"
artifacts="$work/artifacts/$(date +%Y%m%d-%H%M%S)"
log="$work/fuzz.log"
rm -rf "$corpus"
mkdir -p "$corpus" "$artifacts"

# Seeds, named by content (duplicates collapse).
seed() {
  local f="$1" sum
  [ -f "$f" ] || return 0
  sum="$(sha1sum < "$f" | cut -c1-40)"
  cp "$f" "$corpus/$sum"
}
while IFS= read -r -d '' f; do seed "$f"; done < <(find "$here/scenarios" "$here/tests" -type f -name '*.json' -print0)
while IFS= read -r -d '' f; do seed "$f"; done < <(find "$here/tests/fuzz/regressions" -type f ! -name '.*' -print0)
for d in "$here/build/malformed-cases" "$here/build-sanitize/malformed-cases" "$build_dir/malformed-cases"; do
  if [ -d "$d" ]; then
    while IFS= read -r -d '' f; do seed "$f"; done < <(find "$d" -type f -print0)
  fi
done
seeds=$(find "$corpus" -type f | wc -l)

python3 "$here/tests/fuzz/make_dictionary.py" "$here/scenarios/irpsim.schema.json" "$work/scenario.dict"

echo "fuzz: $seeds seed inputs, ${seconds} s, artifacts in $artifacts/" >&2
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
start=$(date +%s)
set +e
# shellcheck disable=SC2086  # IRPSIM_FUZZ_OPTIONS is a list of options
"$fuzzer" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
          -dict="$work/scenario.dict" -artifact_prefix="$artifacts/" ${IRPSIM_FUZZ_OPTIONS:-} "$corpus" \
          2>&1 | tee "$log" >&2
status=${PIPESTATUS[0]}
set -e
wall=$(( $(date +%s) - start ))

# libFuzzer's final statistics; with -fork=N (no final statistics) its last "#N" progress line.
executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
[ -n "$executions" ] || executions=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
elapsed=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | grep -o 'in [0-9]*' | grep -o '[0-9]*' || true)
# The fuzzer's own corpus (the inputs that add coverage), else the files in the corpus directory.
corpus_size=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
[ -n "$corpus_size" ] || corpus_size=$(find "$corpus" -type f | wc -l)
mapfile -t found < <(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
                                                 -o -name 'oom-*' \) | sort)
echo "fuzz: ${executions:-?} executions in ${elapsed:-$wall} s, corpus $corpus_size inputs, ${#found[@]} crashes"
if [ ${#found[@]} -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz: libFuzzer exited with status $status; log: $log" >&2
  for f in "${found[@]}"; do
    echo "fuzz: found: $f" >&2
  done
  echo "fuzz: reproduce with: $build_dir/tests/fuzz/fuzz_replay FILE; minimize with:" \
       "$fuzzer -minimize_crash=1 -runs=2000 FILE; then copy it into tests/fuzz/regressions/ under a name that says" \
       "what it found (tests/fuzz/README.md)" >&2
  exit 1
fi
