#!/usr/bin/env bash
# Runs that cannot finish, results that cannot be written, results that must not be lost: limits halt with partial
# results marked as such (exit 4), Ctrl-C and SIGTERM halt the same way (exit 130 / 143), an existing results folder
# is kept unless --force, every write failure names its path (exit 5), and driver-created requests that never come
# back fail the run (exit 3). The interrupt checks poll instead of
# assuming timings, so a slow machine only makes them slower.
set -uo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*"; exit 1; }
cases="$SOURCE_DIR/tests/scenarios/cases"
field() {  # field SUMMARY PYTHON-EXPRESSION-ON-s
  python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print($2)" "$1"
}

# In-flight limit from the scenario: an open loop above capacity.
"$IRPSIM" run "$cases/overloaded-open-loop.json" --out "$WORK/o" > "$WORK/o.txt" 2> "$WORK/o.err"
code=$?; [ $code -eq 4 ] || fail "in-flight limit exited $code, expected 4: $(cat "$WORK/o.err")"
[ "$(field "$WORK/o/summary.json" 's["run_status"]')" = stopped_at_limit ] || fail "run_status not stopped_at_limit"
[ "$(field "$WORK/o/summary.json" 's["accounting"]["halt"]["reason"]')" = requests_in_flight_limit ] || fail "halt reason"
[ "$(field "$WORK/o/summary.json" 'a["issued"]-a["completed"]-a["in_flight"] if (a:=s["accounting"]) else 1')" = 0 ] \
  || fail "issued != completed + in_flight"
[ "$(field "$WORK/o/summary.json" 'len(s["accounting"]["stuck"])')" = 0 ] || fail "in-flight IRPs listed as stuck"
grep -q "PARTIAL RESULTS (stopped_at_limit)" "$WORK/o.txt" || fail "text report does not say the results are partial"
grep -q "Partial results (stopped_at_limit)" "$WORK/o/report.html" || fail "report.html does not say partial"
grep -q "limits.requests_in_flight" "$WORK/o.err" || fail "stderr does not name the limit: $(cat "$WORK/o.err")"
# The command line overrides the scenario's limit.
"$IRPSIM" run "$cases/overloaded-open-loop.json" --out "$WORK/o2" --max-in-flight 50 --json > "$WORK/o2.json" 2>/dev/null
[ $? -eq 4 ] || fail "--max-in-flight run did not exit 4"
[ "$(field "$WORK/o2.json" 's["accounting"]["in_flight"]')" = 51 ] || fail "--max-in-flight 50 did not halt at 51"

# Simulated-time limit from the scenario: a device that takes an hour per request; it halts at exactly 7200 s.
"$IRPSIM" run "$cases/hung-device.json" --out "$WORK/h" > /dev/null 2> "$WORK/h.err"
code=$?; [ $code -eq 4 ] || fail "simulated-time limit exited $code, expected 4"
[ "$(field "$WORK/h/summary.json" 's["simulated_time_ns"]')" = 7200000000000 ] || fail "did not halt at 7200 s"
"$IRPSIM" run "$cases/hung-device.json" --out "$WORK/h2" --max-sim-time 100s --json > "$WORK/h2.json" 2>/dev/null
[ "$(field "$WORK/h2.json" 's["accounting"]["halt"]["halted_at_ns"]')" = 100000000000 ] || fail "--max-sim-time 100s"

# Wall-time limit on the command line.
"$IRPSIM" run "$cases/long-run.json" --out "$WORK/w" --max-wall-time 1s --quiet > /dev/null 2> "$WORK/w.err"
code=$?; [ $code -eq 4 ] || fail "wall-time limit exited $code, expected 4"
[ "$(field "$WORK/w/summary.json" 's["accounting"]["halt"]["reason"]')" = wall_time_limit ] || fail "wall reason"
"$IRPSIM" run "$cases/long-run.json" --out "$WORK/bad" --max-wall-time 5 > /dev/null 2> "$WORK/bad.err"
[ $? -eq 2 ] || fail "--max-wall-time 5 (no unit) should exit 2"
grep -q -- '--max-wall-time: expected a duration' "$WORK/bad.err" || fail "bad limit message: $(cat "$WORK/bad.err")"
[ ! -e "$WORK/bad" ] || fail "results folder made for a bad option"

# Ctrl-C (SIGINT) and SIGTERM: halt, write the partial results, exit 128 + the signal.
interrupt() {  # interrupt SIGNAL DIR
  "$IRPSIM" run "$cases/long-run.json" --out "$2" --quiet > /dev/null 2> "$2.err" &
  local pid=$! i=0
  # Wait until the simulation runs (its results folder is made just before), then a little more.
  while [ ! -d "$2" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
  sleep 0.5
  kill -s "$1" $pid
  wait $pid
}
interrupt INT "$WORK/int"; code=$?
[ $code -eq 130 ] || fail "SIGINT exited $code, expected 130: $(cat "$WORK/int.err")"
[ "$(field "$WORK/int/summary.json" 's["run_status"]')" = interrupted ] || fail "SIGINT: run_status"
grep -q "interrupted: Ctrl-C (SIGINT)" "$WORK/int.err" || fail "SIGINT message: $(cat "$WORK/int.err")"
[ -s "$WORK/int/report.html" ] && [ -s "$WORK/int/timeseries.csv" ] || fail "SIGINT: report.html or timeseries missing"
interrupt TERM "$WORK/term"; code=$?
[ $code -eq 143 ] || fail "SIGTERM exited $code, expected 143"
[ "$(field "$WORK/term/summary.json" 's["accounting"]["halt"]["detail"]')" = SIGTERM ] || fail "SIGTERM detail"

# An existing results folder is kept unless --force.
q="$SOURCE_DIR/scenarios/quickstart.json"
"$IRPSIM" run "$q" --out "$WORK/q" > /dev/null 2>&1 || fail "first quickstart run failed"
before=$(sha256sum "$WORK/q/summary.json")
"$IRPSIM" run "$q" --out "$WORK/q" --seed 9 > "$WORK/q2.txt" 2> "$WORK/q2.err"
code=$?; [ $code -eq 2 ] || fail "a second run into the same folder exited $code, expected 2"
grep -q "already holds results; pass --force" "$WORK/q2.err" || fail "refusal message: $(cat "$WORK/q2.err")"
[ ! -s "$WORK/q2.txt" ] || fail "stdout not empty on refusal"
[ "$(sha256sum "$WORK/q/summary.json")" = "$before" ] || fail "the refused run changed the old results"
"$IRPSIM" run "$q" --out "$WORK/q" --seed 9 --force > /dev/null 2>&1 || fail "--force run failed"
[ "$(field "$WORK/q/summary.json" 's["seed"]')" = 9 ] || fail "--force did not replace the results"

# Write failures: a folder under a regular file (fails even for root), a results path that is a file, a file-size
# limit (EFBIG, as a full disk would give), and a full standard output. Each names what failed and exits 5 (2 for
# the file given as the folder: that is bad usage, found before the run).
touch "$WORK/plain-file"
"$IRPSIM" run "$q" --out "$WORK/plain-file/r" > /dev/null 2> "$WORK/e1.err"
code=$?; [ $code -eq 5 ] || fail "ENOTDIR exited $code, expected 5"
grep -q "$WORK/plain-file/r: Not a directory" "$WORK/e1.err" || fail "ENOTDIR message: $(cat "$WORK/e1.err")"
"$IRPSIM" run "$q" --out "$WORK/plain-file" > /dev/null 2> "$WORK/e2.err"
[ $? -eq 2 ] || fail "--out naming a file should exit 2"
if command -v prlimit > /dev/null; then
  prlimit --fsize=20000 "$IRPSIM" run "$q" --out "$WORK/fsize" > /dev/null 2> "$WORK/e3.err"
  code=$?; [ $code -eq 5 ] || fail "a write past RLIMIT_FSIZE exited $code, expected 5"
  grep -q "cannot write $WORK/fsize/summary.json: File too large" "$WORK/e3.err" || fail "EFBIG: $(cat "$WORK/e3.err")"
  [ -z "$(ls -A "$WORK/fsize")" ] || fail "a failed write left files behind: $(ls -A "$WORK/fsize")"
fi
"$IRPSIM" run "$q" --out "$WORK/full" --json > /dev/full 2> "$WORK/e4.err"
code=$?; [ $code -eq 5 ] || fail "stdout on /dev/full exited $code, expected 5"
grep -q "cannot write to standard output" "$WORK/e4.err" || fail "/dev/full message: $(cat "$WORK/e4.err")"
# Driver-created requests that never come back are accounted for too (the workload IRPs all completed here).
"$IRPSIM" run "$cases/lost-created-request.json" --out "$WORK/lost" > "$WORK/lost.txt" 2> "$WORK/lost.err"
code=$?; [ $code -eq 3 ] || fail "lost created requests exited $code, expected 3"
[ "$(field "$WORK/lost/summary.json" 's["accounting"]["created_outstanding"]')" = 5 ] || fail "created_outstanding != 5"
grep -q "5 driver-created request(s) never deleted" "$WORK/lost.err" || fail "lost created: $(cat "$WORK/lost.err")"
echo "ok: limits, interrupts, --force, write failures and lost created requests"
