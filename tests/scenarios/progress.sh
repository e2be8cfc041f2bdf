#!/usr/bin/env bash
# Progress on stderr: shown for a run of a few seconds when stderr is a terminal (`script` gives the run one),
# silenced by --quiet, and never shown when stderr is not a terminal (the other tests' logs stay clean).
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
command -v script > /dev/null || { echo "FAIL: script (util-linux) is needed to give the run a terminal"; exit 1; }
# R1 cut to 600k requests: about two seconds of wall time, past the one second before progress shows.
scenario="$WORK/r1.json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["stop"]["requests"] = 600000; d.pop("$schema"); json.dump(d, open(sys.argv[2], "w"))' \
  "$SOURCE_DIR/scenarios/bench/r1.json" "$scenario"
script -qec "\"$IRPSIM\" run \"$scenario\" --out \"$WORK/a\"" /dev/null > "$WORK/tty.txt"
grep -q '\[irpsim\] simulated' "$WORK/tty.txt" || { echo "FAIL: no progress shown on a terminal"; exit 1; }
script -qec "\"$IRPSIM\" run \"$scenario\" --out \"$WORK/b\" --quiet" /dev/null > "$WORK/quiet.txt"
if grep -q '\[irpsim\] simulated' "$WORK/quiet.txt"; then echo "FAIL: progress shown with --quiet"; exit 1; fi
"$IRPSIM" run "$scenario" --out "$WORK/c" > /dev/null 2> "$WORK/pipe.txt"
if grep -q '\[irpsim\] simulated' "$WORK/pipe.txt"; then echo "FAIL: progress shown on a pipe"; exit 1; fi
echo "progress ok"
