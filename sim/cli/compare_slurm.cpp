// `irpsim compare --slurm` and `irpsim compare --collect` (compare_command.hpp, slurm_plan.hpp): the same layout on
// disk as a local comparison (compare_layout.hpp), so a Slurm run and a local run write identical outputs.
#include <filesystem>
#include <iostream>

#include "sim/cli/compare_command.hpp"
#include "sim/cli/compare_layout.hpp"
#include "sim/cli/compare_render.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/slurm_task.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

int compare_submit(const CompareOptions& options, const std::string& self) {
  auto ready = prepare_compare(options.scenario_file, options.variants_file);
  if (!ready)
    return kExitBadInput;
  const std::string base_name = ready->base["name"].get<std::string>();
  std::error_code ec;
  const fs::path out_dir =
      fs::absolute(options.out_dir.value_or((fs::path("results") / (base_name + "-compare")).string()), ec)
          .lexically_normal();
  // Resubmitting into the folder of an earlier --slurm comparison reuses its finished runs; anything else that is
  // there is kept only when asked to replace it.
  if (const int code = clear_compare_folder(out_dir, options.force, fs::exists(out_dir / "plan.json", ec),
                                            ", is not empty and holds no earlier --slurm comparison: add --force to "
                                            "replace the comparison there, or choose another folder with --out"))
    return code;
  SlurmPlan plan;
  plan.kind = "compare";
  plan.name = base_name;
  plan.irpsim = self;
  plan.scenario_file = options.scenario_file;
  plan.scenario_path = fs::absolute(options.scenario_file, ec).lexically_normal().string();
  plan.variants_file = options.variants_file;
  plan.variants_path = fs::absolute(options.variants_file, ec).lexically_normal().string();
  plan.seeds = options.seeds;
  plan.out_dir = out_dir.string();
  plan.slurm = options.slurm_options;
  std::size_t reused = 0;
  try {
    report::ensure_directory(out_dir.string());
    for (const CompareRun& run : lay_out_compare(*ready, out_dir, options.seeds, true)) {
      if (summary_is_complete((run.dir / "summary.json").string(), run.seed)) {
        ++reused;
        continue;
      }
      const std::string& name = ready->variants[run.variant].variant.name;
      plan.runs.push_back({name, run.replication, run.seed, (fs::path("runs") / name / "scenario.json").string(),
                           (fs::path("runs") / name / std::to_string(run.replication)).string()});
    }
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  plan.tasks = cut_into_tasks(plan.runs, false, plan.slurm.chunk);
  return write_and_submit(plan, reused);
}

int compare_collect(const std::string& dir) {
  const fs::path out_dir(dir);
  const std::optional<SlurmPlan> loaded = load_plan((out_dir / "plan.json").string(), "compare");
  if (!loaded)
    return kExitBadInput;
  const SlurmPlan& plan = *loaded;
  auto ready = prepare_compare(plan.scenario_path, plan.variants_path);
  if (!ready)
    return kExitBadInput;
  const std::vector<CompareRun> runs = lay_out_compare(*ready, out_dir, plan.seeds, false);
  const auto reports = read_task_reports(dir);
  std::size_t missing = 0;
  for (const CompareRun& run : runs) {
    if (summary_is_complete((run.dir / "summary.json").string(), run.seed))
      continue;
    ++missing;
    const std::string& name = ready->variants[run.variant].variant.name;
    const auto report = reports.find({name, run.replication});
    explain_missing_run("variant " + name, run.replication, run.seed, run.dir,
                        report == reports.end() ? nullptr : &report->second, out_dir);
  }
  if (missing > 0) {
    std::cerr << "irpsim: " << missing << " of " << runs.size() << " runs missing or failed; compare.json is "
              << "written once every run is there. To run only the others: irpsim compare "
              << shell_quote(plan.scenario_file) << " --variants " << shell_quote(plan.variants_file) << " --seeds "
              << plan.seeds << " --slurm --out " << shell_quote(dir) << " (with the same options)\n";
    return kExitIncomplete;
  }
  const std::optional<ojson> results = compare_results(*ready, plan.scenario_file, plan.variants_file, plan.seeds, runs,
                          std::vector<std::optional<int>>(runs.size()));
  if (!results)
    return kExitRunFailed;
  const ojson& doc = *results;
  if (!write_compare_outputs(out_dir, doc))
    return kExitWriteFailed;
  std::cout << render_compare_table(doc) << "\nresults: " << (out_dir / "compare.json").string()
            << ", compare.csv, compare.html\n";
  std::size_t problems = 0;
  for (const ojson& v : doc["variants"])
    problems += v["problem_runs"].get<std::size_t>();
  if (problems > 0)
    std::cerr << "irpsim: " << problems << " of " << runs.size()
              << " runs finished with stuck IRPs or framework violations\n";
  return problems > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
