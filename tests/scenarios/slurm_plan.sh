#!/usr/bin/env bash
# The Slurm mode without Slurm (it runs in the sanitizer build too; tests/scenarios/slurm.sh submits to a real local
# cluster): a sweep and a comparison planned with --slurm --dry-run, their array tasks run by executing the batch
# script the way Slurm would (SLURM_ARRAY_TASK_ID set), then --collect: outputs byte-identical to local runs. A run
# lost afterwards makes --collect exit 6 naming it, and planning again takes only that run. Bad uses exit 2 with a
# message: a task number out of range, a plan of the other kind, --collect of a folder without a plan, options that
# do not go together, a comparison into a folder that holds something else.
set -euo pipefail
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
cat > small.sweep.json <<JSON
{"name": "plan-small", "base": "$SOURCE_DIR/scenarios/sweep/mm1.json", "seeds": 2,
 "parameters": [{"pointer": "/workloads/0/rate", "values": ["2k/s", "4k/s", "6k/s"]}]}
JSON
expect_exit() {  # expect_exit CODE FRAGMENT COMMAND...: the exit code, and FRAGMENT on stderr
  local want=$1 fragment=$2 code=0
  shift 2
  "$@" > out.txt 2> err.txt || code=$?
  [ "$code" -eq "$want" ] || { echo "$*: exit $code, expected $want"; cat err.txt; exit 1; }
  grep -qF -- "$fragment" err.txt || { echo "$*: stderr lacks '$fragment':"; cat err.txt; exit 1; }
}
run_tasks() {  # run_tasks DIR: every array task of DIR's plan, as Slurm would run job.sh
  local n
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["tasks"]))' "$1/plan.json")
  for ((t = 0; t < n; t++)); do SLURM_ARRAY_TASK_ID=$t sh "$1/slurm/job.sh" 2> /dev/null; done
}

# A sweep.
"$IRPSIM" sweep small.sweep.json --out local --quiet > /dev/null
"$IRPSIM" sweep small.sweep.json --slurm --dry-run --chunk 2 --array-limit 2 --out planned > dry.txt
grep -q '^dry run: nothing submitted; to submit: sbatch --parsable .*planned/slurm/job.sh$' dry.txt || { cat dry.txt; exit 1; }
grep -q '^#SBATCH --array=0-1%2$' planned/slurm/job.sh || { cat planned/slurm/job.sh; exit 1; }
expect_exit 6 "no result and no task reported it" "$IRPSIM" sweep --collect planned
run_tasks planned
"$IRPSIM" sweep --collect planned > collect.txt
for f in sweep.json sweep.csv sweep.html; do cmp "local/$f" "planned/$f"; done
grep -q '"outcome": "finished"' planned/slurm/tasks/0.json

# A lost replication: named by --collect (exit 6, sweep.json incomplete), planned again alone.
lost=$(ls planned/points | sort | sed -n 2p)
rm "planned/points/$lost/1/summary.json"
expect_exit 6 "point $lost, replication 1: task 0 reported it finished, but its summary.json is missing" \
  "$IRPSIM" sweep --collect planned
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["complete"] is False and d["points_missing"] == [sys.argv[2]], d["points_missing"]' \
  planned/sweep.json "$lost"
"$IRPSIM" sweep small.sweep.json --slurm --dry-run --out planned > again.txt
grep -q '^plan: 1 run in 1 array task (5 runs already done left out)' again.txt || { cat again.txt; exit 1; }
run_tasks planned
"$IRPSIM" sweep --collect planned > /dev/null
cmp local/sweep.json planned/sweep.json

# A comparison.
cmp_args=("$SOURCE_DIR/scenarios/compare/split.json" --variants "$SOURCE_DIR/scenarios/compare/split.variants.json" --seeds 2)
"$IRPSIM" compare "${cmp_args[@]}" --out cmp-local --quiet > /dev/null
"$IRPSIM" compare "${cmp_args[@]}" --slurm --dry-run --chunk 3 --out cmp-planned > /dev/null
expect_exit 6 "variant no-split, replication 0: no result" "$IRPSIM" compare --collect cmp-planned
[ ! -e cmp-planned/compare.json ] || { echo "compare.json written with runs missing"; exit 1; }
run_tasks cmp-planned
"$IRPSIM" compare --collect cmp-planned > /dev/null
for f in compare.json compare.csv compare.html; do cmp "cmp-local/$f" "cmp-planned/$f"; done

# Bad uses.
expect_exit 2 "expected a task number from 0 to 2" "$IRPSIM" compare --plan cmp-planned/plan.json --task 3
expect_exit 2 "expected a plan of irpsim sweep, found one of irpsim compare" \
  "$IRPSIM" sweep --plan cmp-planned/plan.json --task 0
expect_exit 2 "plan.json" "$IRPSIM" sweep --collect local
expect_exit 2 "--plan needs --task" "$IRPSIM" sweep --plan planned/plan.json
expect_exit 2 "--out does not go with --collect" "$IRPSIM" sweep --collect planned --out elsewhere
expect_exit 2 "--partition goes with --slurm" "$IRPSIM" sweep small.sweep.json --partition p
expect_exit 2 "exclude each other" "$IRPSIM" sweep small.sweep.json --slurm --collect planned
expect_exit 2 "holds no earlier --slurm comparison" "$IRPSIM" compare "${cmp_args[@]}" --slurm --dry-run --out cmp-local
echo "slurm_plan: a sweep and a comparison run through their plans are byte-identical to local runs"
