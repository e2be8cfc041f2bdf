#include "sim/report/replay_block.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace irpsim::report {

using json = nlohmann::ordered_json;

namespace {

std::uint64_t to_ns(double s) { return s > 0 ? static_cast<std::uint64_t>(std::llround(s * 1e9)) : 0; }

}  // namespace

json replay_block(const scenario::WorkloadSpec& spec, std::uint64_t replayed) {
  const scenario::TraceSpec& t = *spec.trace;
  const replay::TraceCensus& c = t.census;
  json o;
  o["file"] = t.file;
  o["format"] = std::string(replay::format_name(t.format));
  const bool recorded = spec.kind == scenario::WorkloadSpec::Kind::TRACE_RECORDED;
  o["timing"] = recorded ? "recorded" : "closed";
  if (recorded) {
    o["time_scale"] = t.time_scale;
    o["time_origin"] = t.origin == scenario::TraceSpec::Origin::ZERO ? "zero" : "first_request";
    // When the first and last requests of the trace are issued (simulated time, whether or not the run got there).
    o["first_issue_ns"] = c.requests > 0 ? json(to_ns(t.issue_time_s(c.first_request_s))) : json(nullptr);
    o["last_issue_ns"] = c.requests > 0 ? json(to_ns(t.issue_time_s(c.last_request_s))) : json(nullptr);
  }
  json selection = json::object();
  if (t.selection.device)
    selection["device"] = *t.selection.device;
  if (t.format == replay::TraceFormat::BLKPARSE)
    selection["action"] = std::string(1, t.selection.blkparse_action);
  if (t.selection.file)
    selection["fio_file"] = *t.selection.file;
  o["selection"] = std::move(selection);
  o["lines"] = c.lines;
  o["records"] = c.records;
  o["requests"] = c.requests;
  o["replayed"] = std::min(replayed, c.requests);
  o["not_replayed"] = c.requests - std::min(replayed, c.requests);
  o["skipped"] = c.skipped;
  json reasons = json::object();
  for (const auto& [reason, count] : c.skipped_by_reason)
    reasons[reason] = count;
  o["skipped_by_reason"] = std::move(reasons);
  o["malformed"] = c.malformed;
  json lines = json::array();
  for (const replay::MalformedLine& m : c.first_malformed)
    lines.push_back({{"line", m.line}, {"problem", m.problem}});
  o["malformed_lines"] = std::move(lines);
  return o;
}

std::string describe_replay(const json& r) {
  const auto count = [&r](const char* key) -> std::uint64_t {
    auto it = r.find(key);
    return it != r.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
  };
  const auto text = [&r](const char* key) -> std::string {
    auto it = r.find(key);
    return it != r.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string how = text("timing") == "closed" ? "closed loop" : "at the recorded times";
  if (auto scale = r.find("time_scale"); scale != r.end() && scale->is_number() && scale->get<double>() != 1.0) {
    char factor[32];
    std::snprintf(factor, sizeof factor, " x%g", scale->get<double>());
    how += factor;
  }
  std::string line = "replayed " + std::to_string(count("replayed")) + " of " + std::to_string(count("requests")) +
                     " requests of " + text("file") + " (" + text("format") + ", " + how + "); " +
                     std::to_string(count("records")) + " records: " + std::to_string(count("skipped")) + " skipped";
  if (auto reasons = r.find("skipped_by_reason"); reasons != r.end() && reasons->is_object() && !reasons->empty()) {
    std::string list;
    for (const auto& [reason, n] : reasons->items())
      list += (list.empty() ? "" : ", ") + reason + " " + (n.is_number_unsigned() ? std::to_string(n.get<std::uint64_t>()) : "?");
    line += " (" + list + ")";
  }
  return line + ", " + std::to_string(count("malformed")) + " malformed";
}

}  // namespace irpsim::report
