#!/usr/bin/env bash
# `irpsim compare` end to end on the shipped variants files: the result does not depend on --jobs (compare.json is
# byte-identical with one and two runs at once), the table lists every variant with its interval lines, a difference
# the setup makes certain is marked, the files are written, replication r of every variant ran with the same seed;
# a bad variant is exit 2 naming the variant and the JSON pointer, with nothing run or written. An existing results
# folder is refused without --force (exit 2) and replaced with it (only what compare writes); a results folder that
# cannot be written (a path through a regular file: ENOTDIR, even for root; a file size limit: EFBIG) is exit 5 with
# the path. Ctrl-C is tested in interrupt.sh.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
dir="$SOURCE_DIR/scenarios/compare"
run() { "$IRPSIM" compare "$dir/$1.json" --variants "$dir/$1.variants.json" "${@:2}"; }

run filter-forwarding --seeds 3 --jobs 1 --out "$WORK/j1" > "$WORK/j1.txt" 2> "$WORK/j1.err"
run filter-forwarding --seeds 3 --jobs 2 --out "$WORK/j2" > "$WORK/j2.txt" 2> "$WORK/j2.err"
cmp "$WORK/j1/compare.json" "$WORK/j2/compare.json"
cmp "$WORK/j1/compare.csv" "$WORK/j2/compare.csv"
diff <(grep -v '^results:' "$WORK/j1.txt") <(grep -v '^results:' "$WORK/j2.txt")
[ ! -s "$WORK/j1.err" ] || { echo "stderr not empty (no terminal, so no progress):"; cat "$WORK/j1.err"; exit 1; }

python3 - "$WORK/j1" "$WORK/j1.txt" <<'PY'
import csv, json, os, sys
out, table = sys.argv[1], open(sys.argv[2]).read()
doc = json.load(open(os.path.join(out, "compare.json")))
names = [v["name"] for v in doc["variants"]]
assert names == ["forward", "send-and-forget", "synchronous", "parallel-queue"], names
assert doc["baseline"] == "forward" and doc["replications"] == 3 and len(doc["seeds"]) == 3
lines = table.splitlines()
header = next(l for l in lines if l.startswith("variant"))
for col in ["IOPS", "mean", "p50", "p99", "p99.9", "max", "out of order"]:
    assert col in header, (col, header)
for name in names:
    row = [i for i, l in enumerate(lines) if l.split(" ")[0] == name]
    assert row, name + " missing from the table"
    assert lines[row[0] + 1].strip().startswith("±"), "no interval line under " + name
assert "95% confidence interval" in table

def fig(variant, metric, status=None):
    v = next(x for x in doc["variants"] if x["name"] == variant)
    block = v["workloads"][0]["all_types"]
    return block["status_counts"][status] if status else block["metrics"][metric]

# Send-and-forget frees the sequential queue: about 4x the IOPS, certainly; marked in the JSON and the table.
saf = fig("send-and-forget", "iops_per_s")
assert saf["differs_from_baseline"] is True and saf["change_vs_baseline_percent"] > 200, saf
assert saf["ci95_low"] <= saf["mean"] <= saf["ci95_high"] and saf["replications"] == 3
saf_row = next(i for i, l in enumerate(lines) if l.startswith("send-and-forget"))
assert "*" in lines[saf_row + 2] and "%" in lines[saf_row + 2], lines[saf_row:saf_row + 3]
assert fig("parallel-queue", "mean_ns")["differs_from_baseline"] is True
# The synchronous send blocks the queue just as forward does.
assert abs(fig("synchronous", "iops_per_s")["change_vs_baseline_percent"]) < 5
base = fig("forward", "iops_per_s")
assert base["change_vs_baseline_percent"] is None and base["differs_from_baseline"] is None

# Common random numbers: replication r of every variant ran with the same seed, written in its summary.
for v in doc["variants"]:
    assert os.path.isfile(os.path.join(out, "runs", v["name"], "scenario.json"))
    for r, run in enumerate(v["runs"]):
        assert run["seed"] == doc["seeds"][r] and run["exit_code"] == 0
        s = json.load(open(os.path.join(out, run["dir"], "summary.json")))
        assert s["seed"] == doc["seeds"][r]
assert doc["seeds"][0] == 2024  # replication 0 is the scenario's own seed

rows = list(csv.DictReader(open(os.path.join(out, "compare.csv"))))
assert set(rows[0]) >= {"variant", "workload", "type", "metric", "mean", "ci95_low", "ci95_high",
                        "change_vs_baseline_percent", "differs_from_baseline"}
assert {r["variant"] for r in rows} == set(names)
assert any(r["metric"] == "status_counts.STATUS_SUCCESS" for r in rows)
html = open(os.path.join(out, "compare.html")).read()
assert "new Chart(" in html and "chart.js v3" in html.lower(), "Chart.js not inlined"
assert "logarithmic" in html and all(n in html for n in names)
print("compare: identical with --jobs 1 and 2;", saf["change_vs_baseline_percent"], "% IOPS for send-and-forget")
PY

# An existing results folder: refused without --force, nothing run or changed; replaced with it, keeping files compare
# does not write and removing the runs of a variant that is gone.
cp "$WORK/j1/compare.json" "$WORK/j1-compare.json"
set +e
run filter-forwarding --seeds 3 --jobs 2 --out "$WORK/j1" > "$WORK/again.txt" 2> "$WORK/again.err"
code=$?
set -e
[ $code -eq 2 ] || { echo "compare into an existing folder exited $code, expected 2"; exit 1; }
grep -q "$WORK/j1 already exists" "$WORK/again.err" && grep -q -- "--force" "$WORK/again.err" && grep -q -- "--out" "$WORK/again.err" ||
  { cat "$WORK/again.err"; exit 1; }
[ ! -s "$WORK/again.txt" ] || { echo "the refused compare printed a table"; exit 1; }
cmp "$WORK/j1/compare.json" "$WORK/j1-compare.json"
echo mine > "$WORK/j1/notes.txt"
mkdir -p "$WORK/j1/runs/gone/0" && echo '{}' > "$WORK/j1/runs/gone/0/summary.json"
run filter-forwarding --seeds 3 --jobs 2 --out "$WORK/j1" --force > /dev/null
cmp "$WORK/j1/compare.json" "$WORK/j1-compare.json"
[ -f "$WORK/j1/notes.txt" ] && [ ! -e "$WORK/j1/runs/gone" ] || { echo "--force removed the wrong things"; exit 1; }

# A results folder that cannot be written: exit 5 with the path, no table.
echo "a regular file" > "$WORK/afile"
set +e
run filter-forwarding --seeds 2 --out "$WORK/afile/out" > "$WORK/notdir.txt" 2> "$WORK/notdir.err"
code=$?
set -e
[ $code -eq 5 ] || { cat "$WORK/notdir.err"; echo "an unwritable results folder exited $code, expected 5"; exit 1; }
grep -q "$WORK/afile/out.*Not a directory" "$WORK/notdir.err" || { cat "$WORK/notdir.err"; exit 1; }
[ ! -s "$WORK/notdir.txt" ] || { echo "table printed although nothing could be written"; exit 1; }
# compare.json beyond the file size limit (RLIMIT_FSIZE, inherited by the runs: the limit lies between their largest
# file and compare.json): exit 5 naming compare.json, which is not left half-written.
largest=$(find "$WORK/j1/runs" -type f -printf '%s\n' | sort -n | tail -1)
whole=$(stat -c %s "$WORK/j1/compare.json")
if command -v prlimit > /dev/null && [ "$whole" -gt $((largest + 20000)) ]; then
  set +e
  prlimit --fsize=$((largest + 10000)) "$IRPSIM" compare "$dir/filter-forwarding.json" \
    --variants "$dir/filter-forwarding.variants.json" --seeds 3 --jobs 2 --out "$WORK/big" > "$WORK/big.txt" 2> "$WORK/big.err"
  code=$?
  set -e
  [ $code -eq 5 ] || { cat "$WORK/big.err"; echo "compare.json beyond RLIMIT_FSIZE exited $code, expected 5"; exit 1; }
  grep -q "$WORK/big/compare.json: File too large" "$WORK/big.err" || { cat "$WORK/big.err"; exit 1; }
  [ ! -e "$WORK/big/compare.json" ] && ! ls -A "$WORK/big" | grep -q '\.tmp\.' ||
    { ls -A "$WORK/big"; echo "a partial compare.json was left"; exit 1; }
  echo "compare: EFBIG on compare.json reported"
else
  echo "compare: EFBIG check skipped (no prlimit, or compare.json ($whole bytes) not larger than the runs' files)"
fi

# The other shipped variants files run, and their certain differences are marked.
run mirror --seeds 2 --jobs 2 --out "$WORK/mirror" > /dev/null
run split --seeds 2 --jobs 2 --out "$WORK/split" > /dev/null
python3 - "$WORK/mirror/compare.json" "$WORK/split/compare.json" <<'PY'
import json, sys
def fig(path, variant, metric):
    doc = json.load(open(path))
    v = next(x for x in doc["variants"] if x["name"] == variant)
    return v["workloads"][0]["all_types"]["metrics"][metric]
assert fig(sys.argv[1], "first", "mean_ns")["differs_from_baseline"] is True
assert fig(sys.argv[1], "resend", "mean_ns")["change_vs_baseline_percent"] > 30
assert fig(sys.argv[2], "split-64k-serial", "mean_ns")["differs_from_baseline"] is True
assert fig(sys.argv[2], "split-128k-parallel", "iops_per_s")["change_vs_baseline_percent"] > 200
print("mirror and split: differences marked")
PY

# A bad variant: exit 2 naming it and the pointer; nothing runs, nothing is written.
printf '{"variants": [{"name": "ok"}, {"name": "no-channels", "patch": {"devices": {"ssd": {"channels": 0}}}}]}' \
  > "$WORK/bad.variants.json"
set +e
"$IRPSIM" compare "$dir/filter-forwarding.json" --variants "$WORK/bad.variants.json" --seeds 2 --out "$WORK/bad" \
  > "$WORK/bad.txt" 2> "$WORK/bad.err"
code=$?
set -e
[ $code -eq 2 ] || { echo "a bad variant exited $code, expected 2"; exit 1; }
grep -q 'variant "no-channels": /devices/0/channels' "$WORK/bad.err" || { cat "$WORK/bad.err"; exit 1; }
[ ! -s "$WORK/bad.txt" ] && [ ! -e "$WORK/bad" ] || { echo "output written for a bad variant"; exit 1; }
echo "compare ok"
