// One array task of a Slurm plan (slurm_plan.hpp): `irpsim sweep|compare --plan DIR/plan.json --task N`. Runs the
// task's runs as `irpsim run` children (replications.hpp; a run whose summary.json is already a finished run with its
// seed, after a requeue say, is not run again), at most `jobs` at once, then writes DIR/slurm/tasks/N.json saying
// what became of each, for --collect. Exit code: 0 when every run finished (exit 0 or 3); otherwise the code compare
// and sweep would give (child_failure_exit_code), 130 after a SIGINT; 2 for a bad plan or task. (A SIGTERM, as
// scancel or a time limit sends, ends the task and its runs at once: --collect then reports them as not run.)
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "sim/cli/slurm_plan.hpp"

namespace irpsim::cli {

int run_plan_task(const std::string& plan_file, std::optional<std::size_t> task, const std::string& kind,
                  const std::string& self, unsigned jobs);

// What the tasks of DIR reported (DIR/slurm/tasks/*.json): for each (unit, replication), its outcome ("finished",
// "failed", "interrupted", "not started") and detail (how it ended). Unreadable files are passed over.
struct TaskReport {
  std::string outcome;
  std::string detail;
  std::size_t task = 0;
};
using TaskReports = std::map<std::pair<std::string, std::uint32_t>, TaskReport>;
TaskReports read_task_reports(const std::string& out_dir);

// The plan file at `path`, checked to be a plan of irpsim `kind`; every problem on stderr, and nullopt.
std::optional<SlurmPlan> load_plan(const std::string& path, const std::string& kind);

// For --collect: says on stderr why a run (`what`: "point KEY" or "variant NAME") has no finished result in DIR:
// what its task reported (and the start of its stderr), or that no task reported it.
void explain_missing_run(const std::string& what, std::uint32_t replication, std::uint64_t seed,
                         const std::filesystem::path& run_dir, const TaskReport* report,
                         const std::filesystem::path& out_dir);

}  // namespace irpsim::cli
