// `irpsim compare`: load and validate the base scenario and every variant (before anything runs: a bad variant is
// exit 2 naming it and the JSON pointer), write each patched scenario to DIR/runs/VARIANT/scenario.json, run K
// replications of each as `irpsim run` child processes (replications.hpp), then read their summaries in a fixed order
// and write compare.json (compare_aggregate.hpp), compare.csv and compare.html, and print the table
// (compare_render.hpp). Runs that finish with problems (exit 3) are reported and make the exit code 3.
//
// Robustness: an existing, non-empty results folder is refused (exit 2) unless --force, which removes what compare
// writes there (runs/, compare.json, .csv, .html) and nothing else. Every file is written atomically; a write that
// fails is exit 5 with the path. Ctrl-C (replications.hpp): the running replications halt and keep their partial
// results, none starts any more, the finished ones are left as they are, compare.json is not written, exit 130.
#include "sim/cli/compare_command.hpp"

#include <filesystem>
#include <optional>
#include <iostream>

#include "sim/cli/compare_aggregate.hpp"
#include "sim/cli/compare_render.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"
#include "sim/cli/replications.hpp"
#include "sim/cli/summary_metrics.hpp"
#include "sim/cli/variants.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

struct PreparedVariant {
  Variant variant;
  VariantScenario scenario;
  std::string scenario_path;  // DIR/runs/NAME/scenario.json
};

struct PreparedCompare {
  ojson base;
  VariantsFile file;
  std::vector<PreparedVariant> variants;  // every variant, patched and validated
};

// The base scenario, the variants file and every patched variant, each validated; every problem on stderr.
std::optional<PreparedCompare> prepare_compare(const std::string& scenario_file, const std::string& variants_file) {
  PreparedCompare result;
  try {
    scenario::load_scenario_file(scenario_file);  // the base alone first: its own messages
    result.base = read_json_file(scenario_file);
    // Each run reads its scenario from its own folder: traces are named by absolute paths there.
    scenario::anchor_trace_paths(result.base, fs::path(scenario_file).parent_path());
    result.file = parse_variants(read_json_file(variants_file), variants_file);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }
  bool bad = false;
  for (std::size_t i = 0; i < result.file.variants.size(); ++i) {
    try {
      result.variants.push_back(
          {result.file.variants[i], build_variant(result.base, result.file.variants[i], i, variants_file), {}});
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
  const VariantsFile& file = ready->file;
  std::vector<PreparedVariant>& prepared = ready->variants;

  const std::string base_name = base["name"].get<std::string>();
  const fs::path out_dir = options.out_dir.value_or((fs::path("results") / (base_name + "-compare")).string());

  // An existing results folder is replaced only when asked to, and then only what compare writes there.
  if (nonempty_directory(out_dir.string())) {
    if (!options.force) {
      std::cerr << "irpsim: the results folder " << out_dir.string() << " already exists and is not empty: add "
                << "--force to replace the comparison there, or choose another folder with --out\n";
      return kExitBadInput;
    }
    try {
      remove_outputs(out_dir.string(), {"runs", "compare.json", "compare.csv", "compare.html"});
    } catch (const std::exception& e) {
      std::cerr << "irpsim: cannot replace the earlier results: " << e.what() << '\n';
      return kExitWriteFailed;
    }
  }

  // Folders and patched scenarios.
  std::vector<ChildSpec> children;
  struct Slot {
    std::size_t variant;
    std::uint32_t replication;
    std::uint64_t seed;
    fs::path dir;
  };
  std::vector<Slot> slots;
  try {
    report::ensure_directory(out_dir.string());
    for (PreparedVariant& p : prepared) {
      const fs::path dir = out_dir / "runs" / p.variant.name;
      report::ensure_directory(dir.string());
      p.scenario_path = (dir / "scenario.json").string();
      report::write_file_atomically(p.scenario_path, p.scenario.document.dump(2) + "\n");
    }
    // Replication-major order: the first replication of every variant starts first, so a variant that fails does
    // so early.
    for (std::uint32_t r = 0; r < options.seeds; ++r)
      for (std::size_t v = 0; v < prepared.size(); ++v) {
        const fs::path dir = out_dir / "runs" / prepared[v].variant.name / std::to_string(r);
        report::ensure_directory(dir.string());
        // Each variant's own seed (the base's, unless its patch sets "seed"): replication r of every variant draws
        // the same random numbers wherever the variants do not differ.
        const std::uint64_t seed = replication_seed(prepared[v].scenario.scenario.seed, r);
        // --force: the folder already holds the child's stderr.txt.
        children.push_back({{self, "run", prepared[v].scenario_path, "--seed", std::to_string(seed), "--out",
                             dir.string(), "--quiet", "--force"},
                            (dir / "stderr.txt").string()});
        slots.push_back({v, r, seed, dir});
      }
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
    const Slot& s = slots[i];
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

  CompareInput input;
  input.scenario_name = base_name;
  input.scenario_file = options.scenario_file;
  input.variants_file = options.variants_file;
  input.description = file.description;
  input.replications = options.seeds;
  for (const PreparedVariant& p : prepared)
    input.variants.push_back({p.variant.name, p.variant.description, p.variant.patch, {}});
  try {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const Slot& s = slots[i];
      const fs::path rel = fs::path("runs") / prepared[s.variant].variant.name / std::to_string(s.replication);
      ojson summary = read_json_file((s.dir / "summary.json").string());
      // A run that Ctrl-C reached after its summary.json was written: the exit code it would have had.
      const int exit_code = outcomes[i].finished() ? outcomes[i].exit_code
                            : summary_has_problems(summary) ? kExitRunFailed
                                                            : kExitOk;
      input.variants[s.variant].runs.push_back(
          {s.replication, s.seed, rel.generic_string(), exit_code, std::move(summary)});
    }
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "irpsim: cannot read a run's results: " << e.what() << '\n';
    return kExitRunFailed;
  }
  // Slots are replication-major; each variant's runs must be in replication order, which they are.

  const ojson doc = build_compare_document(input);
  try {
    report::write_file_atomically((out_dir / "compare.json").string(), doc.dump(2) + "\n");
    report::write_file_atomically((out_dir / "compare.csv").string(), render_compare_csv(doc));
    report::write_file_atomically((out_dir / "compare.html").string(), render_compare_html(doc));
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }
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
