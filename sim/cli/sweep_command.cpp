// `irpsim sweep`: read the sweep file and its base scenario, expand the grid (sweep_grid.hpp) and validate every point
// before anything runs (a bad point is exit 2 naming its key and the JSON pointer), then run the replications that
// are not already in DIR as `irpsim run` child processes (replications.hpp) and write sweep.json, sweep.csv and
// sweep.html (sweep_report.hpp). Resume: a replication is reused when its summary.json exists, was made with the
// same seed and is a finished run (summary_is_complete: "run_status" "complete" or absent), and the point's saved scenario.json is byte-identical
// to the one the sweep would write now.
//
// Robustness: --force discards what an earlier sweep wrote in DIR (points/, sweep.json, .csv, .html; nothing else),
// so every point runs again. Every file is written atomically; a write that fails is exit 5 with the path. Ctrl-C
// (replications.hpp): the running replications halt and keep their partial results (run again on resume), none
// starts any more, sweep.json/.csv/.html are written for the points that finished, marked "complete": false, exit
// 130. A run halted at a limit (exit 4) leaves its point out in the same way, and the sweep exits 4.
#include "sim/cli/sweep_command.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"
#include "sim/cli/replications.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/cli/sweep_grid.hpp"
#include "sim/cli/sweep_report.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

struct PreparedPoint {
  SweepPoint point;
  std::string scenario_text;  // the point's scenario as written to points/KEY/scenario.json
  std::uint64_t seed = 0;     // the point's scenario seed (replication 0's)
};

struct PreparedSweep {
  SweepFile sweep;
  ojson base;                         // the base scenario document
  std::string base_path;              // its file, empty when inline
  std::vector<PreparedPoint> points;  // the grid, in order
};

// The text of a file, or nullopt when it cannot be read.
std::optional<std::string> try_read(const fs::path& path) {
  try {
    return read_text_file(path.string());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The sweep file, its base and every point of the grid, each validated; every problem on stderr. nullopt if any.
std::optional<PreparedSweep> prepare_sweep(const std::string& sweep_file) {
  PreparedSweep result;
  SweepFile& sweep = result.sweep;
  ojson& base = result.base;
  try {
    sweep = parse_sweep(read_json_file(sweep_file), sweep_file);
    if (sweep.base_file) {
      result.base_path = (fs::path(sweep_file).parent_path() / *sweep.base_file).lexically_normal().string();
      scenario::load_scenario_file(result.base_path);
      base = read_json_file(result.base_path);
      // Each point reads its scenario from its own folder: traces are named by absolute paths there.
      scenario::anchor_trace_paths(base, fs::path(result.base_path).parent_path());
    } else {
      base = sweep.base_inline;
      scenario::anchor_trace_paths(base, fs::path(sweep_file).parent_path());
      scenario::parse_scenario(to_plain_json(base), sweep_file + ": base");
    }
    check_pointers(sweep, base, sweep_file);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }

  const std::vector<SweepPoint> points = expand_grid(sweep.parameters);
  bool bad = false;
  std::map<std::string, std::size_t> keys;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (auto [it, fresh] = keys.emplace(points[i].key, i); !fresh) {
      std::cerr << sweep_file << ": /parameters: expected values that give every point its own folder, found "
                << "two points with the key " << scenario::detail::quote(points[i].key)
                << " (a string and a number with the same text?)\n";
      bad = true;
      continue;
    }
    ojson doc = apply_point(base, sweep.parameters, points[i]);
    scenario::anchor_trace_paths(doc, fs::path(sweep_file).parent_path());  // a trace file a parameter names
    try {
      const scenario::Scenario s =
          scenario::parse_scenario(to_plain_json(doc), sweep_file + ": point " + points[i].key);
      result.points.push_back({points[i], doc.dump(2) + "\n", s.seed});
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << '\n';
      bad = true;
    }
  }
  if (bad)
    return std::nullopt;
  return result;
}

}  // namespace

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
  struct Slot {
    std::size_t point;
    std::uint32_t replication;
    std::uint64_t seed;
    fs::path dir;
    std::optional<std::size_t> child;  // its index in `children` when it runs now; none when reused
  };
  std::vector<Slot> slots;         // every replication of every point, in grid order
  std::vector<ChildSpec> children; // the ones to run now
  std::vector<std::size_t> child_slot;
  const auto remove = [](const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec)
      throw std::runtime_error("cannot remove " + path.string() + ": " + ec.message());
  };
  try {
    report::ensure_directory(out_dir.string());
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      const PreparedPoint& p = prepared[i];
      const fs::path dir = out_dir / "points" / p.point.key;
      const fs::path scenario_path = dir / "scenario.json";
      const bool same_scenario = try_read(scenario_path) == p.scenario_text;
      if (!same_scenario) {  // new point, or the base or values changed under the same key: nothing is reusable
        remove(dir);
        report::ensure_directory(dir.string());
        report::write_file_atomically(scenario_path.string(), p.scenario_text);
      }
      for (std::uint32_t r = 0; r < sweep.seeds; ++r) {
        const std::uint64_t seed = replication_seed(p.seed, r);
        const fs::path run_dir = dir / std::to_string(r);
        slots.push_back({i, r, seed, run_dir, std::nullopt});
        if (same_scenario && summary_is_complete((run_dir / "summary.json").string(), seed))
          continue;  // done in an earlier sweep
        remove(run_dir);
        report::ensure_directory(run_dir.string());
        // --force: the folder already holds the child's stderr.txt.
        children.push_back({{self, "run", scenario_path.string(), "--seed", std::to_string(seed), "--out",
                             run_dir.string(), "--quiet", "--force"},
                            (run_dir / "stderr.txt").string()});
        child_slot.push_back(slots.size() - 1);
        slots.back().child = children.size() - 1;
      }
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
    const Slot& s = slots[child_slot[c]];
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
  SweepInput input;
  input.sweep = &sweep;
  input.sweep_file = options.sweep_file;
  input.base_file = ready->base_path;
  input.scenario_name = ready->base["name"].get<std::string>();
  std::vector<bool> point_done(prepared.size(), true);
  for (const Slot& s : slots)
    if (s.child && !child_done[*s.child])
      point_done[s.point] = false;
  std::vector<std::optional<std::size_t>> row_of(prepared.size());  // a point's row in the outputs, if it has one
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    if (point_done[i]) {
      row_of[i] = input.points.size();
      input.points.push_back({prepared[i].point, (fs::path("points") / prepared[i].point.key).generic_string(), {}});
    } else {
      input.points_missing.push_back(prepared[i].point.key);
    }
  }
  try {
    for (const Slot& s : slots)
      if (row_of[s.point])
        input.points[*row_of[s.point]].runs.push_back(
            {s.replication, s.seed, read_json_file((s.dir / "summary.json").string())});
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "irpsim: cannot read a run's results: " << e.what() << '\n';
    return kExitRunFailed;
  }

  const ojson doc = build_sweep_document(input);
  const auto write_outputs = [&]() {
    try {
      report::write_file_atomically((out_dir / "sweep.json").string(), doc.dump(2) + "\n");
      report::write_file_atomically((out_dir / "sweep.csv").string(), render_sweep_csv(doc));
      report::write_file_atomically((out_dir / "sweep.html").string(), render_sweep_html(doc));
      return true;
    } catch (const std::exception& e) {
      std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
      return false;
    }
  };
  const std::size_t reused = slots.size() - children.size();

  if (interrupted) {
    const bool written = write_outputs();
    for (std::size_t c : interrupted_runs) {
      const Slot& s = slots[child_slot[c]];
      std::cerr << "irpsim: interrupted: point " << prepared[s.point].point.key << ", replication " << s.replication
                << " (" << s.dir.string() << ")";
      print_unusual_interrupt(outcomes[c], children[c].stderr_file);
    }
    std::cerr << "irpsim: interrupted: " << reused + finished << " of " << slots.size() << " runs finished ("
              << reused << " reused), kept under " << (out_dir / "points").string() << "; "
              << interrupted_runs.size() << " interrupted, " << not_started << " not started"
              << (failed > 0 ? ", " + std::to_string(failed) + " failed" : std::string()) << "; "
              << (written ? "sweep.json, sweep.csv and sweep.html hold the " + std::to_string(input.points.size()) +
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
    std::cerr << "irpsim: " << problems << " of " << slots.size()
              << " runs finished with stuck IRPs or framework violations\n";
  if (limited) {
    std::cerr << "irpsim: " << input.points_missing.size() << " of " << prepared.size()
              << " points left out of the outputs: a run halted at a limit (above); sweep.json says \"complete\": "
              << "false and lists them in points_missing\n";
    return kExitStoppedAtLimit;
  }
  if (interrupt_requested()) {  // Ctrl-C after the last run had finished: everything was written all the same
    std::cerr << "irpsim: interrupted after all " << slots.size() << " runs had finished; the results were written\n";
    return kExitInterrupted;
  }
  return problems > 0 ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
