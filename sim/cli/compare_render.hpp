// The human and spreadsheet views of compare.json (compare_aggregate.hpp), each rendered from the document alone:
// the text table on stdout, compare.csv (one row per variant, workload, type and figure) and compare.html (one
// self-contained page: the latency CDF of every variant on one plot with a log time axis, from the histograms merged
// over the replications, and the same tables as the text).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

// Per workload, all types then each request type: one row per variant with the mean of each figure, a line with the
// ± half-width of its 95% interval, and a line with the change against the baseline ("*" when the intervals do not
// overlap); then the status counts. Fits in 120 columns for variant names up to 20 characters (the slat and clat
// columns, shown only when a run took time to submit, add 26). Then, when a run spent CPU time, a table per host
// (its CPU utilization) and per driver (its CPU per request) in the same layout.
std::string render_compare_table(const nlohmann::ordered_json& compare);

// Columns: variant, workload, type, metric, replications, mean, ci95_low, ci95_high, ci95_half_width,
// change_vs_baseline_percent, differs_from_baseline. Status counts have metric "status_counts.STATUS_NAME"; the CPU
// figures have an empty workload and type and metric "host.NAME.KEY" or "driver.NAME.KEY" (cpu_metric_name).
std::string render_compare_csv(const nlohmann::ordered_json& compare);

std::string render_compare_html(const nlohmann::ordered_json& compare);

// The CDF of a merged histogram ({"scheme", "buckets": [[index, count], ...]}), as [[latency_us, fraction], ...]: a
// point at the lower edge of the first bucket with fraction 0, then the upper edge of every bucket with the fraction
// of samples at or below it (bucket edges as sim/stats/histogram.hpp defines them).
nlohmann::ordered_json histogram_cdf_points(const nlohmann::ordered_json& histogram);

}  // namespace irpsim::cli
