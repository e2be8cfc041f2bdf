// The per-interval time series of every workload as one CSV table (the CLI writes it as DIR/timeseries.csv), read
// from a summary JSON alone so it can be regenerated from a saved file.
//
// Header: workload,start_ns,interval_ns,completions,iops_per_s,bandwidth_bytes_per_s,mean_latency_ns,
// p99_latency_ns,outstanding_mean; then one row per workload and interval, workloads in summary order, intervals in
// time order. A null figure (no completion in the interval) is an empty cell. Numbers are written as the JSON has
// them. Left out: the series' end (end_ns) and per-type series, which the summary does not have either.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace irpsim::report {

// The header line, without its newline.
extern const char* const kTimeSeriesCsvHeader;

// The CSV text (header included, "\n" line ends). Workloads without a "time_series" block give no rows.
std::string time_series_csv(const nlohmann::ordered_json& summary);

}  // namespace irpsim::report
