// `irpsim run`: validate the scenario, simulate it, write DIR/summary.json atomically and print the report.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace irpsim::cli {

struct RunCommandOptions {
  std::string scenario_file;
  std::optional<std::string> out_dir;       // default results/<scenario name>
  std::optional<std::uint64_t> seed;        // overrides the scenario's seed
  bool json = false;                        // the summary JSON alone on stdout
  std::vector<std::string> simgrid_args;    // --cfg=... / --log=... for SimGrid
  std::optional<std::string> irp_log;       // per-IRP event log file (".csv": CSV, otherwise JSON lines)
  std::optional<std::string> trace;         // Chrome trace-event file
  std::uint64_t trace_max_irps = 2'000;     // IRPs traced at most, sampled by id (about 5 KB each)
  bool quiet = false;                       // no progress on stderr
  bool force = false;                       // replace the results already in out_dir
  // Limits (override the scenario's "limits"): simulated time, wall time (durations as in scenarios, e.g. "10s"),
  // requests in flight; a run halted by one writes partial results and exits 4.
  std::optional<std::string> max_simulated_time, max_wall_time;
  std::optional<std::uint64_t> max_in_flight;
};

int run_command(const RunCommandOptions& options);

}  // namespace irpsim::cli
