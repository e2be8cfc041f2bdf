// `irpsim sweep --slurm` and `irpsim sweep --collect` (sweep_command.hpp, slurm_plan.hpp): the same layout on disk
// as a local sweep (sweep_layout.hpp), so a Slurm run and a local run of one sweep write identical outputs, and a
// sweep can be resumed either way.
#include <filesystem>
#include <iostream>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/slurm_task.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/cli/sweep_layout.hpp"
#include "sim/cli/sweep_report.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

int sweep_submit(const SweepOptions& options, const std::string& self) {
  auto ready = prepare_sweep(options.sweep_file);
  if (!ready)
    return kExitBadInput;
  std::error_code ec;
  const fs::path out_dir =
      fs::absolute(options.out_dir.value_or((fs::path("results") / ready->sweep.name).string()), ec).lexically_normal();
  if (options.force && nonempty_directory(out_dir.string())) {
    try {
      remove_outputs(out_dir.string(), {"points", "sweep.json", "sweep.csv", "sweep.html", "plan.json", "slurm"});
    } catch (const std::exception& e) {
      std::cerr << "irpsim: cannot discard the earlier results: " << e.what() << '\n';
      return kExitWriteFailed;
    }
  }
  SlurmPlan plan;
  plan.kind = "sweep";
  plan.name = ready->sweep.name;
  plan.irpsim = self;
  plan.sweep_file = options.sweep_file;
  plan.sweep_path = fs::absolute(options.sweep_file, ec).lexically_normal().string();
  plan.out_dir = out_dir.string();
  plan.slurm = options.slurm_options;
  std::size_t reused = 0;
  try {
    report::ensure_directory(out_dir.string());
    for (const SweepRun& run : lay_out_sweep(*ready, out_dir, true)) {
      if (run.reusable) {
        ++reused;
        continue;
      }
      const std::string key = ready->points[run.point].point.key;
      plan.runs.push_back({key, run.replication, run.seed, (fs::path("points") / key / "scenario.json").string(),
                           (fs::path("points") / key / std::to_string(run.replication)).string()});
    }
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  plan.tasks = cut_into_tasks(plan.runs, true, plan.slurm.chunk);
  return write_and_submit(plan, reused);
}

int sweep_collect(const std::string& dir) {
  const fs::path out_dir(dir);
  const std::optional<SlurmPlan> loaded = load_plan((out_dir / "plan.json").string(), "sweep");
  if (!loaded)
    return kExitBadInput;
  const SlurmPlan& plan = *loaded;
  auto ready = prepare_sweep(plan.sweep_path, plan.sweep_file);
  if (!ready)
    return kExitBadInput;
  const std::vector<SweepRun> runs = lay_out_sweep(*ready, out_dir, false);
  std::vector<bool> run_done(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i)
    run_done[i] = runs[i].reusable;
  const std::optional<ojson> results = sweep_results(*ready, plan.sweep_file, runs, run_done);
  if (!results)
    return kExitRunFailed;
  const ojson& doc = *results;
  if (!write_sweep_outputs(out_dir, doc))
    return kExitWriteFailed;
  std::cout << render_sweep_table(doc) << "\nresults: " << (out_dir / "sweep.json").string()
            << ", sweep.csv, sweep.html\n";

  const auto reports = read_task_reports(dir);
  std::size_t missing = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (run_done[i])
      continue;
    ++missing;
    const std::string& key = ready->points[runs[i].point].point.key;
    const auto report = reports.find({key, runs[i].replication});
    explain_missing_run("point " + key, runs[i].replication, runs[i].seed, runs[i].dir,
                        report == reports.end() ? nullptr : &report->second, out_dir);
  }
  if (missing > 0) {
    std::cerr << "irpsim: " << missing << " of " << runs.size() << " runs missing or failed; sweep.json holds the "
              << doc["points"].size() << " of " << ready->points.size() << " points that finished (\"complete\": "
              << "false). To run only the others: irpsim sweep " << shell_quote(plan.sweep_file) << " --slurm --out "
              << shell_quote(dir) << " (with the same options)\n";
    return kExitIncomplete;
  }
  std::size_t problems = 0;
  for (const ojson& row : doc["points"])
    problems += row["problem_runs"].get<std::size_t>();
  if (problems > 0)
    std::cerr << "irpsim: " << problems << " of " << runs.size()
              << " runs finished with stuck IRPs or framework violations\n";
  return problems > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
