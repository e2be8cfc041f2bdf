// write_and_submit (slurm_plan.hpp): the plan and its batch script on disk, then sbatch.
#include <filesystem>
#include <iostream>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/slurm_plan.hpp"
#include "sim/report/atomic_write.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;

int write_and_submit(const SlurmPlan& plan, std::size_t reused) {
  const fs::path dir(plan.out_dir);
  const std::string script = (dir / "slurm" / "job.sh").string();
  const std::string collect = "irpsim " + plan.kind + " --collect " + shell_quote(plan.out_dir);
  if (plan.runs.empty()) {
    std::cout << "nothing to submit: all " << reused << " runs are already in " << plan.out_dir
              << "\ncollect them: " << collect << '\n';
    return kExitOk;
  }
  try {
    remove_outputs(plan.out_dir, {"slurm", "plan.json"});
    report::ensure_directory((dir / "slurm" / "tasks").string());
    report::write_file_atomically((dir / "plan.json").string(), plan_to_json(plan).dump(2) + "\n");
    report::write_file_atomically(script, batch_script(plan));
    fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write the plan: " << e.what() << '\n';
    return kExitWriteFailed;
  }
  const std::vector<std::string> argv = sbatch_command(plan, script);
  std::string command;
  for (const std::string& a : argv)
    command += (command.empty() ? "" : " ") + shell_quote(a);
  const auto count = [](std::size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  std::cout << "plan: " << count(plan.runs.size(), "run") << " in " << count(plan.tasks.size(), "array task")
            << (reused > 0 ? " (" + count(reused, "run") + " already done left out)" : std::string())
            << ": " << (dir / "plan.json").string() << ", " << script << '\n';
  if (plan.slurm.dry_run) {
    std::cout << "dry run: nothing submitted; to submit: " << command << "\nwhen the job has ended: " << collect
              << '\n';
    return kExitOk;
  }
  try {
    const std::string job = submit(argv);
    std::cout << "submitted: job " << job << " (" << count(plan.tasks.size(), "array task") << ")\nwhen it has ended: "
              << collect << '\n';
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "irpsim: could not submit the job: " << e.what() << "\nirpsim: the plan is written; submit it by "
              << "hand with: " << command << '\n';
    return kExitBadInput;
  }
}

}  // namespace irpsim::cli
