// The figures compare and sweep take from each run's summary.json (sim/report/summary.hpp): per request type (or all
// types) of one workload, the IOPS, mean, p50, p99, p99.9 and max latency, and for all types the workload's share of
// completions out of order. Every key carries its unit, as in summary.json.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

enum class MetricUnit { PER_S, NS, PERCENT };

struct MetricDef {
  std::string_view key;        // JSON key in compare.json / sweep.json, e.g. "p99_ns"
  std::string_view label;      // column title, e.g. "p99"
  MetricUnit unit;
  bool all_types_only = false; // only defined for all types (completion ordering is counted per workload)
};

// iops_per_s, mean_ns, p50_ns, p99_ns, p99_9_ns, max_ns, out_of_order_percent: in that order.
const std::vector<MetricDef>& compare_metrics();

// The value of `metric` in `type_block` (an element of a workload's "types" or its "all_types"); `workload` is the
// workload object (for ordering). None when the summary has null there (no samples) or the metric does not apply.
std::optional<double> metric_value(const MetricDef& metric, const nlohmann::ordered_json& workload,
                                   const nlohmann::ordered_json& type_block, bool all_types);

// Whether the run reported problems: IRPs still stuck at the end, or framework violations (what exit code 3 means).
bool summary_has_problems(const nlohmann::ordered_json& summary);

}  // namespace irpsim::cli
