// `irpsim sweep`: read the sweep file and its base scenario, expand the grid (sweep_grid.hpp) and validate every point
// before anything runs (a bad point is exit 2 naming its key and the JSON pointer), then run the replications that
// are not already in DIR as `irpsim run` child processes (replications.hpp) and write sweep.json, sweep.csv and
// sweep.html (sweep_report.hpp). Resume: a replication is reused when its summary.json exists, was made with the
// same seed and is a finished run (summary_is_complete: "run_status" "complete" or absent), and the point's saved
// scenario.json is byte-identical to the one the sweep would write now (sweep_layout.hpp). With --slurm, the runs go
// to a Slurm job array instead (sweep_slurm.cpp).
//
// Robustness: --force discards what an earlier sweep wrote in DIR (points/, sweep.json, .csv, .html; nothing else),
// so every point runs again. Every file is written atomically; a write that fails is exit 5 with the path. Ctrl-C
// (replications.hpp): the running replications halt and keep their partial results (run again on resume), none
// starts any more, sweep.json/.csv/.html are written for the points that finished, marked "complete": false, exit
// 130. A run halted at a limit (exit 4) leaves its point out in the same way, and the sweep exits 4.
#include "sim/cli/sweep_command.hpp"

#include <filesystem>
#include <iostream>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/sweep_layout.hpp"
#include "sim/cli/sweep_report.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

bool validate_sweep_file(const std::string& sweep_file) { return prepare_sweep(sweep_file).has_value(); }

int sweep_command(const SweepOptions& options, const std::string& self) {
  const InterruptGuard interrupt_guard;  // Ctrl-C: the runs halt, finished ones are kept, exit 130
  auto ready = prepare_sweep(options.sweep_file);
  if (!ready)
    return kExitBadInput;
  const SweepFile& sweep = ready->sweep;
  const std::vector<PreparedPoint>& prepared = ready->points;

  const fs::path out_dir = options.out_dir.value_or((fs::path("results") / sweep.name).string());
  // --force: what an earlier sweep wrote there is discarded (and nothing else), so every point runs again.
  if (options.force && nonempty_directory(out_dir.string())) {
    try {
      remove_outputs(out_dir.string(), {"points", "sweep.json", "sweep.csv", "sweep.html"});
    } catch (const std::exception& e) {
      std::cerr << "irpsim: cannot discard the earlier results: " << e.what() << '\n';
      return kExitWriteFailed;
    }
  }
  std::vector<SweepRun> runs;       // every replication of every point, in grid order
  std::vector<ChildSpec> children;  // the ones to run now
  std::vector<std::size_t> child_run;
  try {
    report::ensure_directory(out_dir.string());
    runs = lay_out_sweep(*ready, out_dir, true);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (runs[i].reusable)
        continue;  // done in an earlier sweep
      // --force: the folder already holds the child's stderr.txt.
      children.push_back(run_child(self, point_scenario_path(out_dir, prepared[runs[i].point]), runs[i].seed,
                                   runs[i].dir));
      child_run.push_back(i);
    }
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }

  Progress progress(progress_wanted(options.quiet), "sweep " + sweep.name, children.size());
  const std::vector<ChildOutcome> outcomes = run_children(children, resolve_jobs(options.jobs), progress);
  int hard = kExitOk;      // the first failure other than a run halted at a limit
  bool limited = false;    // a run halted at a limit (exit 4): its point is left out, the others are written
  std::size_t finished = 0, failed = 0, not_started = 0;
  std::vector<std::size_t> interrupted_runs;
  std::vector<bool> child_done(outcomes.size(), false);
  for (std::size_t c = 0; c < outcomes.size(); ++c) {
    const ChildOutcome& o = outcomes[c];
    const SweepRun& s = runs[child_run[c]];
    // A run Ctrl-C reached after it had written its summary.json is finished all the same.
    if (o.finished() || (o.interrupted() && summary_is_complete((s.dir / "summary.json").string(), s.seed))) {
      child_done[c] = true;
      ++finished;
      continue;
    }
    if (o.interrupted()) {
      interrupted_runs.push_back(c);
      continue;
    }
    if (!o.ran && o.spawn_error.empty()) {
      ++not_started;  // after another one failed, or after Ctrl-C
      continue;
    }
    ++failed;
    std::cerr << "irpsim: point " << prepared[s.point].point.key << ", replication " << s.replication << " (seed "
              << s.seed << "): " << describe_outcome(o) << "; its stderr (" << children[c].stderr_file << "):\n"
              << stderr_excerpt(children[c].stderr_file);
    const int code = child_failure_exit_code(o);
    if (code == kExitStoppedAtLimit)
      limited = true;
    else if (hard == kExitOk)
      hard = code;
  }
  const bool interrupted =
      finished < outcomes.size() && (interrupt_requested() || !interrupted_runs.empty());
  if (hard != kExitOk && !interrupted)
    return hard;

  // The points whose every replication is there (reused or finished now) go into the outputs; after Ctrl-C or a run
  // halted at a limit, the others are listed in sweep.json's points_missing.
  std::vector<bool> run_done(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i)
    run_done[i] = runs[i].reusable;
  for (std::size_t c = 0; c < children.size(); ++c)
    run_done[child_run[c]] = child_done[c];
  const std::optional<ojson> results = sweep_results(*ready, options.sweep_file, runs, run_done);
  if (!results)
    return kExitRunFailed;
  const ojson& doc = *results;
  const auto write_outputs = [&]() { return write_sweep_outputs(out_dir, doc); };
  const std::size_t reused = runs.size() - children.size();

  if (interrupted) {
    const bool written = write_outputs();
    const std::size_t points_written = doc["points"].size();
    for (std::size_t c : interrupted_runs) {
      const SweepRun& s = runs[child_run[c]];
      std::cerr << "irpsim: interrupted: point " << prepared[s.point].point.key << ", replication " << s.replication
                << " (" << s.dir.string() << ")";
      print_unusual_interrupt(outcomes[c], children[c].stderr_file);
    }
    std::cerr << "irpsim: interrupted: " << reused + finished << " of " << runs.size() << " runs finished ("
              << reused << " reused), kept under " << (out_dir / "points").string() << "; "
              << interrupted_runs.size() << " interrupted, " << not_started << " not started"
              << (failed > 0 ? ", " + std::to_string(failed) + " failed" : std::string()) << "; "
              << (written ? "sweep.json, sweep.csv and sweep.html hold the " + std::to_string(points_written) +
                                " of " + std::to_string(prepared.size()) +
                                " points that finished (\"complete\": false)"
                          : std::string("sweep.json not written"))
              << "; rerun the same command to resume\n";
    return written ? kExitInterrupted : kExitWriteFailed;
  }
  if (!write_outputs())
    return kExitWriteFailed;
  std::cout << render_sweep_table(doc) << "\nruns: " << children.size() << " run now, " << reused << " reused from "
            << out_dir.string() << "\nresults: " << (out_dir / "sweep.json").string() << ", sweep.csv, sweep.html\n";

  std::size_t problems = 0;
  for (const ojson& row : doc["points"])
    problems += row["problem_runs"].get<std::size_t>();
  if (problems > 0)
    std::cerr << "irpsim: " << problems << " of " << runs.size()
              << " runs finished with stuck IRPs or framework violations\n";
  if (limited) {
    std::cerr << "irpsim: " << doc["points_missing"].size() << " of " << prepared.size()
              << " points left out of the outputs: a run halted at a limit (above); sweep.json says \"complete\": "
              << "false and lists them in points_missing\n";
    return kExitStoppedAtLimit;
  }
  if (interrupt_requested()) {  // Ctrl-C after the last run had finished: everything was written all the same
    std::cerr << "irpsim: interrupted after all " << runs.size() << " runs had finished; the results were written\n";
    return kExitInterrupted;
  }
  return problems > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
