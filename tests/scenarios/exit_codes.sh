#!/usr/bin/env bash
# Exit codes: 0 success, 2 bad input or usage (with the JSON pointer on stderr and nothing written), 3 a run that
# finished with a problem (here: simulated time stalled; violations and stuck IRPs are covered by the engine tests).
set -uo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
fail() { echo "FAIL: $*"; exit 1; }

"$IRPSIM" --help > "$WORK/help.txt" || fail "--help exited $?"
grep -q "run" "$WORK/help.txt" || fail "--help does not list run"

"$IRPSIM" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown subcommand should exit 2"
"$IRPSIM" run > /dev/null 2>&1; [ $? -eq 2 ] || fail "run without a scenario should exit 2"

printf '{"schema_version": 1, "name": "bad", "hosts": [{"name": "h", "cores": 0}]}' > "$WORK/bad.json"
"$IRPSIM" run "$WORK/bad.json" --out "$WORK/bad-out" > "$WORK/stdout.txt" 2> "$WORK/stderr.txt"
code=$?
[ $code -eq 2 ] || fail "bad scenario exited $code, expected 2"
grep -q "/hosts/0/cores" "$WORK/stderr.txt" || fail "error does not name /hosts/0/cores: $(cat "$WORK/stderr.txt")"
[ ! -s "$WORK/stdout.txt" ] || fail "stdout not empty on bad input"
[ ! -e "$WORK/bad-out" ] || fail "results written for bad input"

"$IRPSIM" validate "$WORK/bad.json" 2> "$WORK/v.txt"; [ $? -eq 2 ] || fail "validate of a bad file should exit 2"
"$IRPSIM" validate "$SOURCE_DIR/scenarios/quickstart.json" 2> /dev/null || fail "validate of quickstart failed"
"$IRPSIM" run "$WORK/missing.json" > /dev/null 2>&1; [ $? -eq 2 ] || fail "missing file should exit 2"
"$IRPSIM" run "$SOURCE_DIR/tests/scenarios/cases/zero-time-loop.json" --out "$WORK/stall" > /dev/null 2> "$WORK/stall.txt"
code=$?
[ $code -eq 3 ] || fail "a zero-time loop exited $code, expected 3"
grep -q "SIMULATED_TIME_STALLED" "$WORK/stall/summary.json" || fail "the stall is not in summary.json"

"$IRPSIM" run "$SOURCE_DIR/scenarios/quickstart.json" --out "$WORK/q" --irp-log "$WORK/no-such-dir/log.jsonl" \
  > /dev/null 2> "$WORK/log-err.txt"
code=$?
[ $code -eq 2 ] || fail "an unwritable --irp-log exited $code, expected 2"
[ ! -e "$WORK/q" ] || fail "results written although the log could not be opened"
# validate takes variants files (checked against their base) and sweep files too.
cp "$SOURCE_DIR/scenarios/compare/filter-forwarding.json" "$WORK/ff.json"
python3 - "$SOURCE_DIR/scenarios/compare/filter-forwarding.variants.json" "$WORK/ff.variants.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["variants"].append({"name": "broken", "patch": {"stop": {"requests": 0}}})
json.dump(d, open(sys.argv[2], "w"))
PY
"$IRPSIM" validate "$SOURCE_DIR/scenarios/compare/filter-forwarding.variants.json" \
  "$SOURCE_DIR/scenarios/sweep/load-vs-p99.sweep.json" 2> /dev/null || fail "validate of a shipped variants or sweep file failed"
"$IRPSIM" validate "$WORK/ff.variants.json" 2> "$WORK/variants.txt"; code=$?
[ $code -eq 2 ] || fail "validate of a bad variant exited $code, expected 2"
grep -q 'broken' "$WORK/variants.txt" && grep -q '/stop/requests' "$WORK/variants.txt" ||
  fail "the bad variant's error does not name it and its pointer: $(cat "$WORK/variants.txt")"

# `list` names every policy action, queue kind and target operation the format takes.
"$IRPSIM" list > "$WORK/list.txt" || fail "list exited $?"
for word in forward complete split fan_out route manual purge leave_pending send_and_forget; do
  grep -q "$word" "$WORK/list.txt" || fail "list does not mention $word"
done
# SimGrid settings SimGrid itself would abort on (134) or throw for: exit 2, and no results folder left behind.
for setting in "--sg-cfg contexts/factory:nope" "--sg-cfg garbage" "--sg-log garbage" "--sg-log root.thresh:bogus" \
               "--sg-cfg contexts/stack-size:abc" "--sg-cfg no/such-item:1"; do
  # shellcheck disable=SC2086
  "$IRPSIM" run "$SOURCE_DIR/scenarios/quickstart.json" --out "$WORK/sg" $setting > /dev/null 2> "$WORK/sg.err"
  code=$?
  [ $code -eq 2 ] || fail "$setting exited $code, expected 2: $(tail -3 "$WORK/sg.err")"
  [ ! -e "$WORK/sg" ] || fail "$setting left a results folder"
done
echo "exit codes ok"
