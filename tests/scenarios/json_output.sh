#!/usr/bin/env bash
# --json puts the summary alone on stdout (valid JSON, the same as summary.json); logs stay on stderr.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
"$IRPSIM" run "$SOURCE_DIR/scenarios/quickstart.json" --out "$WORK/r" --json > "$WORK/stdout.json" 2> "$WORK/stderr.txt"
python3 - "$WORK/stdout.json" "$WORK/r/summary.json" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
saved = json.load(open(sys.argv[2]))
assert out["schema_version"] == 1
out.pop("run_info"); saved.pop("run_info")
assert out == saved, "stdout JSON differs from summary.json"
def walk(v, path):
    if isinstance(v, dict):
        for k, x in v.items(): walk(x, path + "/" + k)
    elif isinstance(v, list):
        for i, x in enumerate(v): walk(x, path + "/" + str(i))
    elif isinstance(v, float):
        assert v == v and v not in (float("inf"), float("-inf")), path
walk(out, "")
print("stdout is exactly the summary JSON")
PY
