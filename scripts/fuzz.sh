#!/usr/bin/env bash
# Fuzzes the scenario parser and the engine, then the trace readers, with libFuzzer for a bounded time
# (tests/fuzz/README.md).
# Usage: scripts/fuzz.sh [SECONDS]     (default: $IRPSIM_FUZZ_SECONDS, else 60)
#
# Builds tests/fuzz's fuzz_scenario and fuzz_trace with clang, AddressSanitizer and UndefinedBehaviorSanitizer in
# build-sanitize/ (the build scripts/sanitize.sh uses; BUILD_DIR=... picks another). SECONDS is shared: the trace
# fuzzer gets a quarter of it (at least 5 s) and the scenario fuzzer the rest (at least 1 s). The scenario fuzzer runs
# first, on a fresh corpus seeded from every JSON file of the repository's scenarios and tests, the regression inputs
# and the malformed-scenario cases the tests wrote; then the trace fuzzer, on a corpus seeded from scenarios/traces/
# and tests/fuzz/trace-regressions/. Two lines on stdout:
#   fuzz: N executions in S s, corpus C inputs, 0 crashes
#   fuzz-trace: N executions in S s, corpus C inputs, 0 crashes
# libFuzzer's logs go to stderr (and to BUILD_DIR/fuzz/fuzz.log and BUILD_DIR/fuzz/fuzz-trace.log). Exit status 0 when
# nothing was found, 1 when either fuzzer found a crash, a sanitizer report, a leak, a timeout or an out-of-memory (the
# input is saved under BUILD_DIR/fuzz/artifacts/ or BUILD_DIR/fuzz/trace-artifacts/), 2 for bad usage.
# Extra libFuzzer options: IRPSIM_FUZZ_OPTIONS="-jobs=2 -workers=2" etc. (appended last, so they override).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-${IRPSIM_FUZZ_SECONDS:-60}}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]   (a whole number of seconds >= 1, found \"$seconds\")" >&2
  exit 2
fi
build_dir="${BUILD_DIR:-$here/build-sanitize}"
trace_seconds=$(( seconds / 4 ))
[ "$trace_seconds" -ge 5 ] || trace_seconds=5
scenario_seconds=$(( seconds - trace_seconds ))
[ "$scenario_seconds" -ge 1 ] || scenario_seconds=1

# The build's packages (as scripts/setup.sh, without the browser) plus clang and its runtime (libFuzzer, sanitizers).
packages=(clang libclang-rt-14-dev cmake make pkg-config libsimgrid-dev nlohmann-json3-dev libcli11-dev catch2 python3
          libjs-chart.js)
"$here/scripts/install_packages.sh" "${packages[@]}"

# Exactly the settings of scripts/sanitize.sh, which shares the build directory.
cmake -S "$here" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" \
      -DIRPSIM_SANITIZERS=address,undefined -DIRPSIM_FUZZ=ON >&2
cmake --build "$build_dir" -j "$(nproc)" --target fuzz_scenario fuzz_trace >&2
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

echo "fuzz: $seeds seed inputs, ${scenario_seconds} s, artifacts in $artifacts/" >&2
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
start=$(date +%s)
set +e
# shellcheck disable=SC2086  # IRPSIM_FUZZ_OPTIONS is a list of options
"$fuzzer" -max_total_time="$scenario_seconds" -timeout=25 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
          -dict="$work/scenario.dict" -artifact_prefix="$artifacts/" ${IRPSIM_FUZZ_OPTIONS:-} "$corpus" \
          2>&1 | tee "$log" >&2
status=${PIPESTATUS[0]}
set -e
wall=$(( $(date +%s) - start ))

# Prints the summary line "LABEL: N executions in S s, corpus C inputs, K crashes" of one libFuzzer run from its log
# (LOG), its corpus directory and its artifact directory; WALL is the measured wall time (used when the log has none).
# Sets found_inputs to the artifacts found.
summarize() {
  local label="$1" log="$2" corpus="$3" artifacts="$4" wall="$5" executions elapsed corpus_size
  # libFuzzer's final statistics; with -fork=N (no final statistics) its last "#N" progress line.
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [ -n "$executions" ] || executions=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  elapsed=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | grep -o 'in [0-9]*' | grep -o '[0-9]*' \
            || true)
  # The fuzzer's own corpus (the inputs that add coverage), else the files in the corpus directory.
  corpus_size=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  [ -n "$corpus_size" ] || corpus_size=$(find "$corpus" -type f | wc -l)
  mapfile -t found_inputs < <(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
                                                        -o -name 'oom-*' \) | sort)
  echo "$label: ${executions:-?} executions in ${elapsed:-$wall} s, corpus $corpus_size inputs," \
       "${#found_inputs[@]} crashes"
}

summarize fuzz "$log" "$corpus" "$artifacts" "$wall"
found=("${found_inputs[@]}")

# The trace fuzzer: any bytes as a trace file in each format (fuzz_trace.cpp), for its quarter of the time.
trace_fuzzer="$build_dir/tests/fuzz/fuzz_trace"
trace_corpus="$work/trace-corpus"
trace_artifacts="$work/trace-artifacts/$(date +%Y%m%d-%H%M%S)"
trace_log="$work/fuzz-trace.log"
rm -rf "$trace_corpus"
mkdir -p "$trace_corpus" "$trace_artifacts"
corpus="$trace_corpus"  # where seed() copies
while IFS= read -r -d '' f; do seed "$f"; done < <(find "$here/scenarios/traces" "$here/tests/fuzz/trace-regressions" \
                                                    -type f ! -name '.*' -print0)
echo "fuzz-trace: $(find "$trace_corpus" -type f | wc -l) seed inputs, ${trace_seconds} s, artifacts in" \
     "$trace_artifacts/" >&2
start=$(date +%s)
set +e
# -max_len above kMaxLineBytes (64 KiB), so over-long lines are reached.
# shellcheck disable=SC2086  # IRPSIM_FUZZ_OPTIONS is a list of options
"$trace_fuzzer" -max_total_time="$trace_seconds" -timeout=25 -rss_limit_mb=2048 -max_len=140000 -print_final_stats=1 \
                -artifact_prefix="$trace_artifacts/" ${IRPSIM_FUZZ_OPTIONS:-} "$trace_corpus" 2>&1 \
                | tee "$trace_log" >&2
trace_status=${PIPESTATUS[0]}
set -e
trace_wall=$(( $(date +%s) - start ))
summarize fuzz-trace "$trace_log" "$trace_corpus" "$trace_artifacts" "$trace_wall"
trace_found=("${found_inputs[@]}")

if [ ${#found[@]} -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "fuzz: libFuzzer exited with status $status; log: $log" >&2
  for f in "${found[@]}"; do
    echo "fuzz: found: $f" >&2
  done
  echo "fuzz: reproduce with: $build_dir/tests/fuzz/fuzz_replay FILE; minimize with:" \
       "$fuzzer -minimize_crash=1 -runs=2000 FILE; then copy it into tests/fuzz/regressions/ under a name that says" \
       "what it found (tests/fuzz/README.md)" >&2
fi
if [ ${#trace_found[@]} -gt 0 ] || [ "$trace_status" -ne 0 ]; then
  echo "fuzz-trace: libFuzzer exited with status $trace_status; log: $trace_log" >&2
  for f in "${trace_found[@]}"; do
    echo "fuzz-trace: found: $f" >&2
  done
  echo "fuzz-trace: reproduce with: $build_dir/tests/fuzz/fuzz_trace_replay FILE; minimize with:" \
       "$trace_fuzzer -minimize_crash=1 -runs=2000 FILE; then copy it into tests/fuzz/trace-regressions/ under a name" \
       "that says what it found (tests/fuzz/README.md)" >&2
fi
if [ ${#found[@]} -gt 0 ] || [ "$status" -ne 0 ] || [ ${#trace_found[@]} -gt 0 ] || [ "$trace_status" -ne 0 ]; then
  exit 1
fi
