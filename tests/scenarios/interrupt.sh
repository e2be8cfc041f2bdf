#!/usr/bin/env bash
# Ctrl-C during `irpsim compare` and `irpsim sweep`: the parent stops starting runs, sends the running ones one SIGINT
# and waits for them, keeps every finished result as it was, says on stderr what was interrupted and exits 130. A
# sweep writes sweep.json for the points that finished, marked "complete": false, and running it again finishes the
# rest while reusing the finished points.
#
# The runs come from tests/scenarios/cases/slow-mm1.json: 20,000 requests (a fraction of a second) for the quick ones,
# 2 million (a few seconds) for the slow one. With --jobs 1, the signal is sent once the slow run's stderr.txt is there
# (the parent creates it when it starts the run, after the quick one has ended), while the slow one runs. Nothing depends on how fast the machine is: the script
# polls, with generous timeouts.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*"; exit 1; }
slow="$SOURCE_DIR/tests/scenarios/cases/slow-mm1.json"

# wait_for FILE PID: until FILE exists; fails if the process PID ends first or after 120 s.
wait_for() {
  local i
  for ((i = 0; i < 2400; i++)); do
    [ -e "$1" ] && return 0
    kill -0 "$2" 2> /dev/null || fail "the process ended before $1 appeared"
    sleep 0.05
  done
  fail "$1 did not appear within 120 s"
}

# valid_complete FILE: a finished run's summary, valid JSON.
valid_complete() {
  python3 - "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s.get("run_status", "complete") == "complete", s.get("run_status")
PY
}
# if_present_interrupted FILE: an interrupted run either died before writing (the file is absent: the signal came
# before `irpsim run` was ready for it) or wrote partial results marked so. Prints which.
if_present_interrupted() {
  if [ -e "$1" ]; then
    python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); assert s["run_status"] == "interrupted", s["run_status"]' "$1"
    echo "the interrupted run wrote partial results"
  else
    echo "the interrupted run ended without results"
  fi
}

# 1. compare, `kill -INT` to the parent alone: it forwards the SIGINT to its running child.
printf '{"variants": [{"name": "quick", "patch": {"stop": {"requests": 20000}}}, {"name": "slow"}]}' \
  > "$WORK/slow-mm1.variants.json"
"$IRPSIM" compare "$slow" --variants "$WORK/slow-mm1.variants.json" --seeds 2 --jobs 1 --out "$WORK/c" \
  > "$WORK/c.out" 2> "$WORK/c.err" &
pid=$!
wait_for "$WORK/c/runs/slow/0/stderr.txt" "$pid"
sleep 0.5  # most likely into its simulation by now, to halt it there; a child still starting dies by the signal
kill -INT "$pid"
code=0; wait "$pid" || code=$?
[ "$code" -eq 130 ] || { cat "$WORK/c.err"; fail "an interrupted compare exited $code, expected 130"; }
# Order: quick/0, slow/0, quick/1, slow/1. quick/0 finished; slow/0 was interrupted.
grep -q "interrupted: 1 of 4 runs finished (kept under $WORK/c/runs); 1 interrupted, 2 not started; compare.json" \
  "$WORK/c.err" || { cat "$WORK/c.err"; fail "compare does not say what was interrupted"; }
[ ! -s "$WORK/c.out" ] || fail "an interrupted compare printed a table"
[ ! -e "$WORK/c/compare.json" ] || fail "an interrupted compare wrote compare.json"
valid_complete "$WORK/c/runs/quick/0/summary.json"
if_present_interrupted "$WORK/c/runs/slow/0/summary.json"
[ ! -e "$WORK/c/runs/quick/1/summary.json" ] && [ ! -e "$WORK/c/runs/slow/1/summary.json" ] ||
  fail "runs were started after Ctrl-C"
ls -A "$WORK/c" "$WORK/c/runs/quick/0" | grep -q '\.tmp\.' && fail "temporary files left behind"
# Its folder is not replaced without --force.
set +e
"$IRPSIM" compare "$slow" --variants "$WORK/slow-mm1.variants.json" --seeds 2 --out "$WORK/c" > /dev/null 2> "$WORK/c2.err"
code=$?
set -e
[ $code -eq 2 ] && grep -q -- "--force" "$WORK/c2.err" || fail "compare into an interrupted comparison exited $code"
valid_complete "$WORK/c/runs/quick/0/summary.json"
echo "compare: interrupted, $(grep -o '[0-9] interrupted, [0-9] not started' "$WORK/c.err")"

# 2. sweep, SIGINT to the parent's process group, as a Ctrl-C at a terminal sends it (the parent runs in a session of
# its own here): the children run in groups of their own, so each gets exactly one SIGINT, from the parent.
cat > "$WORK/slow.sweep.json" <<EOF
{"name": "slow", "base": "$slow", "parameters": [{"pointer": "/stop/requests", "values": [20000, 2000000, 20001]}]}
EOF
setsid "$IRPSIM" sweep "$WORK/slow.sweep.json" --jobs 1 --out "$WORK/s" > "$WORK/s.out" 2> "$WORK/s.err" &
pid=$!
wait_for "$WORK/s/points/requests=2000000/0/stderr.txt" "$pid"
sleep 0.5
kill -INT -- "-$pid"
code=0; wait "$pid" || code=$?
[ "$code" -eq 130 ] || { cat "$WORK/s.err"; fail "an interrupted sweep exited $code, expected 130"; }
grep -Eq "interrupted: 1 of 3 runs finished \(0 reused\), kept under $WORK/s/points; 1 interrupted, 1 not started; sweep.json, sweep.csv and sweep.html hold the 1 of 3 points that finished .*rerun the same command to resume" \
  "$WORK/s.err" || { cat "$WORK/s.err"; fail "sweep does not say what was interrupted"; }
valid_complete "$WORK/s/points/requests=20000/0/summary.json"
if_present_interrupted "$WORK/s/points/requests=2000000/0/summary.json"
python3 - "$WORK/s" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "sweep.json")))
assert doc["complete"] is False, doc["complete"]
assert doc["points_missing"] == ["requests=2000000", "requests=20001"], doc["points_missing"]
assert [p["key"] for p in doc["points"]] == ["requests=20000"], doc["points"]
assert len(list(csv.DictReader(open(os.path.join(out, "sweep.csv"))))) == 1
assert "Incomplete" in open(os.path.join(out, "sweep.html")).read()
PY
sha=$(sha256sum < "$WORK/s/points/requests=20000/0/summary.json")

# Run again: the finished point is reused as it is, the others run, and the outputs are complete.
"$IRPSIM" sweep "$WORK/slow.sweep.json" --jobs 2 --out "$WORK/s" > "$WORK/s2.out" 2> "$WORK/s2.err" ||
  { cat "$WORK/s2.err"; fail "the resumed sweep exited $?"; }
grep -q "runs: 2 run now, 1 reused" "$WORK/s2.out" || { cat "$WORK/s2.out"; fail "the resume did not reuse the finished point"; }
[ "$(sha256sum < "$WORK/s/points/requests=20000/0/summary.json")" = "$sha" ] || fail "the finished point was rewritten"
python3 - "$WORK/s" <<'PY'
import json, os, sys
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "sweep.json")))
assert doc["complete"] is True and doc["points_missing"] == [], doc["points_missing"]
assert [p["key"] for p in doc["points"]] == ["requests=20000", "requests=2000000", "requests=20001"]
for p in doc["points"]:
    s = json.load(open(os.path.join(out, p["dir"], "0", "summary.json")))
    assert s.get("run_status", "complete") == "complete"
PY
echo "sweep: interrupted, $(grep -o '[0-9] interrupted, [0-9] not started' "$WORK/s.err"); resumed"
echo "interrupt ok"
