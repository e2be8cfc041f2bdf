// `irpsim compare`: load and validate the base scenario and every variant (before anything runs: a bad variant is
// exit 2 naming it and the JSON pointer), write each patched scenario to DIR/runs/VARIANT/scenario.json, run K
// replications of each as `irpsim run` child processes (replications.hpp), then read their summaries in a fixed order
// and write compare.json (compare_aggregate.hpp), compare.csv and compare.html, and print the table
// (compare_render.hpp). Runs that finish with problems (exit 3) are reported and make the exit code 3.
//
// Robustness: an existing, non-empty results folder is refused (exit 2) unless --force, which removes what compare
// writes there (runs/, compare.json, .csv, .html, and a Slurm run's plan.json and slurm/) and nothing else. Every file is written atomically; a write that
// fails is exit 5 with the path. Ctrl-C (replications.hpp): the running replications halt and keep their partial
// results, none starts any more, the finished ones are left as they are, compare.json is not written, exit 130.
// With --slurm, the runs go to a Slurm job array instead (compare_slurm.cpp); the layout is compare_layout.hpp's.
#include "sim/cli/compare_command.hpp"

#include <filesystem>
#include <iostream>
#include <optional>

#include "sim/cli/compare_layout.hpp"
#include "sim/cli/compare_render.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/report/atomic_write.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

bool validate_variants_file(const std::string& variants_file, const std::string& scenario_file) {
  return prepare_compare(scenario_file, variants_file).has_value();
}

int compare_command(const CompareOptions& options, const std::string& self) {
  const InterruptGuard interrupt_guard;  // Ctrl-C: the runs halt, finished ones are kept, exit 130
  if (options.seeds < 1) {
    std::cerr << "irpsim: --seeds: expected at least 1 replication\n";
    return kExitBadInput;
  }
  // Everything is checked before anything runs or is written.
  auto ready = prepare_compare(options.scenario_file, options.variants_file);
  if (!ready)
    return kExitBadInput;
  const ojson& base = ready->base;
  std::vector<PreparedVariant>& prepared = ready->variants;

  const std::string base_name = base["name"].get<std::string>();
  const fs::path out_dir = options.out_dir.value_or((fs::path("results") / (base_name + "-compare")).string());

  // An existing results folder is replaced only when asked to, and then only what compare writes there.
  if (const int code = clear_compare_folder(out_dir, options.force, false,
                                            " and is not empty: add --force to replace the comparison there, or "
                                            "choose another folder with --out"))
    return code;

  // Folders and patched scenarios.
  std::vector<CompareRun> slots;
  std::vector<ChildSpec> children;
  try {
    report::ensure_directory(out_dir.string());
    slots = lay_out_compare(*ready, out_dir, options.seeds, true);
    for (const CompareRun& s : slots)
      children.push_back(run_child(self, prepared[s.variant].scenario_path, s.seed, s.dir));
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }

  Progress progress(progress_wanted(options.quiet), "compare " + base_name, children.size());
  const std::vector<ChildOutcome> outcomes = run_children(children, resolve_jobs(options.jobs), progress);

  // Hard failures first, in a fixed order: a run that could not start, exited 2, 4 or 5, or crashed.
  int hard = kExitOk;
  std::size_t finished = 0, failed = 0, not_started = 0;
  std::vector<std::size_t> interrupted_runs;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const ChildOutcome& o = outcomes[i];
    const CompareRun& s = slots[i];
    // A run Ctrl-C reached after it had written its summary.json is finished all the same.
    if (o.finished() || (o.interrupted() && summary_is_complete((s.dir / "summary.json").string(), s.seed))) {
      ++finished;
      continue;
    }
    if (o.interrupted()) {
      interrupted_runs.push_back(i);
      continue;
    }
    if (!o.ran && o.spawn_error.empty()) {
      ++not_started;  // after another one failed, or after Ctrl-C
      continue;
    }
    ++failed;
    std::cerr << "irpsim: variant " << prepared[s.variant].variant.name << ", replication " << s.replication
              << " (seed " << s.seed << "): " << describe_outcome(o) << "; its stderr (" << children[i].stderr_file
              << "):\n"
              << stderr_excerpt(children[i].stderr_file);
    if (hard == kExitOk)
      hard = child_failure_exit_code(o);
  }
  if (finished < outcomes.size() && (interrupt_requested() || !interrupted_runs.empty())) {
    for (std::size_t i : interrupted_runs) {
      std::cerr << "irpsim: interrupted: variant " << prepared[slots[i].variant].variant.name << ", replication "
                << slots[i].replication << " (" << slots[i].dir.string() << ")";
      print_unusual_interrupt(outcomes[i], children[i].stderr_file);
    }
    std::cerr << "irpsim: interrupted: " << finished << " of " << outcomes.size() << " runs finished (kept under "
              << (out_dir / "runs").string() << "); " << interrupted_runs.size() << " interrupted, " << not_started
              << " not started" << (failed > 0 ? ", " + std::to_string(failed) + " failed" : std::string())
              << "; compare.json, compare.csv and compare.html not written (run the command again with --force to "
              << "start over)\n";
    return kExitInterrupted;
  }
  if (hard != kExitOk)
    return hard;

  // A run that Ctrl-C reached after its summary.json was written: the exit code its summary gives.
  std::vector<std::optional<int>> exit_codes(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (outcomes[i].finished())
      exit_codes[i] = outcomes[i].exit_code;
  const std::optional<ojson> results = compare_results(*ready, options.scenario_file, options.variants_file, options.seeds, slots, exit_codes);
  if (!results)
    return kExitRunFailed;
  const ojson& doc = *results;
  if (!write_compare_outputs(out_dir, doc))
    return kExitWriteFailed;
  std::cout << render_compare_table(doc) << "\nresults: " << (out_dir / "compare.json").string() << ", compare.csv, "
            << "compare.html\n";

  std::size_t problems = 0;
  for (const ojson& v : doc["variants"])
    problems += v["problem_runs"].get<std::size_t>();
  if (problems > 0)
    std::cerr << "irpsim: " << problems << " of " << slots.size()
              << " runs finished with stuck IRPs or framework violations (see the warnings above)\n";
  if (interrupt_requested()) {  // Ctrl-C after the last run had finished: everything was written all the same
    std::cerr << "irpsim: interrupted after all " << slots.size() << " runs had finished; the results were written\n";
    return kExitInterrupted;
  }
  return problems > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
