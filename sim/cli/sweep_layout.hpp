// A sweep laid out on disk, shared by the local run, the Slurm submission and --collect (sweep_command.cpp,
// sweep_slurm.cpp): the sweep file, its base and every point of the grid validated; each point's folder
// DIR/points/KEY with its scenario.json and one folder per replication; and sweep.json built from the summaries found
// there. A replication is reusable when its summary.json is a finished run with its seed and the point's saved
// scenario.json is byte-identical to the one the sweep writes now.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/sweep_grid.hpp"

namespace irpsim::cli {

struct PreparedPoint {
  SweepPoint point;
  std::string scenario_text;  // the point's scenario as written to points/KEY/scenario.json
  std::uint64_t seed = 0;     // the point's scenario seed (replication 0's)
};

struct PreparedSweep {
  SweepFile sweep;
  nlohmann::ordered_json base;        // the base scenario document
  std::string base_path;              // its file, empty when inline
  std::string base_shown;             // the same, relative to the sweep file as given (for sweep.json)
  std::vector<PreparedPoint> points;  // the grid, in order
};

// The sweep file, its base and every point of the grid, each validated; every problem on stderr. nullopt if any.
// `shown_as`: the sweep file's path as the user gave it, when it is read from another path (--collect reads the
// absolute path the plan recorded); sweep.json names the base relative to it, as a local run does.
std::optional<PreparedSweep> prepare_sweep(const std::string& sweep_file, const std::string& shown_as = "");

struct SweepRun {
  std::size_t point = 0;          // index into PreparedSweep::points
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::filesystem::path dir;      // DIR/points/KEY/R
  bool reusable = false;          // finished earlier with this seed and this scenario
};

// Every replication of every point, in grid order (replications in order). With `write`, each point's scenario.json
// is written where it differs from the saved one (and the point's earlier runs removed), and the folder of every run
// that is not reusable is emptied and made; throws std::runtime_error when that fails. Without, nothing is written.
std::vector<SweepRun> lay_out_sweep(const PreparedSweep& sweep, const std::filesystem::path& out_dir, bool write);

// The scenario path a point's runs read (DIR/points/KEY/scenario.json).
std::filesystem::path point_scenario_path(const std::filesystem::path& out_dir, const PreparedPoint& point);

// sweep.json from the summaries of the points whose every run is done (`run_done`, per run); the others are listed
// as missing. `sweep_file` as given on the command line. nullopt, with the reason on stderr, when a summary cannot be
// read.
std::optional<nlohmann::ordered_json> sweep_results(const PreparedSweep& sweep, const std::string& sweep_file,
                                     const std::vector<SweepRun>& runs, const std::vector<bool>& run_done);

// Writes sweep.json, sweep.csv and sweep.html into out_dir; false (and the reason on stderr) when a write fails.
bool write_sweep_outputs(const std::filesystem::path& out_dir, const nlohmann::ordered_json& doc);

}  // namespace irpsim::cli
