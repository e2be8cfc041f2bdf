#!/usr/bin/env bash
# --trace: the timeline trace is Chrome trace-event JSON (the object format) that Perfetto and chrome://tracing open:
# one process, one named and sorted thread per actor; every async span ("b") has its end ("e") with the same
# id/cat/name and the spans of one IRP nest; every flow arrow starts ("s") and ends ("f", binding the enclosing
# slice), and each flow event sits on a slice of its own track at its own time (what the viewers bind it to);
# timestamps never decrease on a thread track; and quickstart (100,000 requests) is over the default cap of 2,000
# IRPs, so the trace samples every 10th IRP id and its otherData says the cap applied.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"
"$IRPSIM" run "$SOURCE_DIR/scenarios/quickstart.json" --out "$WORK/q" --trace "$WORK/t.json" > /dev/null
if compgen -G "$WORK/.t.json.tmp.*" > /dev/null; then echo "temporary trace left behind"; exit 1; fi
python3 - "$WORK/t.json" "$WORK/q/summary.json" <<'PY'
import json, math, sys
from collections import defaultdict, Counter

trace = json.load(open(sys.argv[1]))
summary = json.load(open(sys.argv[2]))
assert isinstance(trace, dict) and isinstance(trace.get("traceEvents"), list), "not the JSON object format"
assert trace.get("displayTimeUnit") == "ns", trace.get("displayTimeUnit")
events = trace["traceEvents"]
assert events, "no events"

# Metadata: one process named irpsim, one named thread per actor, each with a sort index.
procs = [e for e in events if e["ph"] == "M" and e["name"] == "process_name"]
assert len(procs) == 1 and procs[0]["args"]["name"] == "irpsim", procs
pid = procs[0]["pid"]
thread_names = {}
sort_index = {}
for e in events:
    if e["ph"] == "M" and e["name"] == "thread_name":
        assert e["tid"] not in thread_names, ("thread named twice", e)
        thread_names[e["tid"]] = e["args"]["name"]
    if e["ph"] == "M" and e["name"] == "thread_sort_index":
        sort_index[e["tid"]] = e["args"]["sort_index"]
assert len(set(thread_names.values())) == len(thread_names), "two tracks for one actor"
assert set(sort_index) == set(thread_names), "a track without a sort index"
assert len(set(sort_index.values())) == len(sort_index), "sort indexes collide"
names_by_sort = [thread_names[t] for t in sorted(thread_names, key=lambda t: sort_index[t])]
for actor in ["app", "upper-filter", "disk", "storport", "upper-filter->disk", "disk->storport", "ssd0"]:
    assert actor in names_by_sort, (actor, names_by_sort)
# Workloads on top, then drivers, then targets, then devices.
order = [names_by_sort.index(a) for a in ["app", "upper-filter", "disk", "storport", "upper-filter->disk",
                                          "disk->storport", "ssd0"]]
assert order == sorted(order), names_by_sort

timed = [e for e in events if e["ph"] != "M"]
for e in timed:
    assert e["pid"] == pid and e["tid"] in thread_names, ("event off the named tracks", e)
    assert isinstance(e["ts"], (int, float)) and e["ts"] >= 0, e

# Non-async events (instants, flows) never go back in time on a track.
last_ts = {}
for e in timed:
    if e["ph"] in ("b", "n", "e"):
        continue
    assert e["ts"] >= last_ts.get(e["tid"], 0), ("time goes backwards on a track", e)
    last_ts[e["tid"]] = e["ts"]

# Async spans: every "b" has its "e" (same cat, id, name), and the spans of one IRP nest.
per_id = defaultdict(list)
for i, e in enumerate(timed):
    if e["ph"] in "be":
        assert e["cat"] == "irp", e
        per_id[(e["cat"], e["id"])].append((e["ts"], i, e))
span_names = defaultdict(Counter)
roots = {}
for key, evs in per_id.items():
    evs.sort(key=lambda x: (x[0], x[1]))
    stack = []
    for ts, _, e in evs:
        if e["ph"] == "b":
            if not stack and key not in roots:
                roots[key] = e["name"]
            stack.append(e)
            span_names[key][e["name"]] += 1
        else:
            assert stack, ("e without b", e)
            b = stack.pop()
            assert b["name"] == e["name"], ("spans of one IRP do not nest", b, e)
            assert b["ts"] <= e["ts"], (b, e)
    assert not stack, ("b without e", stack)

# Flows: each arrow starts and ends once, forward in time, the end binding its enclosing slice; every flow event
# follows a slice on its own track at the same time (the slice the viewers bind it to).
flows = defaultdict(list)
last_slice = {}
for e in timed:
    if e["ph"] in ("i", "I", "X"):
        last_slice[e["tid"]] = e["ts"]
    elif e["ph"] in ("s", "t", "f"):
        assert last_slice.get(e["tid"]) == e["ts"], ("flow event with no slice to bind", e)
        flows[(e["cat"], e["name"], e["id"])].append(e)
assert flows, "no flow arrows"
for key, evs in flows.items():
    phases = [e["ph"] for e in evs]
    assert phases[0] == "s" and phases[-1] == "f" and phases.count("s") == 1 and phases.count("f") == 1, (key, phases)
    assert evs[-1].get("bp") == "e", evs[-1]
    assert [e["ts"] for e in evs] == sorted(e["ts"] for e in evs), evs

# Sampling: quickstart's 100,000 requests exceed the default cap of 2,000: every 50th IRP id is traced.
other = trace["otherData"]
issued = summary["accounting"]["issued"]
cap = other["max_irps"]
assert cap == 2000, other
assert other["sampling_step"] == math.ceil(other["expected_irps"] / cap) > 1, other
assert other["cap_applied"] is True and other["irps_skipped"] > 0, other
assert other["irps_traced"] + other["irps_skipped"] == issued, (other, issued)
assert 0 < other["irps_traced"] <= cap, other
workload_irps = [k[1] for k, root in roots.items() if root == "app"]
assert len(workload_irps) == other["irps_traced"], (len(workload_irps), other)
assert all(irp % other["sampling_step"] == 0 for irp in workload_irps), "an IRP off the sampling step"
# A read or write visits every layer; an IOCTL is auto-forwarded by the filter and completed by the disk driver.
layers = Counter()
for key in workload_irps:
    names = span_names[("irp", key)]
    if "ssd0" in names:
        assert {"app", "upper-filter", "upper-filter->disk", "disk", "disk->storport", "storport"} <= set(names), names
        layers["device"] += 1
    else:
        assert {"app", "disk"} <= set(names) and "upper-filter" not in names, names
        layers["completed by disk"] += 1
assert layers["device"] > 0 and layers["completed by disk"] > 0, layers
instants = Counter(e["name"] for e in timed if e["ph"] == "i" and e["cat"] == "irp")
assert instants["auto_forwarded"] == layers["completed by disk"], (instants, layers)
print("trace ok:", len(events), "events,", other["irps_traced"], "IRPs traced,", other["irps_skipped"], "skipped,",
      len(flows), "arrows,", dict(instants))
PY
