#!/usr/bin/env bash
# The soak run of issue 6 (a script, not a test): REQUESTS requests (default 10,000,000) through
# scenarios/soak/every-feature.json, a scenario with every feature of format v1 on and no deliberate mistake, checking
# at the end that every IRP is accounted for and that memory stayed flat.
#
# Usage: scripts/soak.sh [REQUESTS]          REQUESTS: an integer >= 100000 (default 10000000)
# Environment:
#   IRPSIM=PATH         the irpsim binary (default build/irpsim; built with scripts/setup.sh when missing). It is
#                       copied before the first run, so a rebuild meanwhile does not change what is measured.
#   SOAK_OUT=DIR        where the figures go (default results/soak)
#   SOAK_INTERVAL=S     seconds between two RSS samples (default 0.5)
#   SOAK_SCENARIO=FILE  the scenario (default scenarios/soak/every-feature.json)
#
# Three runs of the same scenario, each a copy with stop.requests patched in:
#   1. audit: min(REQUESTS/100, 100000) requests (at least 20000) with --irp-log; every workload IRP must be issued
#      and completed exactly once, every driver-created IRP created and deleted exactly once, no violation event.
#   2. small: REQUESTS/10 requests, RSS sampled; its peak is compared with the big run's.
#   3. big: REQUESTS requests, RSS sampled into DIR/rss.csv (DIR/rss-small.csv for the small run): every
#      SOAK_INTERVAL seconds, t_s (since the start), rss_bytes and hwm_bytes (VmRSS, VmHWM of /proc/PID/status),
#      cpu_s (utime + stime of /proc/PID/stat) and phase: "simulating" up to run_info.wall_s of summary.json (the
#      simulation's own wall time), "results" after it (irpsim builds its summary and writes its files, which
#      takes about 5 MiB more for a moment; irpsim's own peak_rss_bytes is read before that).
# The scenario's target state events come in episodes (events less than 50ms apart); each copy moves every
# episode to the same fraction of its run (its time x requests / the file's stop.requests) and keeps the spacing
# inside the episode, so a stop lasts as long in every run and what piles up meanwhile does not grow with the run.
# The warm-up is min(the file's warmup.requests, requests/10).
#
# Pass/fail (exit 1 on any failure; 2 on a usage error or an invalid scenario):
#   accounting, for every run: irpsim exits 0; summary.json's accounting has issued == completed == the requests
#     asked for, nothing stuck, no violation (violations_total 0, violation_counts empty), no halt and nothing in
#     flight; the workloads' issued and completed sum to those totals, each workload completed all it issued, and
#     its warm-up excluded + the status counts of its request types add up to its completions; no SimGrid deadlock
#     on stderr (created requests that never came back would show as one).
#   memory flat, big run: RSS at the end of the simulation (the last "simulating" sample) - RSS at 20% of the
#     simulation's wall time <= 10% of the latter + 5 MiB; and the big run's peak RSS - the small run's peak (both
#     run_info.peak_rss_bytes) <= 10% of the small run's peak + 5 MiB. Why this bound: what may legitimately grow after warm-up is
#     bounded and small (the time series keep at most 512 intervals per workload, about 1 MiB each at most; the
#     histograms touch a few more buckets; the IRP pools grow to the most requests in flight at once, which the
#     fixed-length stop episodes bound; the allocator keeps some freed memory), while a leak of 1 byte per request
#     over the 8,000,000 requests after 20% of a 10M run is 7.6 MiB, and 10 bytes 76 MiB: the bound (about 9 MiB
#     on irpsim's ~40 MiB) catches any leak proportional to requests from ~1.2 bytes per request up.
# Writes DIR/soak.json (every figure, units in the names), DIR/rss.csv, DIR/rss-small.csv and DIR/summary.json (the
# big run's summary). A one-screen summary goes to stdout, progress to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }
log() { echo "soak: $*" >&2; }

case "${1:-}" in -h|--help) usage 0 ;; esac
[ $# -le 1 ] || usage
requests="${1:-10000000}"
case "$requests" in ''|*[!0-9]*) log "REQUESTS must be an integer, found '$requests'"; exit 2 ;; esac
requests=$((10#$requests))
if [ "$requests" -lt 100000 ]; then
  log "REQUESTS must be at least 100000 (the small run is REQUESTS/10 and needs room for its warm-up and events)"
  exit 2
fi
small=$((requests / 10))
audit=$((requests / 100))
[ "$audit" -le 100000 ] || audit=100000
[ "$audit" -ge 20000 ] || audit=20000
scenario="${SOAK_SCENARIO:-$here/scenarios/soak/every-feature.json}"
out_dir="${SOAK_OUT:-$here/results/soak}"
interval="${SOAK_INTERVAL:-0.5}"
case "$out_dir" in /*) ;; *) out_dir="$PWD/$out_dir" ;; esac

if [ -n "${IRPSIM:-}" ]; then
  source_bin="$IRPSIM"
else
  source_bin="$here/build/irpsim"
  if [ ! -x "$source_bin" ]; then
    log "no $source_bin: installing dependencies if needed and building in Release (scripts/setup.sh)"
    BUILD_TYPE=Release "$here/scripts/setup.sh" "$here/build" >&2
  fi
  cache="$here/build/CMakeCache.txt"
  if [ -f "$cache" ] && ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$cache"; then
    log "warning: $here/build is not configured Release; wall times will not be representative"
  fi
fi
[ -x "$source_bin" ] || { log "no irpsim binary at $source_bin (set IRPSIM)"; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/irpsim-soak.XXXXXX")"
running_pid=""
cleanup() {
  if [ -n "$running_pid" ] && kill -0 "$running_pid" 2>/dev/null; then
    kill "$running_pid" 2>/dev/null || true
    wait "$running_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bin="$work/irpsim"
clk_tck="$(getconf CLK_TCK)"
cp "$source_bin" "$bin"
log "binary: $source_bin (copied to $bin), sha256 $(sha256sum "$bin" | cut -c1-16)..."

# The three copies of the scenario: stop.requests, warm-up and event episodes patched.
python3 - "$scenario" "$work" "$requests" "$small" "$audit" <<'EOF'
import copy, json, sys
path, work = sys.argv[1], sys.argv[2]
base = json.load(open(path))
base_n = base["stop"]["requests"]
UNITS = {"ns": 1, "us": 10**3, "ms": 10**6, "s": 10**9}

def to_ns(text):
    if text == "0":
        return 0
    for unit in ("ns", "us", "ms", "s"):
        if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
            number = text[: -len(unit)]
            whole, _, frac = number.partition(".")
            return int(whole) * UNITS[unit] + (int(frac) * UNITS[unit]) // 10 ** len(frac) if frac else int(whole) * UNITS[unit]
    raise SystemExit(f"soak: cannot read the duration {text!r} in {path}")

def scaled(doc, n, label):
    d = copy.deepcopy(doc)
    d["stop"] = {"requests": n}
    warm = d.get("warmup", {})
    if "requests" in warm:
        warm["requests"] = min(warm["requests"], n // 10)
    events = sorted(d.get("events", []), key=lambda e: to_ns(e["at"]))
    anchor = None
    for e in events:  # episodes: events less than 50ms after the previous one
        t = to_ns(e["at"])
        if anchor is None or t - prev > 50 * 10**6:
            anchor = t
        prev = t
        e["at"] = f"{anchor * n // base_n + (t - anchor)}ns"
    d["events"] = events
    d["description"] = f"{label}: {n} requests ({path}, events moved with the run length). " + d.get("description", "")
    out = f"{work}/{label}.json"
    json.dump(d, open(out, "w"), indent=1)

for label, n in (("big", int(sys.argv[3])), ("small", int(sys.argv[4])), ("audit", int(sys.argv[5]))):
    scaled(base, n, label)
EOF
if ! "$bin" validate "$scenario" "$work/big.json" "$work/small.json" "$work/audit.json" >&2; then
  log "invalid scenario"
  exit 2
fi

# run_sampled LABEL SCENARIO: runs irpsim with the results in $work/out-LABEL, sampling its RSS into
# $work/rss-LABEL.csv; writes the exit code to $work/rc-LABEL.
run_sampled() {
  local label="$1" file="$2" out="$work/out-$1" csv="$work/rss-$1.csv" rc=0 status stat t0 now
  echo "t_s,rss_bytes,hwm_bytes,cpu_s" >"$csv"
  cut -d' ' -f1 /proc/loadavg >"$work/load-start-$label"
  t0=$EPOCHREALTIME
  "$bin" run "$file" --out "$out" --quiet >"$work/stdout-$label" 2>"$work/stderr-$label" &
  running_pid=$!
  while :; do
    status="$(cat "/proc/$running_pid/status" 2>/dev/null)" || break
    stat="$(cat "/proc/$running_pid/stat" 2>/dev/null)" || break
    now=$EPOCHREALTIME
    # VmRSS and VmHWM in kB; utime + stime (fields 14 and 15 of stat; irpsim's name has no space) in clock ticks.
    # A zombie (the run has ended) has no VmRSS: no line.
    awk -v a="$t0" -v b="$now" -v tck="$clk_tck" -v stat="$stat" '
      /^VmRSS:/ {rss = $2 * 1024} /^VmHWM:/ {hwm = $2 * 1024}
      END {if (rss == "") exit 1; split(stat, f, " ");
           printf "%.3f,%d,%d,%.2f\n", b - a, rss, hwm, (f[14] + f[15]) / tck}' \
      <<<"$status" >>"$csv" || break
    sleep "$interval"
  done
  wait "$running_pid" || rc=$?
  running_pid=""
  cut -d' ' -f1 /proc/loadavg >"$work/load-end-$label"
  echo "$rc" >"$work/rc-$label"
  now=$EPOCHREALTIME
  log "$label: exit code $rc after $(awk -v a="$t0" -v b="$now" 'BEGIN {printf "%.1f", b - a}') s"
}

log "1/3 audit: $audit requests with the per-IRP log"
t_start=$SECONDS
"$bin" run "$work/audit.json" --out "$work/out-audit" --quiet --irp-log "$work/audit.jsonl" \
  >"$work/stdout-audit" 2>"$work/stderr-audit" || echo "$?" >"$work/rc-audit"
[ -f "$work/rc-audit" ] || echo 0 >"$work/rc-audit"
log "audit: exit code $(cat "$work/rc-audit") after $((SECONDS - t_start)) s"

log "2/3 small: $small requests, RSS every ${interval}s"
run_sampled small "$work/small.json"
log "3/3 big: $requests requests, RSS every ${interval}s (at about 20k-70k requests per wall second, be patient)"
run_sampled big "$work/big.json"

mkdir -p "$out_dir"
[ ! -f "$work/out-big/summary.json" ] || cp "$work/out-big/summary.json" "$out_dir/summary.json"

python3 - "$work" "$out_dir" "$requests" "$small" "$audit" "$source_bin" "$(sha256sum "$bin" | cut -d' ' -f1)" \
  "$interval" "${scenario#"$here"/}" <<'EOF'
import csv, json, os, sys, time
work, out_dir = sys.argv[1], sys.argv[2]
requested = {"big": int(sys.argv[3]), "small": int(sys.argv[4]), "audit": int(sys.argv[5])}
binary, sha, interval, scenario = sys.argv[6], sys.argv[7], float(sys.argv[8]), sys.argv[9]
MIB = 2**20
REL, ABS = 0.10, 5 * MIB
failures = []

def fail(msg):
    failures.append(msg)

def load_summary(label):
    rc = int(open(f"{work}/rc-{label}").read().strip() or 1)
    stderr = open(f"{work}/stderr-{label}").read()
    path = f"{work}/out-{label}/summary.json"
    if rc != 0:
        fail(f"{label}: irpsim exited with {rc}: {stderr.strip()[-500:]}")
    if "deadlock" in stderr.lower():
        fail(f"{label}: SimGrid deadlock (IRPs or created requests that never came back)")
    if not os.path.exists(path):
        fail(f"{label}: no summary.json")
        return rc, None
    return rc, json.load(open(path))

def check_accounting(label, s):
    n = requested[label]
    a = s["accounting"]
    if not (a["issued"] == a["completed"] == n):
        fail(f"{label}: accounting issued {a['issued']}, completed {a['completed']}, expected {n} each")
    if a["stuck"]:
        fail(f"{label}: {len(a['stuck'])} stuck IRPs, first {a['stuck'][:3]}")
    if a["violations_total"] or a["violation_counts"] or a["violations"]:
        fail(f"{label}: {a['violations_total']} violations: {a['violation_counts']}")
    if a.get("created_outstanding", 0):
        fail(f"{label}: {a['created_outstanding']} driver-created requests never deleted")
    if a.get("halt") or a.get("in_flight", 0):
        fail(f"{label}: the run halted ({a.get('halt')}), {a.get('in_flight', 0)} in flight")
    if s.get("run_status", "complete") != "complete":
        fail(f"{label}: run_status {s.get('run_status')}")
    ws = s["workloads"]
    if sum(w["issued"] for w in ws) != a["issued"] or sum(w["completed"] for w in ws) != a["completed"]:
        fail(f"{label}: the workloads' issued/completed do not sum to the accounting's")
    per = {}
    for w in ws:
        statuses = sum(sum(t["status_counts"].values()) for t in w["types"])
        measured = sum(t["requests"] for t in w["types"])
        if w["issued"] != w["completed"]:
            fail(f"{label}: workload {w['name']} issued {w['issued']}, completed {w['completed']}")
        if w["warmup_excluded"] + statuses != w["completed"] or statuses != measured:
            fail(f"{label}: workload {w['name']}: warm-up {w['warmup_excluded']} + status counts {statuses} "
                 f"(measured {measured}) != completed {w['completed']}")
        per[w["name"]] = {"issued": w["issued"], "completed": w["completed"], "warmup_excluded": w["warmup_excluded"],
                          "status_counts": merge_status(w)}
    return per

def merge_status(w):
    out = {}
    for t in w["types"]:
        for k, v in t["status_counts"].items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))

def audit_log(path, n):
    """Every workload IRP issued and completed once; every created IRP created and deleted once."""
    WORKLOAD_LIMIT = 10**12
    issued, completed, created, deleted = set(), set(), set(), set()
    dup, violations, kinds = [], 0, {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            ev, irp = r["event"], r["irp"]
            kinds[ev] = kinds.get(ev, 0) + 1
            target = {"issued": issued, "irp_completed": completed, "created": created, "deleted": deleted}.get(ev)
            if target is not None:
                if irp in target:
                    dup.append((ev, irp))
                target.add(irp)
            elif ev == "violation":
                violations += 1
    res = {"workload_irps_issued": len(issued), "workload_irps_completed": len(completed),
           "created_irps": len(created), "created_irps_deleted": len(deleted), "violation_events": violations,
           "duplicate_events": len(dup), "events_by_kind": dict(sorted(kinds.items()))}
    if len(issued) != n or issued != completed or any(i >= WORKLOAD_LIMIT for i in issued):
        fail(f"audit: {len(issued)} workload IRPs issued, {len(completed)} completed, "
             f"{len(issued - completed)} never completed (expected {n})")
    if created != deleted:
        fail(f"audit: {len(created)} created IRPs, {len(deleted)} deleted, {len(created - deleted)} never deleted")
    if dup:
        fail(f"audit: {len(dup)} IRPs with a repeated issue/completion/creation/deletion, first {dup[:3]}")
    if violations:
        fail(f"audit: {violations} violation events")
    for needed in ("pended", "resubmitted", "cancel_requested", "timed_out", "send_failed", "auto_forwarded",
                   "created", "hardware_done"):
        if not kinds.get(needed):
            fail(f"audit: no {needed} event: the scenario no longer exercises it")
    return res

def read_csv(label, s, dest):
    """The samples, each with its phase: "simulating" up to run_info.wall_s (the simulation's wall time, which starts
    after the scenario is parsed, so every sample up to it was taken while simulating), "results" after it (irpsim
    builds the summary and writes its files). Written to dest with the phase column."""
    end = s["run_info"]["wall_s"] if s is not None else float("inf")
    rows = []
    with open(f"{work}/rss-{label}.csv") as f:
        for r in csv.DictReader(f):
            t = float(r["t_s"])
            rows.append((t, int(r["rss_bytes"]), int(r["hwm_bytes"]), "simulating" if t <= end else "results",
                         float(r["cpu_s"])))
    with open(dest, "w") as f:
        f.write("t_s,rss_bytes,hwm_bytes,cpu_s,phase\n")
        for t, rss, hwm, phase, cpu in rows:
            f.write(f"{t:.3f},{rss},{hwm},{cpu:.2f},{phase}\n")
    return rows

def memory(label, s, dest):
    rows = read_csv(label, s, dest)
    sim = [r for r in rows if r[3] == "simulating"]
    m = {"samples": len(rows), "samples_simulating": len(sim)}
    if rows:
        m["cpu_s"] = rows[-1][4]
    for when in ("start", "end"):
        m[f"load_average_1min_at_{when}"] = float(open(f"{work}/load-{when}-{label}").read())
    if len(sim) < (5 if label == "big" else 1):
        fail(f"{label}: only {len(sim)} RSS samples while simulating: the run is too short to judge")
        return m
    end_t = s["run_info"]["wall_s"] if s is not None else sim[-1][0]
    warm = min(sim, key=lambda r: abs(r[0] - 0.2 * end_t))
    after = [r for r in sim if r[0] >= warm[0]]
    # Least-squares slope of RSS over the samples after warm-up.
    n = len(after)
    mt = sum(r[0] for r in after) / n
    mr = sum(r[1] for r in after) / n
    var = sum((r[0] - mt) ** 2 for r in after)
    slope = sum((r[0] - mt) * (r[1] - mr) for r in after) / var if var > 0 else 0.0
    m.update({
        "rss_after_warmup_bytes": warm[1], "rss_after_warmup_at_s": warm[0],
        "rss_at_end_bytes": sim[-1][1], "rss_at_end_at_s": sim[-1][0],
        "growth_bytes": sim[-1][1] - warm[1],
        "rss_min_after_warmup_bytes": min(r[1] for r in after), "rss_max_after_warmup_bytes": max(r[1] for r in after),
        "rss_slope_after_warmup_bytes_per_s": round(slope, 1),
        "peak_rss_sampled_bytes": max(r[2] for r in rows),
        "rss_max_results_phase_bytes": max((r[1] for r in rows if r[3] == "results"), default=None),
    })
    if s is not None:
        m["peak_rss_bytes"] = s["run_info"]["peak_rss_bytes"]
    return m

report = {"scenario": scenario, "requests": requested["big"], "requests_small": requested["small"], "requests_audit": requested["audit"],
          "binary": binary, "binary_sha256": sha, "sample_interval_s": interval,
          "thresholds": {"growth_relative": REL, "growth_absolute_bytes": ABS},
          "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count()}
runs = {}
for label in ("audit", "small", "big"):
    rc, s = load_summary(label)
    runs[label] = s
    entry = {"exit_code": rc}
    if s is not None:
        entry["workloads"] = check_accounting(label, s)
        a = s["accounting"]
        entry.update({"issued": a["issued"], "completed": a["completed"], "stuck": len(a["stuck"]),
                      "violations": a["violations_total"]})
        ri = s["run_info"]
        entry.update({"wall_s": ri["wall_s"], "simulated_s": ri["simulated_s"], "irps_per_wall_s": ri["irps_per_wall_s"],
                      "hops": ri["hops"], "hops_per_wall_s": ri["hops_per_wall_s"], "peak_rss_bytes": ri["peak_rss_bytes"]})
    report[label] = entry

if os.path.exists(f"{work}/audit.jsonl"):
    report["audit"]["irp_log"] = audit_log(f"{work}/audit.jsonl", requested["audit"])
else:
    fail("audit: no per-IRP log")

mem_big = memory("big", runs["big"], f"{out_dir}/rss.csv")
mem_small = memory("small", runs["small"], f"{out_dir}/rss-small.csv")
report["big"]["memory"], report["small"]["memory"] = mem_big, mem_small

big, small = report["big"], report["small"]
flat_ok = peak_ok = False
if "growth_bytes" in mem_big:
    limit = REL * mem_big["rss_after_warmup_bytes"] + ABS
    flat_ok = mem_big["growth_bytes"] <= limit
    report["growth_limit_bytes"] = round(limit)
    if not flat_ok:
        fail(f"memory grew by {mem_big['growth_bytes'] / MIB:.1f} MiB after warm-up (limit {limit / MIB:.1f} MiB)")
if "peak_rss_bytes" in big and "peak_rss_bytes" in small:
    limit = REL * small["peak_rss_bytes"] + ABS
    peak_ok = big["peak_rss_bytes"] - small["peak_rss_bytes"] <= limit
    report["peak_growth_limit_bytes"] = round(limit)
    if not peak_ok:
        fail(f"peak RSS {big['peak_rss_bytes'] / MIB:.1f} MiB at {requested['big']} requests against "
             f"{small['peak_rss_bytes'] / MIB:.1f} MiB at {requested['small']} (limit +{limit / MIB:.1f} MiB)")

# The headline figures, flat (units in the names).
if "wall_s" in big:
    report.update({"wall_s": big["wall_s"], "simulated_s": big["simulated_s"], "irps_per_wall_s": big["irps_per_wall_s"],
                   "hops_per_irp": round(big["hops"] / requested["big"], 3), "peak_rss_bytes": big["peak_rss_bytes"]})
if "cpu_s" in mem_big and mem_big["cpu_s"] > 0:
    report["cpu_s"] = mem_big["cpu_s"]
    report["irps_per_cpu_s"] = round(requested["big"] / mem_big["cpu_s"], 1)
    report["load_average_1min_during"] = [mem_big["load_average_1min_at_start"], mem_big["load_average_1min_at_end"]]
for k in ("rss_after_warmup_bytes", "rss_at_end_bytes", "growth_bytes", "rss_slope_after_warmup_bytes_per_s"):
    if k in mem_big:
        report[k] = mem_big[k]
if "growth_bytes" in mem_big and "wall_s" in big:
    done_after_warm = requested["big"] * (1 - mem_big["rss_after_warmup_at_s"] / mem_big["rss_at_end_at_s"])
    report["growth_bytes_per_request_after_warmup"] = round(mem_big["growth_bytes"] / max(done_after_warm, 1), 4)
if "peak_rss_bytes" in small:
    report.update({"small_wall_s": small["wall_s"], "small_peak_rss_bytes": small["peak_rss_bytes"]})
    if "peak_rss_bytes" in big:
        report["peak_rss_big_over_small"] = round(big["peak_rss_bytes"] / small["peak_rss_bytes"], 4)
report["accounting_ok"] = not any(f.split(":")[0] in ("audit", "small", "big") for f in failures)
report["memory_flat_ok"] = flat_ok and peak_ok
report["failures"] = failures
report["passed"] = not failures
with open(f"{out_dir}/soak.json.tmp", "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
os.replace(f"{out_dir}/soak.json.tmp", f"{out_dir}/soak.json")

def mib(x):
    return "-" if x is None else f"{x / MIB:.1f} MiB"

print(f"irpsim soak (scripts/soak.sh {requested['big']}): {scenario}")
for label in ("big", "small", "audit"):
    e = report[label]
    if "wall_s" not in e:
        print(f"  {label:<5}: no results (exit code {e['exit_code']})")
        continue
    print(f"  {label:<5}: {e['issued']:>11,} issued {e['completed']:>11,} completed {e['stuck']} stuck "
          f"{e['violations']} violations | wall {e['wall_s']:8.1f} s, simulated {e['simulated_s']:7.2f} s, "
          f"{e['irps_per_wall_s']:>8,.0f} IRPs/wall s, peak {mib(e['peak_rss_bytes'])}")
if "cpu_s" in report:
    print(f"  big run: {report['hops_per_irp']:.1f} hops per IRP; CPU time {report['cpu_s']:.1f} s "
          f"({report['irps_per_cpu_s']:,.0f} IRPs per CPU second; wall/CPU x{report['wall_s'] / report['cpu_s']:.2f}, "
          f"load average {report['load_average_1min_during'][0]:.1f} at the start, "
          f"{report['load_average_1min_during'][1]:.1f} at the end on {os.cpu_count()} CPUs)")
if "irp_log" in report["audit"]:
    r = report["audit"]["irp_log"]
    print(f"  audit log: {r['workload_irps_issued']:,} workload IRPs issued, {r['workload_irps_completed']:,} completed; "
          f"{r['created_irps']:,} created requests, {r['created_irps_deleted']:,} deleted; "
          f"{r['violation_events']} violation events")
for label in ("big", "small"):
    w = report[label].get("workloads", {})
    for name, x in w.items():
        top = ", ".join(f"{k} {v:,}" for k, v in list(x["status_counts"].items())[:4])
        print(f"  {label:<5} {name:<11} {x['completed']:>10,} completed ({x['warmup_excluded']:,} warm-up): {top}")
if "growth_bytes" in mem_big:
    print(f"  memory, big run: RSS {mib(mem_big['rss_after_warmup_bytes'])} at {mem_big['rss_after_warmup_at_s']:.1f} s "
          f"(20% of the wall time), {mib(mem_big['rss_at_end_bytes'])} at the end ({mem_big['rss_at_end_at_s']:.1f} s): "
          f"growth {mem_big['growth_bytes'] / MIB:+.2f} MiB (limit {report['growth_limit_bytes'] / MIB:.1f} MiB), "
          f"slope {mem_big['rss_slope_after_warmup_bytes_per_s'] / 1024:+.1f} KiB/s: {'ok' if flat_ok else 'FAIL'}")
if "peak_rss_big_over_small" in report:
    print(f"  peak RSS: {mib(big['peak_rss_bytes'])} at {requested['big']:,} requests against "
          f"{mib(small['peak_rss_bytes'])} at {requested['small']:,} (x{report['peak_rss_big_over_small']:.3f}; "
          f"limit +{report['peak_growth_limit_bytes'] / MIB:.1f} MiB): {'ok' if peak_ok else 'FAIL'}")
print(f"  figures: {out_dir}/soak.json, rss.csv, rss-small.csv, summary.json")
if failures:
    print("FAILED:")
    for f in failures:
        print("  - " + f)
    sys.exit(1)
print("PASSED: every IRP accounted for, memory flat")
EOF
