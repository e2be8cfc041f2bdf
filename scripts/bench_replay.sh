#!/usr/bin/env bash
# Trace replay's cost (issue 7), in one command from a fresh clone: builds in Release (scripts/setup.sh, into build/),
# writes CSV traces of 1,000,000 and 10,000,000 reads (4 KiB, sequential, 12.5 us apart: R1's 80,000 per second),
# and runs R1's stack (scenarios/bench/r1.json) three ways: R1 itself (a synthetic closed loop at queue depth 32),
# the 1M trace replayed closed loop at queue depth 32 (the same IRPs, read from the trace), and the 10M trace
# likewise. It prints wall time, IRPs per wall second and peak memory of each, the ratio replay / synthetic, how
# peak memory grows from the 1M to the 10M trace (a streamed trace: it should not), and how fast `irpsim validate`
# reads a trace through (the parser's census, which every run does first).
#
# Usage: scripts/bench_replay.sh [--quick] [--build-dir DIR]
#   --quick          skip the 10,000,000-request trace
#   --build-dir DIR  build there instead of build/
# Progress on stderr, the table on stdout. Exit code 0 when every run replayed every request, 1 otherwise, 2 on a
# usage error. Wall times on a shared machine are noisy: compare ratios, run it twice.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
build_dir="$here/build"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --build-dir) [ $# -ge 2 ] || { echo "bench_replay: --build-dir needs a folder" >&2; exit 2; }; build_dir="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench_replay: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$build_dir" in /*) ;; *) build_dir="$PWD/$build_dir" ;; esac

echo "bench_replay: installing dependencies if needed and building in Release into $build_dir" >&2
BUILD_TYPE=Release "$here/scripts/setup.sh" "$build_dir" >&2
cmake --build "$build_dir" -j "$(nproc)" --target irpsim >&2
irpsim="$build_dir/irpsim"

work="$(mktemp -d "${TMPDIR:-/tmp}/irpsim-bench-replay.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sizes=(1000000)
[ "$quick" -eq 1 ] || sizes+=(10000000)

echo "bench_replay: writing traces of ${sizes[*]} requests in $work" >&2
python3 - "$here/scenarios/bench/r1.json" "$work" "${sizes[@]}" <<'PY'
import copy, json, sys
r1 = json.load(open(sys.argv[1]))
out = sys.argv[2]
for n in map(int, sys.argv[3:]):
    with open(f"{out}/trace-{n}.csv", "w", buffering=1 << 22) as f:
        f.write("time_us,type,size_bytes,offset_bytes\n")
        chunk = []
        for i in range(n):
            chunk.append(f"{i * 12.5},read,4096,{i * 4096}\n")
            if len(chunk) == 100000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
    s = copy.deepcopy(r1)
    s["name"] = f"r1-replay-{n}"
    s["description"] = f"R1's stack replaying {n} 4 KiB reads from a CSV trace, closed loop at queue depth 32."
    s["workloads"] = [{"name": "reader", "stack": "disk", "type": "trace",
                       "trace": {"file": f"trace-{n}.csv", "format": "csv", "timing": "closed", "queue_depth": 32}}]
    s.pop("stop", None)
    json.dump(s, open(f"{out}/replay-{n}.json", "w"), indent=2)
PY

# run NAME SCENARIO: one run; prints "NAME wall_s completed peak_rss_bytes replayed requests".
run() {
  local out="$work/out-$1"
  "$irpsim" run "$2" --json --out "$out" > /dev/null
  python3 - "$1" "$out/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[2]))
w, ri = s["workloads"][0], s["run_info"]
r = w.get("replay", {"replayed": w["completed"], "requests": w["completed"]})
print(sys.argv[1], ri["wall_s"], w["completed"], ri["peak_rss_bytes"], r["replayed"], r["requests"])
PY
  rm -rf "$out"
}

lines="$work/runs.txt"
: > "$lines"
echo "bench_replay: R1 (synthetic closed loop, 1,000,000 requests)" >&2
run synthetic-1M "$here/scenarios/bench/r1.json" >> "$lines"
for n in "${sizes[@]}"; do
  echo "bench_replay: replaying $n requests" >&2
  run "replay-$n" "$work/replay-$n.json" >> "$lines"
  start=$(date +%s.%N)
  "$irpsim" validate "$work/replay-$n.json" 2> /dev/null
  end=$(date +%s.%N)
  echo "census-$n $(python3 -c "print($end - $start)") $(stat -c %s "$work/trace-$n.csv")" >> "$lines"
done

python3 - "$lines" <<'PY'
import sys
runs, census = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[0].startswith("census-"):
        census[int(f[0][7:])] = (float(f[1]), int(f[2]))
    else:
        runs[f[0]] = (float(f[1]), int(f[2]), int(f[3]), int(f[4]), int(f[5]))
ok = all(r[3] == r[4] for r in runs.values())
mib = lambda b: b / 2**20
syn = runs["synthetic-1M"]
print("| run | requests | wall | IRPs per wall second | peak memory | wall / synthetic R1 |")
print("|---|---:|---:|---:|---:|---:|")
for name, (wall, done, rss, replayed, requests) in runs.items():
    print(f"| {name} | {done:,} | {wall:.2f} s | {done / wall:,.0f} | {mib(rss):.1f} MiB | x{(wall / done) / (syn[0] / syn[1]):.2f} per request |")
if "replay-10000000" in runs:
    a, b = runs["replay-1000000"], runs["replay-10000000"]
    print(f"\npeak memory, 10M-request trace against 1M: x{b[2] / a[2]:.3f} (a trace of x{census[10000000][1] / census[1000000][1]:.1f} the bytes)")
    print(f"wall time, 10M against 1M: x{b[0] / a[0]:.2f}")
for n, (wall, size) in sorted(census.items()):
    print(f"irpsim validate (the census) of the {n:,}-request trace ({size / 2**20:.0f} MiB): {wall:.2f} s, {n / wall:,.0f} lines per second")
print("\nevery run replayed every request" if ok else "\nBAD: a run did not replay every request")
sys.exit(0 if ok else 1)
PY
