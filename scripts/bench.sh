#!/usr/bin/env bash
# The performance benchmark of issue 4, in one command from a fresh clone: installs the dependencies and builds in
# Release (scripts/setup.sh, into build/), then runs side by side irpsim on scenario R1 (scenarios/bench/r1.json) and
# irpsim_plain_loop, a plain event-heap program of the same model (sim/bench/plain_loop.cpp), and prints wall time,
# IRPs and hops per wall second, wall time per hop and peak memory of each, the ratio irpsim / plain loop, and both
# programs' results against the theory (80,000 requests per simulated second, 400us mean latency, within 1%). Then
# R1 at 10,000,000 requests and at stack depth 10 (8 filters, a function driver, the bus driver), and how wall time
# and peak memory grow.
#
# CPU steps. R1 again with the CPU costs of scenarios/quickstart.json's drivers (r1-cpu: dispatch 1, 2, 1 us and
# completion 0.5, 1, 1 us from the top, 4 cores), in irpsim and in the plain loop, which runs irpsim's own host model
# (models/host_cpu.hpp) with the same costs; and scenarios/quickstart.json against its zero-CPU twin (every CPU cost
# set to 0), irpsim only. From the medians of these runs: the wall-time ratio with CPU / without, and what a CPU step
# costs in wall time, (wall per IRP with CPU - wall per IRP without) / CPU steps per IRP (steps run on a core),
# against a hop (wall per IRP without CPU / hops per IRP). The same figures from CPU time (user + system) follow,
# which a loaded machine disturbs far less than wall time: the plain loop's around its event loop, irpsim's of the
# whole process less its fixed cost (the median of the same scenario stopped at 1,000 requests, taken per IRP over
# the other requests). r1-cpu is checked against R1's theory too: the device stays the bottleneck (core 0 works
# 6.5 us per IRP, 52% busy at 80,000 IRPs per second). The scenarios besides the shipped ones are written by
# scripts/bench_scenarios.py; the tables are printed by scripts/bench_report.py.
#
# Usage: scripts/bench.sh [--quick] [--repeat N] [--cpu-repeat N] [--build-dir DIR] [--no-setup] [--json FILE]
#   --quick          skip the 10,000,000-request runs
#   --repeat N       run every R1 measurement N times and report the fastest (default 1; or BENCH_REPEAT=N); the
#                    CPU-step table takes the median of these N
#   --cpu-repeat N   run the quickstart and its zero-CPU twin N times each, alternately, and take the medians
#                    (default 5; or BENCH_CPU_REPEAT=N)
#   --build-dir DIR  build there instead of build/ (default build/, as scripts/quickstart.sh does)
#   --no-setup       do not run scripts/setup.sh (no package installs, no full build): only build irpsim and
#                    irpsim_plain_loop in DIR, which must be configured already
#   --json FILE      also write every run and every figure printed into FILE (JSON)
# Progress goes to stderr, the tables to stdout. The runs are interleaved (round i runs every configuration once),
# so a machine whose load drifts weighs on all of them alike. Exit code 0 when every R1 run agrees with the theory
# within 1%, 1 when one does not, 2 on a usage error.
#
# The plain loop runs in two forms (see sim/bench/plain_loop.cpp): `--targets actor`, one hop into and one out of
# every actor on the IRP's path including the I/O targets (4 hops per driver: 12 per IRP in R1), and `--targets
# inline`, sends and completions carried out in the driver's context (2 per driver + 2: 8 in R1). The table shows
# irpsim's own hops per IRP (run_info.hops / completed) and marks the form that makes the same number, if one does
# (irpsim also tells the submitting thread that its call returned with a message of its own: 9 in R1). Given CPU
# costs, the plain loop keeps its hops and adds one heap event per CPU step that runs on a core (its end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit "${1:-2}"; }

quick=0
setup=1
repeat="${BENCH_REPEAT:-1}"
cpu_repeat="${BENCH_CPU_REPEAT:-5}"
build_dir="$here/build"
json_out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-setup) setup=0 ;;
    --repeat) [ $# -ge 2 ] || usage; repeat="$2"; shift ;;
    --repeat=*) repeat="${1#--repeat=}" ;;
    --cpu-repeat) [ $# -ge 2 ] || usage; cpu_repeat="$2"; shift ;;
    --cpu-repeat=*) cpu_repeat="${1#--cpu-repeat=}" ;;
    --build-dir) [ $# -ge 2 ] || usage; build_dir="$2"; shift ;;
    --build-dir=*) build_dir="${1#--build-dir=}" ;;
    --json) [ $# -ge 2 ] || usage; json_out="$2"; shift ;;
    --json=*) json_out="${1#--json=}" ;;
    -h|--help) usage 0 ;;
    *) echo "bench: unknown argument $1" >&2; usage ;;
  esac
  shift
done
case "$repeat" in ''|*[!0-9]*|0) echo "bench: --repeat (BENCH_REPEAT) must be a positive integer, found '$repeat'" >&2; exit 2 ;; esac
case "$cpu_repeat" in ''|*[!0-9]*|0)
  echo "bench: --cpu-repeat (BENCH_CPU_REPEAT) must be a positive integer, found '$cpu_repeat'" >&2; exit 2 ;;
esac
case "$build_dir" in /*) ;; *) build_dir="$PWD/$build_dir" ;; esac
case "$json_out" in ''|/*) ;; *) json_out="$PWD/$json_out" ;; esac

if [ "$setup" -eq 1 ]; then
  echo "bench: installing dependencies if needed and building in Release into $build_dir" >&2
  BUILD_TYPE=Release "$here/scripts/setup.sh" "$build_dir" >&2
else
  [ -f "$build_dir/CMakeCache.txt" ] || { echo "bench: --no-setup: $build_dir is not a configured build tree" >&2; exit 2; }
  echo "bench: --no-setup: building irpsim and irpsim_plain_loop in $build_dir" >&2
fi
cmake --build "$build_dir" -j "$(nproc)" --target irpsim irpsim_plain_loop >&2
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build_dir/CMakeCache.txt" ||
  echo "bench: warning: $build_dir is not configured Release" >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/irpsim-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Every run uses these copies: the same programs throughout, even if the build tree is rebuilt meanwhile.
mkdir "$work/bin"
cp "$build_dir/irpsim" "$build_dir/irpsim_plain_loop" "$work/bin/"
irpsim="$work/bin/irpsim"
plain="$work/bin/irpsim_plain_loop"
results="$work/results.jsonl"
: >"$results"
cd "$here"

# The variants: R1 at 10M requests, at stack depth 10, with the quickstart's CPU costs; the quickstart's zero-CPU
# twin; and the plain loop's options for R1 with those costs (one per line).
python3 "$here/scripts/bench_scenarios.py" scenarios/bench/r1.json scenarios/quickstart.json "$work"
"$irpsim" validate scenarios/bench/r1.json "$work/r1-10m.json" "$work/r1-depth10.json" "$work/r1-cpu.json" \
  scenarios/quickstart.json "$work/quickstart-zero-cpu.json" >&2
mapfile -t plain_cpu <"$work/plain-cpu-args.txt"

# run_irpsim CONFIG SCENARIO: one run, its figures appended to $results as one JSON line, with the process's user +
# system CPU time (bash's `time`).
run_irpsim() {
  local config="$1" scenario="$2" out="$work/out-$1-$RANDOM" rc=0 TIMEFORMAT='%U %S'
  { time "$irpsim" run "$scenario" --json --out "$out" >/dev/null 2>"$work/irpsim.err"; } 2>"$work/irpsim.time" ||
    rc=$?
  cat "$work/irpsim.err" >&2
  if [ "$rc" -ne 0 ]; then
    echo "bench: irpsim run $scenario exited with $rc" >&2
    [ -f "$out/summary.json" ] || exit 1
  fi
  python3 "$here/scripts/bench_report.py" irpsim-row "$config" "$out/summary.json" "$rc" "$work/irpsim.time" \
    >>"$results"
  rm -rf "$out"
}

# run_plain CONFIG FORM ARGS...: one run of the plain loop (FORM: actor or inline).
run_plain() {
  local config="$1" form="$2"
  shift 2
  local line
  line="$("$plain" --targets "$form" "$@" 2>"$work/plain.err")" || {
    echo "bench: irpsim_plain_loop --targets $form $* failed:" >&2
    cat "$work/plain.err" >&2
    exit 1
  }
  printf '%s\n' "$line" | python3 "$here/scripts/bench_report.py" plain-row "$config" "$form" >>"$results"
}

# measure CONFIG LABEL SCENARIO PLAIN_ARGS...: irpsim and both forms of the plain loop, once each.
measure() {
  local config="$1" label="$2" scenario="$3"
  shift 3
  echo "bench: $label: irpsim..." >&2
  local t0=$SECONDS
  run_irpsim "$config" "$scenario"
  echo "bench:   irpsim took $((SECONDS - t0)) s; plain loop (targets actor, then inline)..." >&2
  run_plain "$config" actor "$@"
  run_plain "$config" inline "$@"
}

# quickstart_pair I: the quickstart and its zero-CPU twin, once each, the first of the two alternating by round.
quickstart_pair() {
  echo "bench: quickstart and its zero-CPU twin (run $1 of $cpu_repeat)..." >&2
  if [ $(($1 % 2)) -eq 1 ]; then
    run_irpsim quickstart scenarios/quickstart.json
    run_irpsim quickstart-zero-cpu "$work/quickstart-zero-cpu.json"
  else
    run_irpsim quickstart-zero-cpu "$work/quickstart-zero-cpu.json"
    run_irpsim quickstart scenarios/quickstart.json
  fi
  run_irpsim quickstart@1k "$work/quickstart-1k.json"
  run_irpsim quickstart-zero-cpu@1k "$work/quickstart-zero-cpu-1k.json"
}

if [ "$quick" -eq 1 ]; then
  echo "bench: --quick: skipping the 10,000,000-request runs" >&2
fi
rounds=$((repeat > cpu_repeat ? repeat : cpu_repeat))
for ((i = 1; i <= rounds; i++)); do
  if [ "$i" -le "$repeat" ]; then
    echo "bench: round $i of $repeat of the R1 measurements" >&2
    measure r1 "R1, 1,000,000 requests, depth 3" scenarios/bench/r1.json --requests 1000000 --drivers 3
    measure r1-cpu "R1 with the quickstart's CPU costs, 1,000,000 requests, depth 3" "$work/r1-cpu.json" \
      --requests 1000000 --drivers 3 "${plain_cpu[@]}"
    run_irpsim r1@1k "$work/r1-1k.json"
    run_irpsim r1-cpu@1k "$work/r1-cpu-1k.json"
    measure depth10 "R1 at stack depth 10, 1,000,000 requests" "$work/r1-depth10.json" --requests 1000000 --drivers 10
    if [ "$quick" -eq 0 ]; then
      measure r1-10m "R1 at 10,000,000 requests, depth 3 (irpsim takes a while)" "$work/r1-10m.json" \
        --requests 10000000 --drivers 3
    fi
  fi
  if [ "$i" -le "$cpu_repeat" ]; then
    quickstart_pair "$i"
  fi
done

report_args=(report "$results" "$repeat")
if [ -n "$json_out" ]; then
  report_args+=(--json "$json_out")
fi
python3 "$here/scripts/bench_report.py" "${report_args[@]}"
