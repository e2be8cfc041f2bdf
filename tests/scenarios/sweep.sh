#!/usr/bin/env bash
# `irpsim sweep` end to end on the shipped sweep: one row per point in sweep.csv and sweep.json, p99 rising with the
# offered load for each channel count; run again, nothing is re-run and the results are the same; a removed point is
# run again alone, and so is one whose summary says it did not finish (run_status); --force runs everything again; a
# results folder that cannot be written (ENOTDIR; EFBIG under a file size limit) is exit 5 with the path, the earlier
# sweep.json intact; a pointer missing from the base and an invalid point are exit 2 with their JSON pointers. Ctrl-C
# is tested in interrupt.sh.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
sweep="$SOURCE_DIR/scenarios/sweep/load-vs-p99.sweep.json"
"$IRPSIM" sweep "$sweep" --jobs 2 --out "$WORK/s" > "$WORK/first.txt"
grep -q "runs: 10 run now, 0 reused" "$WORK/first.txt"
python3 - "$WORK/s" <<'PY'
import csv, json, os, sys
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "sweep.json")))
rows = list(csv.DictReader(open(os.path.join(out, "sweep.csv"))))
assert len(rows) == len(doc["points"]) == 10, len(rows)
assert doc["figures_of"]["workload"] == "arrivals"
assert doc["complete"] is True and doc["points_missing"] == [], (doc["complete"], doc["points_missing"])
for col in ["rate", "channels", "iops_per_s", "mean_ns", "p50_ns", "p99_ns", "p99_9_ns"]:
    assert col in rows[0], col
for channels in ("1", "2"):
    curve = [r for r in rows if r["channels"] == channels]
    rates = [float(r["rate"].split("/")[0]) for r in curve]
    p99 = [float(r["p99_ns"]) for r in curve]
    assert rates == sorted(rates) and len(rates) == 5, rates
    assert all(a < b for a, b in zip(p99, p99[1:])), ("p99 not rising with the load", channels, p99)
    iops = [float(r["iops_per_s"]) for r in curve]
    assert all(abs(i - r) / r < 0.05 for i, r in zip(iops, rates)), iops  # an open loop below capacity
for p in doc["points"]:
    assert os.path.isfile(os.path.join(out, p["dir"], "scenario.json"))
    assert os.path.isfile(os.path.join(out, p["dir"], "0", "summary.json"))
html = open(os.path.join(out, "sweep.html")).read()
assert html.count("new Chart(") == 3
print("sweep: 10 rows, p99 rising with the load")
PY
find "$WORK/s/points" -name summary.json -printf '%p %T@\n' | sort > "$WORK/mtimes-before"
cp "$WORK/s/sweep.json" "$WORK/sweep-first.json"

# Resume: nothing is run again.
"$IRPSIM" sweep "$sweep" --jobs 2 --out "$WORK/s" > "$WORK/second.txt"
grep -q "runs: 0 run now, 10 reused" "$WORK/second.txt"
find "$WORK/s/points" -name summary.json -printf '%p %T@\n' | sort > "$WORK/mtimes-after"
cmp "$WORK/mtimes-before" "$WORK/mtimes-after"
cmp "$WORK/sweep-first.json" "$WORK/s/sweep.json"
# A point whose results are gone is run again, alone.
rm -r "$WORK/s/points/rate=5000%2Fs,channels=2"
"$IRPSIM" sweep "$sweep" --jobs 2 --out "$WORK/s" > "$WORK/third.txt"
grep -q "runs: 1 run now, 9 reused" "$WORK/third.txt"
cmp "$WORK/sweep-first.json" "$WORK/s/sweep.json"

# A run whose summary.json says it did not finish is run again; one from before run_status existed is reused.
python3 - "$WORK/s/points" <<'PY'
import json, os, sys
for key, status in (("rate=1000%2Fs,channels=1", "interrupted"), ("rate=3000%2Fs,channels=1", None)):
    path = os.path.join(sys.argv[1], key, "0", "summary.json")
    s = json.load(open(path))
    if status is None:
        s.pop("run_status", None)
    else:
        s["run_status"] = status
    json.dump(s, open(path, "w"))
PY
"$IRPSIM" sweep "$sweep" --jobs 2 --out "$WORK/s" > "$WORK/status.txt"
grep -q "runs: 1 run now, 9 reused" "$WORK/status.txt" || { cat "$WORK/status.txt"; exit 1; }
cmp "$WORK/sweep-first.json" "$WORK/s/sweep.json"

# --force: everything runs again; files the sweep does not write stay, points it no longer has go.
echo mine > "$WORK/s/notes.txt"
mkdir -p "$WORK/s/points/gone=1/0"
"$IRPSIM" sweep "$sweep" --jobs 2 --out "$WORK/s" --force > "$WORK/force.txt"
grep -q "runs: 10 run now, 0 reused" "$WORK/force.txt" || { cat "$WORK/force.txt"; exit 1; }
cmp "$WORK/sweep-first.json" "$WORK/s/sweep.json"
[ -f "$WORK/s/notes.txt" ] && [ ! -e "$WORK/s/points/gone=1" ] || { echo "--force removed the wrong things"; exit 1; }

# Write failures: exit 5 with the path. A results folder through a regular file (ENOTDIR)...
echo "a regular file" > "$WORK/afile"
set +e
"$IRPSIM" sweep "$sweep" --out "$WORK/afile/s" > /dev/null 2> "$WORK/notdir.err"; code=$?
set -e
[ $code -eq 5 ] || { cat "$WORK/notdir.err"; echo "an unwritable results folder exited $code, expected 5"; exit 1; }
grep -q "$WORK/afile/s.*Not a directory" "$WORK/notdir.err" || { cat "$WORK/notdir.err"; exit 1; }
# ... and sweep.json beyond the file size limit, on a resume that runs nothing: the earlier sweep.json stays whole.
if command -v prlimit > /dev/null; then
  set +e
  prlimit --fsize=$(( $(stat -c %s "$WORK/s/sweep.json") / 2 )) "$IRPSIM" sweep "$sweep" --out "$WORK/s" \
    > /dev/null 2> "$WORK/big.err"
  code=$?
  set -e
  [ $code -eq 5 ] || { cat "$WORK/big.err"; echo "sweep.json beyond RLIMIT_FSIZE exited $code, expected 5"; exit 1; }
  grep -q "$WORK/s/sweep.json: File too large" "$WORK/big.err" || { cat "$WORK/big.err"; exit 1; }
  cmp "$WORK/sweep-first.json" "$WORK/s/sweep.json"
  ! ls -A "$WORK/s" | grep -q '\.tmp\.' || { ls -A "$WORK/s"; echo "a temporary file was left"; exit 1; }
fi

# Bad sweeps: exit 2 with the pointer, nothing written.
base="$SOURCE_DIR/scenarios/sweep/mm1.json"
printf '{"name": "bad", "base": "%s", "parameters": [{"pointer": "/workloads/0/queue_depth", "values": [1]}]}' \
  "$base" > "$WORK/missing.sweep.json"
printf '{"name": "bad", "base": "%s", "parameters": [{"pointer": "/devices/0/channels", "values": [1, 0]}]}' \
  "$base" > "$WORK/invalid.sweep.json"
set +e
"$IRPSIM" sweep "$WORK/missing.sweep.json" --out "$WORK/bad1" > /dev/null 2> "$WORK/bad1.err"; code1=$?
"$IRPSIM" sweep "$WORK/invalid.sweep.json" --out "$WORK/bad2" > /dev/null 2> "$WORK/bad2.err"; code2=$?
set -e
[ $code1 -eq 2 ] && [ $code2 -eq 2 ] || { echo "bad sweeps exited $code1 and $code2, expected 2"; exit 1; }
grep -q "/parameters/0/pointer" "$WORK/bad1.err" || { cat "$WORK/bad1.err"; exit 1; }
grep -q "point channels=0: /devices/0/channels" "$WORK/bad2.err" || { cat "$WORK/bad2.err"; exit 1; }
[ ! -e "$WORK/bad1" ] && [ ! -e "$WORK/bad2" ] || { echo "output written for a bad sweep"; exit 1; }
echo "sweep ok"
