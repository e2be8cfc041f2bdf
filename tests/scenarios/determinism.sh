#!/usr/bin/env bash
# The same scenario and seed give a byte-identical summary.json once run_info (wall time, memory) is left out;
# another seed gives different latencies.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
scenario="$SOURCE_DIR/scenarios/quickstart.json"
"$IRPSIM" run "$scenario" --out "$WORK/a" > /dev/null
"$IRPSIM" run "$scenario" --out "$WORK/b" > /dev/null
"$IRPSIM" run "$scenario" --out "$WORK/c" --seed 7 > /dev/null
strip() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("run_info"); print(json.dumps(d, indent=1))' "$1"; }
strip "$WORK/a/summary.json" > "$WORK/a.json"
strip "$WORK/b/summary.json" > "$WORK/b.json"
strip "$WORK/c/summary.json" > "$WORK/c.json"
cmp "$WORK/a.json" "$WORK/b.json"
# The file itself differs only inside run_info: same bytes before it.
python3 - "$WORK/a/summary.json" "$WORK/b/summary.json" "$WORK/c.json" "$WORK/a.json" <<'PY'
import json, sys
a, b = open(sys.argv[1]).read(), open(sys.argv[2]).read()
assert a.split('"run_info"')[0] == b.split('"run_info"')[0], "summary.json differs outside run_info"
c, a2 = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
assert c["seed"] == 7 and a2["seed"] != 7
la = a2["workloads"][0]["all_types"]["latency_ns"]["mean_ns"]
lc = c["workloads"][0]["all_types"]["latency_ns"]["mean_ns"]
assert la != lc, "another seed gave the same mean latency"
print("identical for the same seed; mean latency", la, "vs", lc, "for seed 7")
PY
