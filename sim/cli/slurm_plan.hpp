// Sweeps and comparisons as Slurm job arrays (issue 8). The submitting command (`irpsim sweep|compare ... --slurm`)
// writes DIR/plan.json, the runs still to do cut into array tasks, and DIR/slurm/job.sh, the batch script, and
// submits it with sbatch. Each array task runs `irpsim sweep|compare --plan DIR/plan.json --task N`: the runs of task
// N, each an `irpsim run` child writing its own summary.json atomically, and then DIR/slurm/tasks/N.json, what became
// of each. `--collect DIR` reads the results from DIR as a local run would and writes the same outputs.
//
// Layout of plan.json: schema_version, kind ("sweep" or "compare"), name, irpsim (the binary the tasks run),
// inputs {sweep_file | scenario_file, variants_file: as given on the command line; *_path: absolute}, seeds
// (compare), out_dir (absolute), runs[] {unit (a point's key or a variant's name), replication, seed, scenario and
// dir (relative to out_dir)}, tasks[] (arrays of indices into runs), slurm {partition, array_limit, time_limit,
// cpus_per_task, chunk, sbatch_args}. Everything here is SimGrid-free and testable without Slurm.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

inline constexpr int kPlanSchemaVersion = 1;
// Slurm's default MaxArraySize is 1001 (indices 0 to 1000): by default a plan has at most this many tasks.
inline constexpr std::size_t kDefaultMaxTasks = 1000;

// How the array job is submitted (the command-line options of --slurm).
struct SlurmOptions {
  std::optional<std::string> partition;       // sbatch --partition
  std::optional<std::uint32_t> array_limit;   // at most this many tasks at once (--array=0-N%LIMIT)
  std::optional<std::string> time_limit;      // sbatch --time, per task (e.g. "30:00", "2-00:00:00")
  std::optional<std::uint32_t> cpus_per_task; // cores per array task, its runs going that many at once (default 1)
  std::optional<std::uint32_t> chunk;         // points (sweep) or runs (compare) per task; default: as few tasks
                                              // as kDefaultMaxTasks allows, one unit each when they fit
  std::vector<std::string> sbatch_args;       // more sbatch options, e.g. "--account=proj"
  bool dry_run = false;                       // write plan.json and job.sh, submit nothing
};

struct PlannedRun {
  std::string unit;            // the point's key (sweep) or the variant's name (compare)
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::string scenario;        // relative to out_dir: points/KEY/scenario.json, runs/NAME/scenario.json
  std::string dir;             // relative to out_dir: points/KEY/R, runs/NAME/R
};

struct SlurmPlan {
  std::string kind;            // "sweep" or "compare"
  std::string name;            // the sweep's name, or the base scenario's name
  std::string irpsim;          // absolute path of the binary the tasks run
  // Inputs as given on the command line (they appear in the outputs, which must match a local run's) and resolved.
  std::string sweep_file, sweep_path;                                     // sweep
  std::string scenario_file, scenario_path, variants_file, variants_path; // compare
  std::uint32_t seeds = 0;     // compare: replications per variant
  std::string out_dir;         // absolute
  std::vector<PlannedRun> runs;
  std::vector<std::vector<std::size_t>> tasks;  // indices into runs
  SlurmOptions slurm;
};

// Cuts runs into tasks: runs with the same unit stay together when `by_unit` (a sweep's point), else each run is a
// unit (a comparison's runs); `chunk` units per task, or (nullopt) the fewest per task that keeps the number of tasks
// within kDefaultMaxTasks. Units keep their order; an empty plan has no task.
std::vector<std::vector<std::size_t>> cut_into_tasks(const std::vector<PlannedRun>& runs, bool by_unit,
                                                     std::optional<std::uint32_t> chunk);

nlohmann::ordered_json plan_to_json(const SlurmPlan& plan);
// Reads and checks a plan file: every problem is a scenario::ScenarioError naming the JSON pointer (exit code 2).
SlurmPlan read_plan(const std::string& path);

// DIR/slurm/job.sh: an sbatch script for the plan's array (one task per plan task), output of task N to
// DIR/slurm/task-N.out, each task running `IRPSIM SUBCOMMAND --plan DIR/plan.json --task $SLURM_ARRAY_TASK_ID
// --jobs CPUS` on cpus_per_task cores.
std::string batch_script(const SlurmPlan& plan);
// The sbatch command line for the script: sbatch --parsable [sbatch_args...] SCRIPT.
std::vector<std::string> sbatch_command(const SlurmPlan& plan, const std::string& script_path);

// Runs sbatch (argv[0] looked up in PATH); returns the job id it printed, or throws std::runtime_error with sbatch's
// exit status and stderr.
std::string submit(const std::vector<std::string>& argv);

// A task's record of its runs, DIR/slurm/tasks/N.json: {task, runs[] {run, unit, replication, dir, outcome
// ("finished", "failed", "interrupted", "not started"), detail}}.
std::string task_status_path(const std::string& out_dir, std::size_t task);

// Writes DIR/plan.json and DIR/slurm/job.sh (after removing an earlier plan's slurm/ folder: its task reports and
// logs belong to other run numbers), then submits the script with sbatch, or with dry_run only prints the sbatch
// command. Prints what it did on stdout, and the --collect command to run once the job has ended. `reused`: the
// runs already done, which the plan leaves out. Returns the exit code: 0, 5 when a file cannot be written, 2 when
// sbatch fails (its message on stderr; the plan stays, to be submitted by hand).
int write_and_submit(const SlurmPlan& plan, std::size_t reused);

// One shell word: quoted with single quotes unless it is made only of safe characters.
std::string shell_quote(const std::string& word);

}  // namespace irpsim::cli
