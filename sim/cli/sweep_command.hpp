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
};

int sweep_command(const SweepOptions& options, const std::string& self);

}  // namespace irpsim::cli
