#include "sim/cli/slurm_task.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/slurm_plan.hpp"
#include "sim/report/atomic_write.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

std::optional<SlurmPlan> load_plan(const std::string& path, const std::string& kind) {
  try {
    SlurmPlan plan = read_plan(path);
    if (plan.kind == kind)
      return plan;
    std::cerr << "irpsim: " << path << ": expected a plan of irpsim " << kind << ", found one of irpsim " << plan.kind
              << " (use irpsim " << plan.kind << " with it)\n";
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
  }
  return std::nullopt;
}

void explain_missing_run(const std::string& what, std::uint32_t replication, std::uint64_t seed,
                         const fs::path& run_dir, const TaskReport* report, const fs::path& out_dir) {
  std::cerr << "irpsim: " << what << ", replication " << replication << ": ";
  if (report == nullptr)
    std::cerr << "no result and no task reported it (still queued or running, cancelled, killed at its time limit, "
              << "or not in the plan: see " << (out_dir / "slurm").string() << "/task-N.out)\n";
  else if (report->outcome == "finished")
    std::cerr << "task " << report->task << " reported it finished, but its summary.json is missing or is not a "
              << "finished run with seed " << seed << " (removed or replaced since?)\n";
  else
    std::cerr << report->outcome << " in task " << report->task << ": " << report->detail << "; its stderr ("
              << (run_dir / "stderr.txt").string() << "):\n"
              << stderr_excerpt((run_dir / "stderr.txt").string());
}

int run_plan_task(const std::string& plan_file, std::optional<std::size_t> task, const std::string& kind,
                  const std::string& self, unsigned jobs) {
  const InterruptGuard interrupt_guard;  // a SIGINT: the runs halt and keep their results
  const std::optional<SlurmPlan> loaded = load_plan(plan_file, kind);
  if (!loaded)
    return kExitBadInput;
  const SlurmPlan& plan = *loaded;
  if (!task || *task >= plan.tasks.size()) {
    std::cerr << "irpsim: --task: expected a task number from 0 to " << plan.tasks.size() - (plan.tasks.empty() ? 0 : 1)
              << " of " << plan_file << ", found " << (task ? std::to_string(*task) : std::string("none")) << '\n';
    return kExitBadInput;
  }
  const fs::path out_dir(plan.out_dir);
  std::vector<ChildSpec> children;
  std::vector<std::size_t> child_run;  // index into plan.runs
  std::vector<std::size_t> reused;
  try {
    for (std::size_t index : plan.tasks[*task]) {
      const PlannedRun& run = plan.runs[index];
      const fs::path dir = out_dir / run.dir;
      if (summary_is_complete((dir / "summary.json").string(), run.seed)) {
        reused.push_back(index);  // the task ran before (requeued): this run had finished
        continue;
      }
      report::ensure_directory(dir.string());
      children.push_back(run_child(self, out_dir / run.scenario, run.seed, dir));
      child_run.push_back(index);
    }
    report::ensure_directory((out_dir / "slurm" / "tasks").string());
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  std::cerr << "irpsim: task " << *task << " of " << plan_file << ": " << children.size()
            << (children.size() == 1 ? " run" : " runs")
            << (reused.empty() ? std::string() : " (" + std::to_string(reused.size()) + " already done)") << '\n';
  Progress progress(false, "", children.size());
  const std::vector<ChildOutcome> outcomes = run_children(children, resolve_jobs(jobs), progress);

  int code = kExitOk;
  ojson runs = ojson::array();
  const auto record = [&](std::size_t index, const std::string& outcome, const std::string& detail) {
    const PlannedRun& run = plan.runs[index];
    runs.push_back({{"run", index}, {"unit", run.unit}, {"replication", run.replication}, {"dir", run.dir},
                    {"outcome", outcome}, {"detail", detail}});
  };
  for (std::size_t index : reused)
    record(index, "finished", "finished before");
  for (std::size_t c = 0; c < outcomes.size(); ++c) {
    const ChildOutcome& o = outcomes[c];
    const PlannedRun& run = plan.runs[child_run[c]];
    const bool done =
        o.finished() || (o.interrupted() && summary_is_complete(((out_dir / run.dir) / "summary.json").string(), run.seed));
    std::string outcome = done ? "finished" : o.interrupted() ? "interrupted" : (!o.ran && o.spawn_error.empty())
                                                                                   ? "not started"
                                                                                   : "failed";
    record(child_run[c], outcome, describe_outcome(o));
    if (done)
      continue;
    if (outcome == "failed")
      std::cerr << "irpsim: " << run.unit << ", replication " << run.replication << " (seed " << run.seed
                << "): " << describe_outcome(o) << "; its stderr (" << children[c].stderr_file << "):\n"
                << stderr_excerpt(children[c].stderr_file);
    if (code == kExitOk)
      code = outcome == "interrupted" ? kExitInterrupted
             : outcome == "failed"    ? child_failure_exit_code(o)
                                      : code;
  }
  if (code == kExitOk && interrupt_requested())
    code = kExitInterrupted;
  const ojson status = {{"task", *task}, {"runs", std::move(runs)}};
  try {
    report::write_file_atomically(task_status_path(plan.out_dir, *task), status.dump(2) + "\n");
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  return code;
}

TaskReports read_task_reports(const std::string& out_dir) {
  TaskReports reports;
  const fs::path dir = fs::path(out_dir) / "slurm" / "tasks";
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // directory order is not stable
  for (const fs::path& file : files) {
    try {
      const ojson doc = read_json_file(file.string());
      const std::size_t task = doc.at("task").get<std::size_t>();
      for (const ojson& run : doc.at("runs"))
        reports[{run.at("unit").get<std::string>(), run.at("replication").get<std::uint32_t>()}] = {
            run.at("outcome").get<std::string>(), run.at("detail").get<std::string>(), task};
    } catch (const std::exception&) {
      continue;  // a file from elsewhere, or cut short: what it would have said is simply not known
    }
  }
  return reports;
}

}  // namespace irpsim::cli
