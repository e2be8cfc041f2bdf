#!/usr/bin/env bash
# `irpsim sweep --slurm` and `irpsim compare --slurm` end to end on a throwaway single-node Slurm cluster started by
# scripts/slurm_local_cluster.sh (skipped, exit 77, where it cannot run: not root, no packages, another Slurm): a
# small sweep and a comparison submitted as job arrays and collected give files byte-identical to local runs; a
# replication whose summary is gone makes --collect exit 6 naming its point (sweep.json incomplete), and submitting
# again plans and runs that one run alone; --dry-run writes the plan and job script, prints the sbatch command and
# submits nothing. Every wait is bounded; the cluster is stopped on exit, whatever happens.
set -euo pipefail
cluster_sh="$SOURCE_DIR/scripts/slurm_local_cluster.sh"
started=$(date +%s)
# A cluster left running by an earlier run that was killed (CTest's timeout) is stopped before its folder goes.
bash "$cluster_sh" stop "$WORK/cluster" || true
rm -rf "$WORK"; mkdir -p "$WORK"

# 1. The cluster.
trap 'code=$?; bash "$cluster_sh" stop "$WORK/cluster" || true; exit $code' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
t0=$(date +%s%N)
set +e
env_line=$(bash "$cluster_sh" start "$WORK/cluster" 2> "$WORK/cluster-start.err"); code=$?
set -e
cat "$WORK/cluster-start.err" >&2
if [ $code -eq 77 ]; then
  reason=$(sed -n 's/^slurm_local_cluster: cannot start a local Slurm cluster here: //p' "$WORK/cluster-start.err" | head -n 1)
  echo "SKIPPED: cli: slurm: ${reason:-$(tail -n 1 "$WORK/cluster-start.err")}"
  exit 77
fi
[ $code -eq 0 ] || { echo "slurm_local_cluster.sh start failed with exit code $code"; exit 1; }
[[ "$env_line" == "export SLURM_CONF=$WORK/cluster/slurm.conf" ]] || { echo "unexpected start output: $env_line"; exit 1; }
eval "$env_line"
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

# What there is to see when something went wrong with the jobs of results folder $1.
diagnose() {
  echo "--- squeue"; timeout 10 squeue --states=all 2>&1 || true
  [ -z "${2:-}" ] || { echo "--- scontrol show job $2"; timeout 10 scontrol show job "$2" 2>&1 | grep -E 'JobId=|JobState=|ExitCode=|StdOut=' || true; }
  echo "--- slurmctld.log (end)"; tail -n 20 "$WORK/cluster/log/slurmctld.log" 2>&1 || true
  echo "--- slurmd.log (end)"; tail -n 20 "$WORK/cluster/log/slurmd.log" 2>&1 || true
  local f
  for f in "$1"/slurm/*.out "$1"/slurm/*.err; do
    [ -f "$f" ] || continue
    echo "--- $f (end)"; tail -n 20 "$f"
  done
}

# The job id in the `submitted: job JOBID (N array tasks)` line of file $1.
job_of() {
  local id
  id=$(sed -nE 's/^submitted: job ([0-9]+) .*/\1/p' "$1" | head -n 1)
  [ -n "$id" ] || { echo "no 'submitted: job JOBID (N array tasks)' line on stdout:" >&2; cat "$1" >&2; return 1; }
  echo "$id"
}

# Waits (at most 180 s, polling every second) until squeue no longer lists job $1, then checks that every one of its
# array tasks completed. $2: the results folder (for the diagnosis).
wait_job() {
  local job=$1 out rc t=0
  while :; do
    set +e; out=$(timeout 10 squeue -h -j "$job" -o '%i %T' 2>&1); rc=$?; set -e
    # A job that left squeue, and one purged from the controller's memory since (MinJobAge).
    if { [ $rc -eq 0 ] && [ -z "$out" ]; } || { [ $rc -ne 0 ] && grep -q 'Invalid job id' <<< "$out"; }; then break; fi
    if [ $t -ge 180 ]; then
      echo "job $job still not finished after 180 s: $out"
      diagnose "$2" "$job"
      return 1
    fi
    sleep 1; t=$((t + 1))
  done
  local states
  states=$(timeout 10 scontrol -o show job "$job" 2>/dev/null | grep -oE 'JobState=[A-Z_]+' | sort | uniq -c || true)
  if grep -v 'JobState=COMPLETED' <<< "$states" | grep -q JobState; then
    echo "job $job: not every array task completed:"; echo "$states"
    diagnose "$2" "$job"
    return 1
  fi
  echo "job $job done after ${t}s" >&2
}

# The number of runs in plan.json of results folder $1.
plan_runs() { python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["runs"]))' "$1/plan.json"; }

# Runs an --collect command; on a failure, what the jobs left behind.
collect() {
  local dir=$1; shift
  "$@" > "$WORK/collect.txt" 2> "$WORK/collect.err" || {
    local code=$?
    echo "collect failed with exit code $code: $*"; cat "$WORK/collect.txt" "$WORK/collect.err"
    diagnose "$dir"
    return 1
  }
}

same() { # folder $1 against $2: the files named after them
  local a=$1 b=$2 f; shift 2
  for f in "$@"; do
    cmp "$a/$f" "$b/$f" || { echo "$b/$f differs from the local run's"; diagnose "$b"; return 1; }
  done
}

# 2. and 3. A small sweep (3 points x 2 replications, each run about 0.1 s), run locally.
cat > "$WORK/small.sweep.json" <<EOF
{"name": "slurm-small", "base": "$SOURCE_DIR/scenarios/sweep/mm1.json", "seeds": 2, "parameters": [{"pointer": "/workloads/0/rate", "values": ["2k/s", "4k/s", "6k/s"]}]}
EOF
"$IRPSIM" sweep "$WORK/small.sweep.json" --out "$WORK/local" --quiet > "$WORK/local.txt"

# 4. and 5. The same through Slurm: 6 runs in chunks of 2 points, at most 2 array tasks at once, each on 2 cores
# running 2 runs at a time.
t1=$(date +%s)
slurm_sweep() {
  "$IRPSIM" sweep "$WORK/small.sweep.json" --slurm --out "$WORK/cluster-run" --array-limit 2 --chunk 2 --cpus-per-task 2
}
slurm_sweep > "$WORK/submit1.txt"
[ -f "$WORK/cluster-run/plan.json" ] && [ -f "$WORK/cluster-run/slurm/job.sh" ] \
  || { echo "--slurm did not write plan.json and slurm/job.sh"; ls -R "$WORK/cluster-run"; exit 1; }
[ "$(plan_runs "$WORK/cluster-run")" -eq 6 ] || { echo "plan.json: expected 6 runs, found $(plan_runs "$WORK/cluster-run")"; exit 1; }
job=$(job_of "$WORK/submit1.txt")
tasks=$(sed -nE 's/^submitted: job [0-9]+ \(([0-9]+) array tasks?\).*/\1/p' "$WORK/submit1.txt")
plan_tasks=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$WORK/cluster-run/plan.json")
[ "$tasks" = "$plan_tasks" ] && [ "$tasks" -ge 2 ] \
  || { echo "expected the plan's $plan_tasks (>= 2) array tasks on stdout, found '$tasks':"; cat "$WORK/submit1.txt"; exit 1; }
grep -qE -- "--array[= ]?0-$((tasks - 1))%2" "$WORK/cluster-run/slurm/job.sh" \
  || { echo "slurm/job.sh does not ask for tasks 0-$((tasks - 1)), 2 at once:"; cat "$WORK/cluster-run/slurm/job.sh"; exit 1; }
grep -q -- '^#SBATCH --cpus-per-task=2$' "$WORK/cluster-run/slurm/job.sh" && grep -q -- '--jobs 2$' "$WORK/cluster-run/slurm/job.sh" \
  || { echo "slurm/job.sh does not ask for 2 cores per task, 2 runs at once:"; cat "$WORK/cluster-run/slurm/job.sh"; exit 1; }
wait_job "$job" "$WORK/cluster-run"
collect "$WORK/cluster-run" "$IRPSIM" sweep --collect "$WORK/cluster-run"
same "$WORK/local" "$WORK/cluster-run" sweep.json sweep.csv sweep.html
sweep_s=$(( $(date +%s) - t1 ))

# 6. A replication whose results are gone: --collect says which point (exit 6); submitting again runs it alone.
key=$(ls "$WORK/cluster-run/points" | sort | sed -n 2p)
[ -f "$WORK/cluster-run/points/$key/1/summary.json" ] || { echo "no points/$key/1/summary.json"; ls -R "$WORK/cluster-run/points"; exit 1; }
rm "$WORK/cluster-run/points/$key/1/summary.json"
set +e
"$IRPSIM" sweep --collect "$WORK/cluster-run" > "$WORK/incomplete.txt" 2> "$WORK/incomplete.err"; code=$?
set -e
[ $code -eq 6 ] || { echo "--collect with a missing run: expected exit code 6, found $code"; cat "$WORK/incomplete.txt" "$WORK/incomplete.err"; exit 1; }
grep -qF "$key" "$WORK/incomplete.err" || { echo "--collect's stderr does not name the point $key:"; cat "$WORK/incomplete.err"; exit 1; }
python3 - "$WORK/cluster-run/sweep.json" "$key" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["complete"] is False, doc["complete"]
assert sys.argv[2] in doc["points_missing"], (sys.argv[2], doc["points_missing"])
PY
slurm_sweep > "$WORK/submit2.txt"
[ "$(plan_runs "$WORK/cluster-run")" -eq 1 ] || { echo "resubmission: expected a plan of 1 run, found $(plan_runs "$WORK/cluster-run")"; cat "$WORK/submit2.txt"; exit 1; }
job=$(job_of "$WORK/submit2.txt")
wait_job "$job" "$WORK/cluster-run"
collect "$WORK/cluster-run" "$IRPSIM" sweep --collect "$WORK/cluster-run"
same "$WORK/local" "$WORK/cluster-run" sweep.json sweep.csv sweep.html

# 7. compare through Slurm against compare run locally.
cmp_dir="$SOURCE_DIR/scenarios/compare"
compare() { "$IRPSIM" compare "$cmp_dir/split.json" --variants "$cmp_dir/split.variants.json" --seeds 2 "$@"; }
compare --out "$WORK/cmp-local" --quiet > "$WORK/cmp-local.txt"
compare --slurm --out "$WORK/cmp-cluster" > "$WORK/cmp-submit.txt"
job=$(job_of "$WORK/cmp-submit.txt")
wait_job "$job" "$WORK/cmp-cluster"
collect "$WORK/cmp-cluster" "$IRPSIM" compare --collect "$WORK/cmp-cluster"
same "$WORK/cmp-local" "$WORK/cmp-cluster" compare.json compare.csv

# 8. --dry-run: the plan and the job script, the sbatch command on stdout, no job.
timeout 10 squeue -h --states=all -o %i | sort > "$WORK/jobs-before"
"$IRPSIM" sweep "$WORK/small.sweep.json" --slurm --dry-run --out "$WORK/dry" > "$WORK/dry.txt"
[ -f "$WORK/dry/plan.json" ] && [ -f "$WORK/dry/slurm/job.sh" ] \
  || { echo "--dry-run did not write plan.json and slurm/job.sh"; ls -R "$WORK/dry"; exit 1; }
grep -qE '(^|[[:space:]/])sbatch([[:space:]]|$)' "$WORK/dry.txt" || { echo "--dry-run did not print the sbatch command:"; cat "$WORK/dry.txt"; exit 1; }
if grep -q '^submitted: job' "$WORK/dry.txt"; then echo "--dry-run says it submitted:"; cat "$WORK/dry.txt"; exit 1; fi
timeout 10 squeue -h --states=all -o %i | sort > "$WORK/jobs-after"
if [ -n "$(comm -13 "$WORK/jobs-before" "$WORK/jobs-after")" ]; then
  echo "--dry-run submitted a job:"; comm -13 "$WORK/jobs-before" "$WORK/jobs-after"; exit 1
fi

echo "cli: slurm: a sweep (6 runs, ${tasks} array tasks, 2 at once) and a comparison through a local Slurm cluster are byte-identical to local runs; a lost replication is exit 6 and resubmitted alone; --dry-run submits nothing (cluster up in ${start_ms} ms, sweep through Slurm ${sweep_s} s, all $(( $(date +%s) - started )) s)"
