#!/usr/bin/env bash
# Runs one shipped scenario; passes when it exits 0, writes a summary.json that parses, accounts for every IRP
# (issued = completed, nothing stuck, no violation) and prints a report naming every workload.
set -euo pipefail
file=$1 out=$2
rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$IRPSIM" run "$file" --out "$out" > "$out.txt"
python3 - "$out/summary.json" "$out.txt" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
acc = s["accounting"]
assert acc["issued"] == acc["completed"], acc
assert not acc["stuck"] and not acc["violations"], acc
for w in s["workloads"]:
    assert w["name"] in text, w["name"]
    assert w["completed"] > 0, w
print("ok:", s["scenario"]["name"], acc["completed"], "IRPs")
PY
