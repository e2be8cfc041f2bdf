// `irpsim sweep SWEEP.json [--jobs N] [--out DIR]`: a base scenario plus parameters to vary (any value, by JSON
// pointer, over a list or a range), as a full grid. One row per point in DIR/sweep.csv and DIR/sweep.json, and
// DIR/sweep.html with throughput-latency curves (p99 against offered load or queue depth). Resumes: points whose
// results are already in DIR are not run again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "sim/cli/slurm_plan.hpp"

namespace irpsim::cli {

struct SweepOptions {
  std::string sweep_file;
  std::uint32_t jobs = 0;                    // 0: the machine's cores
  std::optional<std::string> out_dir;        // default results/<sweep name>
  bool quiet = false;
  bool force = false;                        // discard an existing results folder and run every point again
  // Slurm (slurm_plan.hpp): submit the runs as a job array; run one task of a plan; collect a plan's results.
  bool slurm = false;
  SlurmOptions slurm_options;
  std::optional<std::string> plan_file;      // --plan
  std::optional<std::size_t> task;           // --task
  std::optional<std::string> collect_dir;    // --collect
};

int sweep_command(const SweepOptions& options, const std::string& self);
// --slurm: lays the sweep out in DIR as a local run would (reusing finished runs), and submits the others.
int sweep_submit(const SweepOptions& options, const std::string& self);
// --collect DIR: sweep.json, .csv and .html from what the runs left in DIR, exactly as a local run writes them; the
// runs missing or failed are listed (exit 6), and submitting again runs only those.
int sweep_collect(const std::string& dir);

// What `sweep` checks before running anything: the sweep file, its base and every point of the grid. Prints every
// problem on stderr (JSON pointer, expected, found); true if there is none. `irpsim validate` uses it too.
bool validate_sweep_file(const std::string& sweep_file);

}  // namespace irpsim::cli
