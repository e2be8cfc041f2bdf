#!/usr/bin/env bash
# Trace replay through the binary. (1) The blkparse scenario replays exactly the Q events of disk 8,0, read here by
# independent code, at their recorded times (per-IRP log, to the nanosecond), its summary counts every record of
# the file, and the text report and report.html say so in a line; the same run twice gives byte-identical summaries. (2) A comparison of two stacks on a trace, started
# from another folder: every run finds the trace (absolute path in its scenario.json), the slow device is slower.
# (3) A sweep over time_scale. (4) A malformed line: exit 2 naming the file, the line and the JSON pointer, nothing
# written; with "malformed": "skip" the run goes on, warns on stderr and lists the line in summary.json. (5) A missing
# trace, a directory and /dev/zero as a trace: exit 2.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
scenarios="$SOURCE_DIR/scenarios"

# (1) Exactly the recorded requests at the recorded times.
"$IRPSIM" run "$scenarios/replay-blkparse.json" --out "$WORK/blk" --irp-log "$WORK/blk-irps.csv" --json > "$WORK/blk.json"
"$IRPSIM" run "$scenarios/replay-blkparse.json" --out "$WORK/blk2" > "$WORK/blk2.txt"
# The text report's line for the trace.
grep -q '^  replayed 27 of 27 requests of traces/sample.blkparse.txt (blkparse, at the recorded times); 209 records: 182 skipped (flush 1, other_action 114, other_device 67), 0 malformed$' "$WORK/blk2.txt" \
  || { echo "the text report lacks the replay line:"; cat "$WORK/blk2.txt"; exit 1; }
grep -q 'replayed 27 of 27 requests' "$WORK/blk2/report.html" || { echo "report.html lacks the replay line"; exit 1; }
python3 - "$scenarios/traces/sample.blkparse.txt" "$WORK/blk-irps.csv" "$WORK/blk.json" "$WORK/blk2/summary.json" <<'PY'
import csv, json, sys
trace, log, summary_file, again = sys.argv[1:]
want = []
for line in open(trace):
    f = line.split()
    if len(f) >= 10 and f[0] == "8,0" and f[5] == "Q" and f[7].isdigit() and f[8] == "+":
        if "F" in f[6] and f[9] == "0":
            continue  # a flush: irpsim has no flush request type
        kind = "write" if "W" in f[6] else "read"
        secs, nanos = f[3].split(".")
        want.append((int(secs) * 10**9 + int(nanos), kind, int(f[9]) * 512, int(f[7]) * 512))
assert len(want) == 27, len(want)
got = [(int(r["time_ns"]), r["type"], int(r["length_bytes"]), int(r["offset_bytes"]))
       for r in csv.DictReader(open(log)) if r["event"] == "issued"]
assert got == want, [(g, w) for g, w in zip(got, want) if g != w][:3] or (len(got), len(want))
s = json.load(open(summary_file))
r = s["workloads"][0]["replay"]
assert (r["lines"], r["records"], r["requests"], r["replayed"], r["not_replayed"], r["skipped"], r["malformed"]) == \
    (229, 209, 27, 27, 0, 182, 0), r
assert r["skipped_by_reason"] == {"flush": 1, "other_action": 114, "other_device": 67}, r
assert r["selection"] == {"device": "8,0", "action": "Q"}, r
assert s["workloads"][0]["kind"] == "trace_recorded" and s["run_status"] == "complete"
b = json.load(open(again))
for d in (s, b):
    d.pop("run_info")
assert json.dumps(s) == json.dumps(b), "the same scenario and seed gave different summaries"
print("blkparse replay: 27 requests at their recorded times; summary counts", r["records"], "records")
PY

# (2) Compare two stacks on a recorded trace, from another working directory.
(cd "$WORK" && "$IRPSIM" compare "$scenarios/compare/replay-stacks.json" \
    --variants "$scenarios/compare/replay-stacks.variants.json" --seeds 2 --jobs 2 --out cmp --quiet > cmp.txt)
python3 - "$WORK/cmp" <<'PY'
import json, os, sys
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "compare.json")))
assert [v["name"] for v in doc["variants"]] == ["ssd", "one-slow-channel", "sequential-filter"]
for v in doc["variants"]:
    scen = json.load(open(os.path.join(out, "runs", v["name"], "scenario.json")))
    path = scen["workloads"][0]["trace"]["file"]
    assert os.path.isabs(path) and os.path.exists(path), path
def mean(name):
    v = next(x for x in doc["variants"] if x["name"] == name)
    return v["workloads"][0]["all_types"]["metrics"]["mean_ns"]
assert mean("one-slow-channel")["mean"] > 5 * mean("ssd")["mean"], (mean("one-slow-channel"), mean("ssd"))
print("compare on a trace: mean", mean("ssd")["mean"], "ns on the SSD,", mean("one-slow-channel")["mean"], "ns on one slow channel")
PY

# (3) A sweep of the replay speed (its base in another folder than the sweep file): the faster replay offers ten
# times the load.
cat > "$WORK/speed.sweep.json" <<JSON
{"name": "replay-speed", "base": "$scenarios/replay-fio.json", "seeds": 1,
 "parameters": [{"pointer": "/workloads/0/trace/time_scale", "label": "time_scale", "values": [1, 0.1]}]}
JSON
"$IRPSIM" sweep "$WORK/speed.sweep.json" --out "$WORK/sweep" --quiet > /dev/null
python3 - "$WORK/sweep" <<'PY'
import csv, os, sys
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "sweep.csv"))))
assert len(rows) == 2, rows
iops = {float(r["time_scale"]): float(r["iops_per_s"]) for r in rows}
assert iops[0.1] > 5 * iops[1.0], iops
PY

# (4) A malformed line fails the scenario, unless skipped.
mkdir -p "$WORK/bad"
printf 'time_us,type,size_bytes,offset_bytes\n0,read,4096,0\n10,raed,4096,0\n20,write,4096,0\n' > "$WORK/bad/t.csv"
python3 - "$scenarios/replay-csv.json" "$WORK/bad" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["workloads"][0]["trace"]["file"] = "t.csv"
doc.pop("$schema")
json.dump(doc, open(sys.argv[2] + "/fail.json", "w"))
doc["workloads"][0]["trace"]["malformed"] = "skip"
json.dump(doc, open(sys.argv[2] + "/skip.json", "w"))
PY
set +e
"$IRPSIM" run "$WORK/bad/fail.json" --out "$WORK/bad/out-fail" > "$WORK/bad/fail.out" 2> "$WORK/bad/fail.err"; code=$?
set -e
[ "$code" -eq 2 ] || { echo "a malformed trace line: exit $code, expected 2"; cat "$WORK/bad/fail.err"; exit 1; }
grep -q '/workloads/0/trace/file: .*t.csv line 3: expected .*raed' "$WORK/bad/fail.err" || { cat "$WORK/bad/fail.err"; exit 1; }
grep -q '/workloads/0/trace/malformed: .*"skip"' "$WORK/bad/fail.err" || { cat "$WORK/bad/fail.err"; exit 1; }
[ ! -e "$WORK/bad/out-fail" ] && [ ! -s "$WORK/bad/fail.out" ] || { echo "something was written for a bad trace"; exit 1; }
"$IRPSIM" run "$WORK/bad/skip.json" --out "$WORK/bad/out-skip" > /dev/null 2> "$WORK/bad/skip.err"
grep -q 'skipping 1 malformed line of .*t.csv (first: line 3' "$WORK/bad/skip.err" || { cat "$WORK/bad/skip.err"; exit 1; }
python3 - "$WORK/bad/out-skip/summary.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["workloads"][0]["replay"]
assert (r["requests"], r["replayed"], r["malformed"]) == (2, 2, 1), r
assert r["malformed_lines"][0]["line"] == 3 and "raed" in r["malformed_lines"][0]["problem"], r
PY

# (5) Traces that are not there or not regular files.
for file in "$WORK/bad/none.csv" "$WORK/bad" /dev/zero; do
  python3 - "$WORK/bad/fail.json" "$file" "$WORK/bad/other.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["workloads"][0]["trace"]["file"] = sys.argv[2]
json.dump(doc, open(sys.argv[3], "w"))
PY
  set +e
  timeout 20 "$IRPSIM" validate "$WORK/bad/other.json" 2> "$WORK/bad/other.err"; code=$?
  set -e
  [ "$code" -eq 2 ] || { echo "trace $file: exit $code, expected 2"; cat "$WORK/bad/other.err"; exit 1; }
  grep -q '/workloads/0/trace/file: expected a readable csv trace' "$WORK/bad/other.err" || { cat "$WORK/bad/other.err"; exit 1; }
done
echo "replay: ok"
