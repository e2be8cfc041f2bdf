// `irpsim compare SCENARIO --variants VARIANTS.json [--seeds K] [--jobs N] [--out DIR]`: each variant (a JSON Merge
// Patch, RFC 7386, over the base scenario) runs K replications with independent seeds derived from the scenario's
// seed, in parallel child processes (`irpsim run --json`); the result does not depend on --jobs. Prints a table per
// variant and request type (IOPS, mean, p50, p99, p99.9, max latency, ordering, statuses: mean and 95% confidence
// interval over the replications, the change against the first variant, marked when the intervals do not overlap),
// and writes DIR/compare.json, DIR/compare.csv and DIR/compare.html (the CDFs of all variants on one plot).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "sim/cli/slurm_plan.hpp"

namespace irpsim::cli {

struct CompareOptions {
  std::string scenario_file;
  std::string variants_file;
  std::uint32_t seeds = 5;                   // replications per variant
  std::uint32_t jobs = 0;                    // 0: the machine's cores
  std::optional<std::string> out_dir;        // default results/<scenario name>-compare
  bool quiet = false;                        // no progress on stderr
  bool force = false;                        // replace an existing results folder
  // Slurm (slurm_plan.hpp): submit the runs as a job array; run one task of a plan; collect a plan's results.
  bool slurm = false;
  SlurmOptions slurm_options;
  std::optional<std::string> plan_file;      // --plan
  std::optional<std::size_t> task;           // --task
  std::optional<std::string> collect_dir;    // --collect
};

// `self` is the path of the running irpsim binary (for the child processes).
int compare_command(const CompareOptions& options, const std::string& self);
// --slurm: writes each variant's scenario into DIR and submits the runs not already done there as a job array. A
// non-empty DIR is refused unless it holds an earlier --slurm comparison (then its finished runs are reused) or
// --force is given.
int compare_submit(const CompareOptions& options, const std::string& self);
// --collect DIR: compare.json, .csv and .html from the runs in DIR, exactly as a local run writes them, once every
// run is there; otherwise nothing is written and the runs missing or failed are listed (exit 6).
int compare_collect(const std::string& dir);

// What `compare` checks before running anything: the base scenario, the variants file and every patched variant.
// Prints every problem on stderr (JSON pointer, expected, found); true if there is none. `irpsim validate` uses it.
bool validate_variants_file(const std::string& variants_file, const std::string& scenario_file);

}  // namespace irpsim::cli
