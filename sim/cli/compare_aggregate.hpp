// compare.json from the summaries of every replication of every variant: per variant, workload and request type (and
// all types), each figure of summary_metrics.hpp and each status count as the mean over the replications with its 95%
// confidence interval (stats_ci.hpp), the change against the baseline (the first variant) in percent, and whether
// the two intervals are apart; plus the latency histograms merged over the replications, for the CDFs. Built only
// from the inputs, in their order, so the document does not depend on how the runs were scheduled.
//
// Layout: schema_version, scenario{name, file}, variants_file, description, replications, seeds[], confidence_percent,
// baseline, variants[] {name, description, patch, runs[] {replication, seed, dir, exit_code, stuck_irps, violations},
// problem_runs, workloads[] {name, types[], all_types}, cpu{hosts[] {name, metrics{KEY: figure}}, drivers[] {name,
// metrics{KEY: figure}}}}, where a type block is {type, metrics{KEY: figure}, status_counts{STATUS: figure},
// histogram{scheme, buckets[[index, count]]}}, the CPU metrics are cpu_metrics() (a host or driver is compared with
// the baseline's of the same name) and a figure is {mean, ci95_low, ci95_high, ci95_half_width, stddev,
// replications, values[], change_vs_baseline_percent, differs_from_baseline}.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

struct ReplicationRun {
  std::uint32_t replication = 0;
  std::uint64_t seed = 0;
  std::string dir;                  // relative to the compare folder, e.g. "runs/forward/0"
  int exit_code = 0;                // 0, or 3 (finished with problems)
  nlohmann::ordered_json summary;   // its summary.json
};

struct VariantRuns {
  std::string name, description;
  nlohmann::ordered_json patch;
  std::vector<ReplicationRun> runs; // in replication order
};

struct CompareInput {
  std::string scenario_name, scenario_file, variants_file, description;
  std::uint32_t replications = 0;
  std::vector<VariantRuns> variants; // the first is the baseline
};

nlohmann::ordered_json build_compare_document(const CompareInput& input);

// A figure's JSON from its per-replication values (null entries are left out of the estimate).
nlohmann::ordered_json figure_json(const std::vector<std::optional<double>>& values);

}  // namespace irpsim::cli
