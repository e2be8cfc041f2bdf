#!/usr/bin/env bash
# `irpsim sweep` end to end on the shipped sweep: one row per point in sweep.csv and sweep.json, p99 rising with the
# offered load for each channel count; run again, nothing is re-run and the results are the same; a removed point is
# run again alone; a pointer missing from the base and an invalid point are exit 2 with their JSON pointers.
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
