// `irpsim sweep SWEEP.json [--jobs N] [--out DIR]`: a base scenario plus parameters to vary (any value, by JSON
// pointer, over a list or a range), as a full grid. One row per point in DIR/sweep.csv and DIR/sweep.json, and
// DIR/sweep.html with throughput-latency curves (p99 against offered load or queue depth). Resumes: points whose
// results are already in DIR are not run again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace irpsim::cli {

struct SweepOptions {
  std::string sweep_file;
  std::uint32_t jobs = 0;                    // 0: the machine's cores
  std::optional<std::string> out_dir;        // default results/<sweep name>
  bool quiet = false;
  bool force = false;                        // discard an existing results folder and run every point again
};

int sweep_command(const SweepOptions& options, const std::string& self);

// What `sweep` checks before running anything: the sweep file, its base and every point of the grid. Prints every
// problem on stderr (JSON pointer, expected, found); true if there is none. `irpsim validate` uses it too.
bool validate_sweep_file(const std::string& sweep_file);

}  // namespace irpsim::cli
