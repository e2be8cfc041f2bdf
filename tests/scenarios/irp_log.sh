#!/usr/bin/env bash
# --irp-log: every step of every IRP, in simulated-time order, as JSON lines or CSV; the two formats carry the same
# events; each IRP's steps follow the framework's order (issued, arrived, presented, sent ... completion routines
# bottom-up ... irp_completed) and end with exactly one irp_completed whose status is the one the workload saw.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
scenario="$SOURCE_DIR/scenarios/function-completes.json"
"$IRPSIM" run "$scenario" --out "$WORK/a" --irp-log "$WORK/log.jsonl" > /dev/null
"$IRPSIM" run "$scenario" --out "$WORK/b" --irp-log "$WORK/log.csv" > /dev/null
python3 - "$WORK/log.jsonl" "$WORK/log.csv" "$WORK/a/summary.json" <<'PY'
import csv, json, sys
from collections import defaultdict, Counter
events = [json.loads(line) for line in open(sys.argv[1])]
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(events) == len(rows) > 0, (len(events), len(rows))
for e, r in zip(events, rows):
    assert (str(e["time_ns"]), str(e["irp"]), e["event"], e["at"], e["type"], e["status"], str(e["information_bytes"])) == \
           (r["time_ns"], r["irp"], r["event"], r["at"], r["type"], r["status"], r["information_bytes"]), (e, r)
times = [e["time_ns"] for e in events]
assert times == sorted(times), "events out of simulated-time order"
per_irp = defaultdict(list)
for e in events:
    per_irp[e["irp"]].append(e)
summary = json.load(open(sys.argv[3]))
assert len(per_irp) == summary["accounting"]["issued"], (len(per_irp), summary["accounting"]["issued"])
final = Counter()
for irp, steps in per_irp.items():
    kinds = [s["event"] for s in steps]
    assert kinds[0] == "issued" and kinds[1] == "arrived", (irp, kinds)
    assert kinds.count("irp_completed") == 1 and kinds[-1] == "irp_completed", (irp, kinds)
    # Completion routines run bottom-up: in the reverse of the order the drivers were presented the IRP.
    presented = [s["at"] for s in steps if s["event"] == "presented"]
    routines = [s["at"] for s in steps if s["event"] == "completion_routine"]
    assert routines == [d for d in reversed(presented) if d in routines], (irp, kinds)
    assert kinds.index("irp_completed") > max([i for i, k in enumerate(kinds) if k == "completion_routine"] or [0])
    # The status the IRP completes with is the status of the last layer's completion.
    last_completion = [s for s in steps if s["event"] == "request_completed"][-1]
    assert steps[-1]["status"] == last_completion["status"], (irp, steps)
    final[steps[-1]["status"]] += 1
assert final["STATUS_INVALID_DEVICE_REQUEST"] > 0 and final["STATUS_SUCCESS"] > 0, final
print("irp log ok:", len(events), "events for", len(per_irp), "IRPs", dict(final))
PY
