// The figures compare and sweep take from each run's summary.json (sim/report/summary.hpp): per request type (or all
// types) of one workload, the IOPS, mean, p50, p99, p99.9 and max latency, the mean submission and completion
// latency (fio's slat and clat), and for all types the workload's share of completions out of order; and of the run's
// CPU (summary.json's "cpu" block), per host its utilisation and per driver its CPU per request. Every key carries its
// unit, as in summary.json.
#pragma once
#include <optional>
#include <string>
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
  // Not empty: tables show the column only when some figure of this key is not 0 (slat and clat follow slat, since a
  // run without CPU costs submits in no time and its clat is its latency); the JSON and CSV files always have it.
  std::string_view shown_when_nonzero = {};
};

// iops_per_s, mean_ns, p50_ns, p99_ns, p99_9_ns, max_ns, out_of_order_percent, submission_mean_ns,
// completion_mean_ns: in that order.
const std::vector<MetricDef>& compare_metrics();

// The value of `metric` in `type_block` (an element of a workload's "types" or its "all_types"); `workload` is the
// workload object (for ordering). None when the summary has null there (no samples) or the metric does not apply.
std::optional<double> metric_value(const MetricDef& metric, const nlohmann::ordered_json& workload,
                                   const nlohmann::ordered_json& type_block, bool all_types);

// Figures of the run's CPU: one per host or per driver of the scenario rather than per workload.
enum class CpuEntity { HOST, DRIVER };

struct CpuMetricDef {
  std::string_view key;        // e.g. "utilization_percent", "cpu_ns_per_request"
  std::string_view label;      // column title
  MetricUnit unit;
  CpuEntity entity;
};

// Per host: utilization_percent (busy core time over cores x simulated time, in percent). Per driver:
// cpu_ns_per_request, dispatch_cpu_ns_per_request, completion_cpu_ns_per_request (CPU per request its dispatch
// callback ran for, in all and by kind of step). In that order.
const std::vector<CpuMetricDef>& cpu_metrics();

// "hosts" or "drivers": the list in summary.json's "cpu" block, and the prefix of the flat names ("host", "driver").
std::string_view cpu_entity_list(CpuEntity entity);
std::string_view cpu_entity_prefix(CpuEntity entity);

// The names of the hosts or drivers in `summary`'s "cpu" block, in its order (none for a summary without one).
std::vector<std::string> cpu_entity_names(const nlohmann::ordered_json& summary, CpuEntity entity);

// The value of `metric` for the host or driver `name` in `summary`; none when the summary has no such entity or null
// there (a driver whose callback never ran has no CPU per request).
std::optional<double> cpu_metric_value(const CpuMetricDef& metric, const nlohmann::ordered_json& summary,
                                       const std::string& name);

// The flat name of a CPU figure in CSV files: "host.cpu0.utilization_percent", "driver.fdo.cpu_ns_per_request".
std::string cpu_metric_name(const CpuMetricDef& metric, const std::string& name);

// Whether the run reported problems: IRPs still stuck at the end, or framework violations (what exit code 3 means).
bool summary_has_problems(const nlohmann::ordered_json& summary);

}  // namespace irpsim::cli
