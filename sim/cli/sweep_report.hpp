// sweep.json from the summaries of every point of a sweep, and its views: the text table on stdout, sweep.csv and
// sweep.html. One row per point: its key, its parameter values, and the IOPS, mean, p50, p99 and p99.9 latency and the
// mean submission and completion latency (slat, clat) of the first workload of the scenario over all request types
// (the figures say so), and per host its CPU utilisation and per driver its CPU per request; each the mean over the
// point's replications with its 95% confidence interval when there are two or more (a figure as in compare.json).
// The page plots p99 and mean latency, and throughput, against the first parameter (one line per combination of the
// others' values), p99 against throughput (the classic throughput-latency curve), and when the runs spent CPU time,
// each host's utilisation and each driver's CPU per request against the first parameter. The table and the page
// leave out slat and clat, and the CPU figures, where they are 0 at every point (runs without CPU costs).
//
// Layout of sweep.json: schema_version, name, description, sweep_file, base{file, scenario}, seeds, complete (false
// when points are missing: the sweep was interrupted, or a run halted at a limit), points_missing[] (their keys),
// figures_of
// {workload, types: "all"}, parameters[] {label, pointer, values[]}, points[] {key, dir, values{LABEL: value},
// replications[] {replication, seed, exit_code}, problem_runs, iops_per_s, mean_ns, p50_ns, p99_ns, p99_9_ns,
// submission_mean_ns, completion_mean_ns, cpu{hosts[] {name, utilization_percent}, drivers[] {name,
// cpu_ns_per_request, dispatch_cpu_ns_per_request, completion_cpu_ns_per_request}}}. sweep.csv's CPU columns are
// named as cpu_metric_name says ("host.cpu0.utilization_percent"), each with its _ci95_low and _ci95_high.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cli/sweep_grid.hpp"

namespace irpsim::cli {

struct PointRun {
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  nlohmann::ordered_json summary;
};

struct PointResults {
  SweepPoint point;
  std::string dir;              // relative to the sweep folder: "points/KEY"
  std::vector<PointRun> runs;   // in replication order
};

struct SweepInput {
  const SweepFile* sweep = nullptr;
  std::string sweep_file;       // as given on the command line
  std::string base_file;        // the resolved base scenario path, or "" for an inline base
  std::string scenario_name;
  std::vector<PointResults> points;  // in grid order: the points whose every replication finished
  std::vector<std::string> points_missing;  // the keys of the others (Ctrl-C, a run halted at a limit), in grid order
};

nlohmann::ordered_json build_sweep_document(const SweepInput& input);

std::string render_sweep_table(const nlohmann::ordered_json& sweep);
// Columns: key, one per parameter label, replications, problem_runs, then for each figure F: F, F_ci95_low,
// F_ci95_high (the interval columns are empty with one replication).
std::string render_sweep_csv(const nlohmann::ordered_json& sweep);
std::string render_sweep_html(const nlohmann::ordered_json& sweep);

}  // namespace irpsim::cli
