// Flattens the summary's columnar "time_series" blocks into CSV rows, one per workload and interval, copying the
// numbers as the JSON has them (no recomputation, so the CSV and the summary cannot disagree). See
// time_series_csv.hpp for the columns; nothing here knows how the series were measured.
#include "sim/report/time_series_csv.hpp"

namespace irpsim::report {

using json = nlohmann::ordered_json;

const char* const kTimeSeriesCsvHeader =
    "workload,start_ns,interval_ns,completions,iops_per_s,bandwidth_bytes_per_s,mean_latency_ns,p99_latency_ns,"
    "outstanding_mean";

namespace {

// Scenario names are validated (no commas or quotes), but quote defensively should that ever change.
void append_text(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

// One cell from column `key` at row i: the JSON number as written in the summary; empty for null or missing.
void append_cell(std::string& out, const json& ts, const char* key, std::size_t i) {
  out += ',';
  const auto it = ts.find(key);
  if (it == ts.end() || !it->is_array() || i >= it->size())
    return;
  const json& v = (*it)[i];
  if (v.is_number())
    out += v.dump();
}

}  // namespace

std::string time_series_csv(const json& summary) {
  std::string out = kTimeSeriesCsvHeader;
  out += '\n';
  const auto workloads = summary.find("workloads");
  if (workloads == summary.end() || !workloads->is_array())
    return out;
  for (const json& w : *workloads) {
    const auto ts = w.find("time_series");
    if (ts == w.end() || !ts->is_object())
      continue;
    const auto start = ts->find("start_ns");
    if (start == ts->end() || !start->is_array())
      continue;
    const std::string name = w.contains("name") && w["name"].is_string() ? w["name"].get<std::string>() : "";
    const std::string interval = ts->contains("interval_ns") ? (*ts)["interval_ns"].dump() : "";
    for (std::size_t i = 0; i < start->size(); ++i) {
      append_text(out, name);
      append_cell(out, *ts, "start_ns", i);
      out += ',';
      out += interval;
      for (const char* key : {"completions", "iops_per_s", "bandwidth_bytes_per_s", "mean_latency_ns",
                              "p99_latency_ns", "outstanding_mean"})
        append_cell(out, *ts, key, i);
      out += '\n';
    }
  }
  return out;
}

}  // namespace irpsim::report
