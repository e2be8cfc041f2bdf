#include "sim/report/summary.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <cmath>
#include <cstdio>
#include <map>

#include "sim/report/replay_block.hpp"

namespace irpsim::report {

using json = nlohmann::ordered_json;
using core::kAllRequestTypes;
using core::kRequestTypeCount;
using stats::LatencyStats;

const std::vector<double>& default_percentiles() {
  static const std::vector<double> list{1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
  return list;
}

std::string percentile_key(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", p);
  return buf;
}

namespace {

// Fixed rounding keeps the JSON short and readable; sub-nanosecond and 1e-3 percent digits carry no information.
double round3(double x) { return std::round(x * 1000.0) / 1000.0; }
// Fractions (0..1) keep six decimals: the same resolution as three decimals of a percentage, and then some.
double round6(double x) { return std::round(x * 1e6) / 1e6; }

// Saturates at 2^62 ns like the recorder (llround is unspecified beyond 2^63).
std::uint64_t s_to_ns(double s) {
  constexpr double kMaxNs = static_cast<double>(1ull << 62);
  return s > 0 ? (s * 1e9 < kMaxNs ? static_cast<std::uint64_t>(std::llround(s * 1e9)) : static_cast<std::uint64_t>(kMaxNs))
               : 0;
}

// value / window, or null when the window is empty.
json per_second(double amount, double window_s) {
  if (!(window_s > 0))
    return nullptr;
  return round3(amount / window_s);
}

json percent(double part, double whole) {
  if (!(whole > 0))
    return nullptr;
  return round3(part / whole * 100.0);
}

json fraction(double part, double whole) {
  if (!(whole > 0))
    return nullptr;
  return round6(part / whole);
}

// amount_ns / n, or null when there is nothing to divide by.
json per_unit_ns(double amount_ns, std::uint64_t n) {
  if (n == 0)
    return nullptr;
  return round3(amount_ns / static_cast<double>(n));
}

json latency_block(const LatencyStats& l) {
  if (l.count == 0)
    return nullptr;
  json b;
  b["samples"] = l.count;
  b["min_ns"] = l.min_ns;
  b["mean_ns"] = round3(l.mean_ns());
  b["stddev_ns"] = round3(l.stddev_ns());
  b["max_ns"] = l.max_ns;
  json pct = json::object();
  for (double p : default_percentiles())
    pct[percentile_key(p)] = std::llround(l.percentile_ns(p));
  b["percentiles_ns"] = std::move(pct);
  json buckets = json::array();
  l.histogram.for_each_nonzero([&](std::uint64_t i, std::uint64_t c) { buckets.push_back(json::array({i, c})); });
  b["histogram"] = {{"scheme", stats::Histogram::kSchemeName}, {"buckets", std::move(buckets)}};
  return b;
}

// The short form used in the layer table: mean, median, p99, max.
json short_block(const LatencyStats& l) {
  if (l.count == 0)
    return nullptr;
  return {{"mean_ns", round3(l.mean_ns())},
          {"p50_ns", std::llround(l.percentile_ns(50))},
          {"p99_ns", std::llround(l.percentile_ns(99))},
          {"max_ns", l.max_ns}};
}

// A short block for a time that is the rest of others (in layer less its CPU parts): only its mean is known, since
// its distribution is not recorded. Never below 0 (the parts are rounded to the nanosecond one by one).
json mean_only_block(double sum_ns, std::uint64_t count) {
  if (count == 0)
    return nullptr;
  return {{"mean_ns", round3(std::max(0.0, sum_ns / static_cast<double>(count)))}};
}

json status_block(const std::map<core::NtStatus, std::uint64_t>& counts) {
  json s = json::object();
  for (const auto& [status, n] : counts)  // std::map: sorted by status value
    s[core::status_name(status)] = n;
  return s;
}

// Fields shared by a per-type object and "all_types".
void fill_type_fields(json& o, const stats::TypeStats& t, double window_s) {
  o["requests"] = t.requests;
  o["bytes"] = t.bytes;
  o["iops_per_s"] = per_second(static_cast<double>(t.window_completions), window_s);
  o["bandwidth_bytes_per_s"] = per_second(static_cast<double>(t.window_bytes), window_s);
  o["latency_ns"] = latency_block(t.latency);
  // fio's slat and clat: issue -> the submitting thread's IoCallDriver returned, and from there to the completion.
  o["submission_latency_ns"] = latency_block(t.submission);
  o["completion_latency_ns"] = latency_block(t.completion_latency());
  o["status_counts"] = status_block(t.status_counts);
}

stats::TypeStats merge_types(const stats::WorkloadStats& w) {
  stats::TypeStats all;
  for (const stats::TypeStats& t : w.per_type) {
    all.requests += t.requests;
    all.bytes += t.bytes;
    all.window_completions += t.window_completions;
    all.window_bytes += t.window_bytes;
    all.latency.merge(t.latency);
    all.submission.merge(t.submission);
    all.completion.merge(t.completion_latency());
    for (const auto& [status, n] : t.status_counts)
      all.status_counts[status] += n;
  }
  all.completion_kept = true;  // merged from each type's completion latency above
  return all;
}

// Columnar arrays, one entry per interval. Rates divide by the whole interval (the last one, which ends at the last
// event, end_ns, may be partly covered); outstanding_mean is time-weighted over the covered part.
json time_series_block(const stats::TimeSeries& ts) {
  const std::vector<stats::IntervalFigures> figures = ts.figures();
  const double interval_s = static_cast<double>(ts.interval_ns()) / 1e9;
  json start = json::array(), completions = json::array(), iops = json::array(), bandwidth = json::array(),
       mean = json::array(), p99 = json::array(), outstanding = json::array();
  for (const stats::IntervalFigures& f : figures) {
    start.push_back(f.start_ns);
    completions.push_back(f.completions);
    iops.push_back(per_second(static_cast<double>(f.completions), interval_s));
    bandwidth.push_back(per_second(static_cast<double>(f.bytes), interval_s));
    mean.push_back(f.has_latency ? json(round3(f.mean_latency_ns)) : json(nullptr));
    p99.push_back(f.has_latency ? json(std::llround(f.p99_latency_ns)) : json(nullptr));
    outstanding.push_back(round3(f.outstanding_mean));
  }
  json o;
  o["interval_ns"] = ts.interval_ns();
  o["end_ns"] = ts.empty() ? json(nullptr) : json(ts.last_event_ns());
  o["start_ns"] = std::move(start);
  o["completions"] = std::move(completions);
  o["iops_per_s"] = std::move(iops);
  o["bandwidth_bytes_per_s"] = std::move(bandwidth);
  o["mean_latency_ns"] = std::move(mean);
  o["p99_latency_ns"] = std::move(p99);
  o["outstanding_mean"] = std::move(outstanding);
  return o;
}

// A recorded replay's mean request rate: (requests - 1) / (last issue time - first issue time); null when the trace
// issues everything at one instant.
json trace_offered_rate(const scenario::TraceSpec& t) {
  const double span_s = t.issue_time_s(t.census.last_request_s) - t.issue_time_s(t.census.first_request_s);
  if (t.census.requests < 2 || !(span_s > 0))
    return nullptr;
  return round3(static_cast<double>(t.census.requests - 1) / span_s);
}

json workload_block(const scenario::Scenario& sc, std::size_t wi, const stats::WorkloadStats& w) {
  const scenario::WorkloadSpec& spec = sc.workloads[wi];
  json o;
  o["name"] = spec.name;
  o["stack"] = spec.stack < sc.stacks.size() ? sc.stacks[spec.stack].name : std::string();
  o["kind"] = std::string(scenario::workload_kind_name(spec.kind));
  if (scenario::is_closed_loop(spec.kind))
    o["queue_depth"] = spec.queue_depth;
  else if (spec.trace)
    o["offered_rate_per_s"] = trace_offered_rate(*spec.trace);
  else
    o["offered_rate_per_s"] = round3(spec.rate_per_s);
  o["issued"] = w.issued;
  o["completed"] = w.completed;
  o["warmup_excluded"] = w.warmup_excluded;
  const bool has_window = w.first_measured_issue_s >= 0 && w.last_measured_completion_s >= w.first_measured_issue_s;
  const double window_s = has_window ? w.last_measured_completion_s - w.first_measured_issue_s : 0.0;
  o["measured_window_ns"] = has_window ? json(s_to_ns(window_s)) : json(nullptr);
  json types = json::array();
  for (core::RequestType type : kAllRequestTypes) {
    const stats::TypeStats& t = w.per_type[core::index_of(type)];
    if (t.requests == 0)
      continue;
    json to;
    to["type"] = std::string(core::type_name(type));
    fill_type_fields(to, t, window_s);
    types.push_back(std::move(to));
  }
  o["types"] = std::move(types);
  json all;
  fill_type_fields(all, merge_types(w), window_s);
  o["all_types"] = std::move(all);
  const stats::OrderingStats& ord = w.ordering;
  o["ordering"] = {{"completions", ord.completions()},
                   {"out_of_order", ord.out_of_order()},
                   {"out_of_order_percent", percent(static_cast<double>(ord.out_of_order()),
                                                    static_cast<double>(ord.completions()))},
                   {"inversions", ord.inversions()},
                   {"max_displacement", ord.max_displacement()}};
  o["time_series"] = time_series_block(w.time_series);
  if (spec.trace)
    o["replay"] = replay_block(spec, w.issued);
  return o;
}

// End-to-end latency sums of one stack over its workloads' measured requests, per type and over all types.
struct EndToEnd {
  std::array<double, kRequestTypeCount> sum_ns{};
  std::array<std::uint64_t, kRequestTypeCount> count{};
  double total_sum_ns() const { double s = 0; for (double x : sum_ns) s += x; return s; }
  std::uint64_t total_count() const { std::uint64_t n = 0; for (auto c : count) n += c; return n; }
};

EndToEnd end_to_end_of(const scenario::Scenario& sc, const stats::Recorder& rec, std::size_t stack) {
  EndToEnd e;
  for (std::size_t wi = 0; wi < sc.workloads.size() && wi < rec.workloads().size(); ++wi) {
    if (sc.workloads[wi].stack != stack)
      continue;
    for (std::size_t t = 0; t < kRequestTypeCount; ++t) {
      e.sum_ns[t] += rec.workloads()[wi].per_type[t].latency.sum_ns;
      e.count[t] += rec.workloads()[wi].per_type[t].latency.count;
    }
  }
  return e;
}

// A row of the layer table: per-type entries are built by `fill(json&, const Stats&)` plus a share of the same type's
// end-to-end time; the all-types entry merges the per-type stats with `merge`.
template <class Stats, class Fill, class Merge, class TimeOf, class CountOf>
void fill_row(json& row, const std::vector<Stats>& per_type, const EndToEnd& e2e, Fill fill, Merge merge,
              TimeOf time_in_row_ns, CountOf count_of) {
  Stats all{};
  for (const Stats& s : per_type)
    merge(all, s);
  fill(row, all);
  row["share_of_latency_percent"] = percent(time_in_row_ns(all), e2e.total_sum_ns());
  json types = json::array();
  for (core::RequestType type : kAllRequestTypes) {
    const Stats& s = per_type[core::index_of(type)];
    if (count_of(s) == 0)
      continue;
    json t;
    t["type"] = std::string(core::type_name(type));
    fill(t, s);
    t["share_of_latency_percent"] = percent(time_in_row_ns(s), e2e.sum_ns[core::index_of(type)]);
    types.push_back(std::move(t));
  }
  row["types"] = std::move(types);
}

json driver_row(const scenario::Scenario& sc, std::size_t d, const std::vector<stats::LayerStats>& per_type,
                const EndToEnd& e2e, double& share_sum) {
  json row;
  row["kind"] = "driver";
  row["name"] = sc.drivers[d].name;
  row["role"] = std::string(scenario::role_name(sc.drivers[d].role));
  auto fill = [](json& o, const stats::LayerStats& s) {
    o["requests"] = s.requests;
    o["passed_through"] = s.passed_through;
    o["queue_wait_ns"] = short_block(s.queue_wait);
    o["in_layer_ns"] = short_block(s.in_layer);
    o["below_ns"] = short_block(s.below);
    // The parts of in_layer: waiting for a core, spinning for locks, the driver's own CPU, and the rest (its own
    // delays: a completion delay, a retry's wait, a synchronous wait).
    o["core_wait_ns"] = short_block(s.core_wait);
    o["lock_spin_ns"] = short_block(s.spin);
    o["cpu_ns"] = short_block(s.cpu);
    o["own_delay_ns"] =
        mean_only_block(s.in_layer.sum_ns - s.core_wait.sum_ns - s.spin.sum_ns - s.cpu.sum_ns, s.in_layer.count);
  };
  auto merge = [](stats::LayerStats& a, const stats::LayerStats& b) {
    a.requests += b.requests;
    a.passed_through += b.passed_through;
    a.queue_wait.merge(b.queue_wait);
    a.in_layer.merge(b.in_layer);
    a.below.merge(b.below);
    a.core_wait.merge(b.core_wait);
    a.spin.merge(b.spin);
    a.cpu.merge(b.cpu);
  };
  auto time_of = [](const stats::LayerStats& s) { return s.queue_wait.sum_ns + s.in_layer.sum_ns; };
  auto count_of = [](const stats::LayerStats& s) { return s.requests + s.passed_through; };
  fill_row(row, per_type, e2e, fill, merge, time_of, count_of);
  if (row["share_of_latency_percent"].is_number())
    share_sum += row["share_of_latency_percent"].get<double>();
  return row;
}

json target_row(const scenario::Scenario& sc, const TargetInfo& info, const std::vector<stats::TargetStats>& per_type,
                const EndToEnd& e2e, double& share_sum) {
  json row;
  row["kind"] = "target";
  row["name"] = info.name;
  row["driver"] = info.driver < sc.drivers.size() ? sc.drivers[info.driver].name : std::string();
  auto fill = [](json& o, const stats::TargetStats& s) {
    o["requests"] = s.requests;
    o["held_ns"] = short_block(s.held);
  };
  auto merge = [](stats::TargetStats& a, const stats::TargetStats& b) {
    a.requests += b.requests;
    a.held.merge(b.held);
  };
  auto time_of = [](const stats::TargetStats& s) { return s.held.sum_ns; };
  auto count_of = [](const stats::TargetStats& s) { return s.requests; };
  fill_row(row, per_type, e2e, fill, merge, time_of, count_of);
  if (row["share_of_latency_percent"].is_number())
    share_sum += row["share_of_latency_percent"].get<double>();
  return row;
}

json device_row(const scenario::Scenario& sc, std::size_t dev, const std::vector<stats::DeviceStats>& per_type,
                const EndToEnd& e2e, double simulated_s, double& share_sum) {
  json row;
  row["kind"] = "device";
  row["name"] = sc.devices[dev].name;
  row["channels"] = sc.devices[dev].channels;
  const double capacity_s = static_cast<double>(std::max(1, sc.devices[dev].channels)) * simulated_s;
  auto fill = [capacity_s](json& o, const stats::DeviceStats& s) {
    o["requests"] = s.requests;
    o["queue_wait_ns"] = short_block(s.queue_wait);
    o["service_ns"] = short_block(s.service);
    // From the hardware's completion to the end of its DPC (core wait + ISR + DPC): part of the device's share.
    o["interrupt_ns"] = short_block(s.interrupt);
    o["utilization_percent"] = percent(s.busy_channel_s, capacity_s);  // busy channel time, warm-up included
  };
  auto merge = [](stats::DeviceStats& a, const stats::DeviceStats& b) {
    a.requests += b.requests;
    a.queue_wait.merge(b.queue_wait);
    a.service.merge(b.service);
    a.interrupt.merge(b.interrupt);
    a.busy_channel_s += b.busy_channel_s;
  };
  auto time_of = [](const stats::DeviceStats& s) {
    return s.queue_wait.sum_ns + s.service.sum_ns + s.interrupt.sum_ns;
  };
  auto count_of = [](const stats::DeviceStats& s) { return s.requests; };
  fill_row(row, per_type, e2e, fill, merge, time_of, count_of);
  if (row["share_of_latency_percent"].is_number())
    share_sum += row["share_of_latency_percent"].get<double>();
  return row;
}

// The stack's submitting threads: how long open-loop arrivals waited for a busy thread before the call (none in
// closed loops, whose threads issue when free). Present only when some arrival waited.
std::optional<json> threads_row(const scenario::Scenario& sc, const stats::Recorder& rec, std::size_t stack,
                                const EndToEnd& e2e, double& share_sum) {
  struct Waits {
    std::uint64_t requests = 0;
    stats::LatencyStats wait;
  };
  std::vector<Waits> per_type(kRequestTypeCount);
  bool any = false;
  for (std::size_t wi = 0; wi < sc.workloads.size() && wi < rec.workloads().size(); ++wi) {
    if (sc.workloads[wi].stack != stack)
      continue;
    for (std::size_t t = 0; t < kRequestTypeCount; ++t) {
      const stats::LatencyStats& w = rec.workloads()[wi].per_type[t].thread_wait;
      per_type[t].requests += w.count;
      per_type[t].wait.merge(w);
      any = any || w.sum_ns > 0;
    }
  }
  if (!any)
    return std::nullopt;
  json row;
  row["kind"] = "threads";
  row["name"] = "submitting threads";
  auto fill = [](json& o, const Waits& s) {
    o["requests"] = s.requests;
    o["queue_wait_ns"] = short_block(s.wait);
  };
  auto merge = [](Waits& a, const Waits& b) {
    a.requests += b.requests;
    a.wait.merge(b.wait);
  };
  auto time_of = [](const Waits& s) { return s.wait.sum_ns; };
  auto count_of = [](const Waits& s) { return s.requests; };
  fill_row(row, per_type, e2e, fill, merge, time_of, count_of);
  if (row["share_of_latency_percent"].is_number())
    share_sum += row["share_of_latency_percent"].get<double>();
  return row;
}

json layers_block(const scenario::Scenario& sc, const stats::Recorder& rec, const std::vector<TargetInfo>& targets,
                  double simulated_s) {
  json stacks = json::array();
  for (std::size_t si = 0; si < sc.stacks.size(); ++si) {
    const scenario::StackSpec& stack = sc.stacks[si];
    const EndToEnd e2e = end_to_end_of(sc, rec, si);
    double share_sum = 0;
    json rows = json::array();
    if (auto threads = threads_row(sc, rec, si, e2e, share_sum))
      rows.push_back(std::move(*threads));
    for (std::size_t d : stack.layers) {
      if (d >= sc.drivers.size() || d >= rec.layers().size())
        continue;
      rows.push_back(driver_row(sc, d, rec.layers()[d], e2e, share_sum));
      for (std::size_t ti = 0; ti < targets.size() && ti < rec.targets().size(); ++ti)
        if (targets[ti].driver == d)
          rows.push_back(target_row(sc, targets[ti], rec.targets()[ti], e2e, share_sum));
    }
    if (stack.device < sc.devices.size() && stack.device < rec.devices().size())
      rows.push_back(device_row(sc, stack.device, rec.devices()[stack.device], e2e, simulated_s, share_sum));
    json s;
    s["stack"] = stack.name;
    s["device"] = stack.device < sc.devices.size() ? sc.devices[stack.device].name : std::string();
    const std::uint64_t n = e2e.total_count();
    s["end_to_end"] = {{"requests", n},
                       {"mean_ns", n > 0 ? json(round3(e2e.total_sum_ns() / static_cast<double>(n))) : json(nullptr)}};
    s["share_sum_percent"] = n > 0 ? json(round3(share_sum)) : json(nullptr);
    s["rows"] = std::move(rows);
    stacks.push_back(std::move(s));
  }
  return stacks;
}

// ---------------------------------------------------------------------------------------------------------------
// Where CPU time went (stats::CpuUsage). Busy time of a core is its four kinds of work plus spinning for locks;
// utilisation divides busy time by the time available (cores x simulated time, or x one timeline bucket).

// The five parts of busy time, in summary order: dispatch, completion, isr, dpc, lock_spin.
constexpr std::size_t kBusyParts = stats::kCpuKinds + 1;
std::array<double, kBusyParts> busy_parts(const stats::CoreTime& c) {
  std::array<double, kBusyParts> parts{};
  for (std::size_t k = 0; k < stats::kCpuKinds; ++k)
    parts[k] = c.busy_s[k];
  parts[stats::kCpuKinds] = c.spin_s;
  return parts;
}
const char* busy_part_name(std::size_t k) { return k < stats::kCpuKinds ? stats::kCpuKindNames[k] : "lock_spin"; }

// busy_ns, utilization_fraction (over `available_s`), then both split by kind, then steps.
void fill_busy(json& o, const std::array<double, kBusyParts>& parts, std::uint64_t steps, double available_s) {
  double busy_s = 0;
  for (double p : parts)
    busy_s += p;
  o["busy_ns"] = s_to_ns(busy_s);
  o["utilization_fraction"] = fraction(busy_s, available_s);
  json by_kind_ns = json::object(), by_kind_fraction = json::object();
  for (std::size_t k = 0; k < kBusyParts; ++k) {
    by_kind_ns[busy_part_name(k)] = s_to_ns(parts[k]);
    by_kind_fraction[busy_part_name(k)] = fraction(parts[k], available_s);
  }
  o["busy_by_kind_ns"] = std::move(by_kind_ns);
  o["utilization_by_kind_fraction"] = std::move(by_kind_fraction);
  o["steps"] = steps;
}

json cpu_host_block(const stats::HostCpuUsage& h, double simulated_s) {
  json o;
  o["name"] = h.name;
  o["cores"] = h.cores.size();
  std::array<double, kBusyParts> total{};
  std::uint64_t steps = 0;
  json per_core = json::array();
  for (const stats::CoreTime& c : h.cores) {
    const auto parts = busy_parts(c);
    for (std::size_t k = 0; k < kBusyParts; ++k)
      total[k] += parts[k];
    steps += c.steps;
    json co;
    fill_busy(co, parts, c.steps, simulated_s);
    per_core.push_back(std::move(co));
  }
  fill_busy(o, total, steps, static_cast<double>(h.cores.size()) * simulated_s);
  o["per_core"] = std::move(per_core);
  // Busy core-seconds per bucket over every core; a run that ended inside its last bucket reads low there, as the
  // workloads' time series do.
  json timeline = json::array();
  const double capacity_s = static_cast<double>(h.cores.size()) * h.timeline_bucket_s;
  for (double busy_s : h.timeline_busy_s)
    timeline.push_back(capacity_s > 0 ? json(round6(busy_s / capacity_s)) : json(nullptr));
  o["timeline"] = {{"bucket_ns", s_to_ns(h.timeline_bucket_s)}, {"utilization_fraction", std::move(timeline)}};
  return o;
}

// One kind of step of a driver: totals, and per request the driver's dispatch callback ran for.
json step_block(const stats::StepTotals& t, std::uint64_t requests) {
  return {{"steps", t.steps},
          {"cpu_ns", s_to_ns(t.cpu_s)},
          {"core_wait_ns", s_to_ns(t.core_wait_s)},
          {"lock_spin_ns", s_to_ns(t.spin_s)},
          {"cpu_ns_per_request", per_unit_ns(t.cpu_s * 1e9, requests)},
          {"core_wait_ns_per_request", per_unit_ns(t.core_wait_s * 1e9, requests)},
          {"lock_spin_ns_per_request", per_unit_ns(t.spin_s * 1e9, requests)}};
}

json cpu_driver_block(const scenario::Scenario& sc, std::size_t d, const stats::DriverCpuUsage& u,
                      double simulated_s) {
  const scenario::DriverSpec& spec = sc.drivers[d];
  // A request costs one dispatch callback; its completion routines (none for a request the driver completes itself,
  // several for one it splits) are charged to it as well.
  const std::uint64_t requests = u.dispatch.steps;
  json o;
  o["name"] = spec.name;
  o["host"] = spec.host < sc.hosts.size() ? sc.hosts[spec.host].name : std::string();
  o["requests"] = requests;
  o["cpu_ns"] = s_to_ns(u.dispatch.cpu_s + u.completion.cpu_s);
  o["core_wait_ns"] = s_to_ns(u.dispatch.core_wait_s + u.completion.core_wait_s);
  o["lock_spin_ns"] = s_to_ns(u.dispatch.spin_s + u.completion.spin_s);
  o["cpu_ns_per_request"] = per_unit_ns((u.dispatch.cpu_s + u.completion.cpu_s) * 1e9, requests);
  o["core_wait_ns_per_request"] = per_unit_ns((u.dispatch.core_wait_s + u.completion.core_wait_s) * 1e9, requests);
  o["lock_spin_ns_per_request"] = per_unit_ns((u.dispatch.spin_s + u.completion.spin_s) * 1e9, requests);
  o["dispatch"] = step_block(u.dispatch, requests);
  o["completion"] = step_block(u.completion, requests);
  json locks = json::array();
  for (const stats::LockUsage& l : u.locks)
    locks.push_back({{"name", l.name},
                     {"acquisitions", l.acquisitions},
                     {"hold_ns", s_to_ns(l.hold_s)},
                     {"wait_ns", s_to_ns(l.wait_s)},
                     {"hold_ns_per_acquisition", per_unit_ns(l.hold_s * 1e9, l.acquisitions)},
                     {"wait_ns_per_acquisition", per_unit_ns(l.wait_s * 1e9, l.acquisitions)},
                     {"utilization_fraction", fraction(l.hold_s, simulated_s)}});
  o["locks"] = std::move(locks);
  return o;
}

json cpu_device_block(const scenario::Scenario& sc, std::size_t dev, const stats::InterruptTotals& t) {
  const scenario::DeviceSpec& spec = sc.devices[dev];
  return {{"name", spec.name},
          {"host", spec.host < sc.hosts.size() ? sc.hosts[spec.host].name : std::string()},
          {"interrupts", t.interrupts},
          {"isr_ns", s_to_ns(t.isr_s)},
          {"dpc_ns", s_to_ns(t.dpc_s)},
          {"core_wait_ns", s_to_ns(t.core_wait_s)},
          {"isr_ns_per_interrupt", per_unit_ns(t.isr_s * 1e9, t.interrupts)},
          {"dpc_ns_per_interrupt", per_unit_ns(t.dpc_s * 1e9, t.interrupts)},
          {"core_wait_ns_per_interrupt", per_unit_ns(t.core_wait_s * 1e9, t.interrupts)}};
}

json cpu_block(const scenario::Scenario& sc, const stats::CpuUsage& cpu, double simulated_s) {
  json hosts = json::array(), drivers = json::array(), devices = json::array();
  for (const stats::HostCpuUsage& h : cpu.hosts)
    hosts.push_back(cpu_host_block(h, simulated_s));
  for (std::size_t d = 0; d < cpu.drivers.size() && d < sc.drivers.size(); ++d)
    drivers.push_back(cpu_driver_block(sc, d, cpu.drivers[d], simulated_s));
  for (std::size_t dev = 0; dev < cpu.devices.size() && dev < sc.devices.size(); ++dev)
    devices.push_back(cpu_device_block(sc, dev, cpu.devices[dev]));
  return {{"hosts", std::move(hosts)}, {"drivers", std::move(drivers)}, {"devices", std::move(devices)}};
}

json accounting_block(const scenario::Scenario& sc, const Accounting& acc) {
  json counts = json::object();
  for (const auto& [name, n] : acc.violation_counts)
    counts[name] = n;
  json stuck = json::array();
  for (const StuckIrp& s : acc.stuck)
    stuck.push_back({{"irp_id", s.irp_id},
                     {"workload", s.workload < sc.workloads.size() ? sc.workloads[s.workload].name
                                                                    : std::string("#").append(std::to_string(s.workload))},
                     {"type", std::string(core::type_name(s.type))},
                     {"issued_ns", s_to_ns(s.issued_s)},
                     {"where", s.where}});
  json violations = json::array();
  for (const Violation& v : acc.violations)
    violations.push_back({{"irp_id", v.irp_id},
                          {"name", v.name},
                          {"driver", v.driver},
                          {"time_ns", s_to_ns(v.time_s)},
                          {"detail", v.detail}});
  json block = {{"issued", acc.issued},
                {"completed", acc.completed},
                {"in_flight", acc.in_flight},
                {"created_outstanding", acc.created_outstanding},
                {"stuck", std::move(stuck)},
                {"violations_total", acc.violations_total},
                {"violation_counts", std::move(counts)},
                {"violations", std::move(violations)}};
  if (acc.halt)
    block["halt"] = {{"reason", acc.halt->reason}, {"detail", acc.halt->detail}, {"halted_at_ns", s_to_ns(acc.halt->at_s)}};
  return block;
}

json run_info_block(const Accounting& acc, const RunInfo& ri) {
  return {{"wall_s", ri.wall_s},
          {"simulated_s", ri.simulated_s},
          {"irps_per_wall_s", per_second(static_cast<double>(acc.completed), ri.wall_s)},
          {"hops", ri.hops},
          {"hops_per_wall_s", per_second(static_cast<double>(ri.hops), ri.wall_s)},
          {"peak_rss_bytes", ri.peak_rss_bytes},
          {"irpsim_version", ri.irpsim_version},
          {"simgrid_version", ri.simgrid_version},
          {"scenario_file", ri.scenario_file}};
}

}  // namespace

json build_summary(const scenario::Scenario& sc, const stats::Recorder& rec, const std::vector<TargetInfo>& targets,
                   const Accounting& acc, const RunInfo& ri) {
  json s;
  s["schema_version"] = 1;
  s["scenario"] = {{"name", sc.name}, {"description", sc.description}, {"file", ri.scenario_file}};
  s["seed"] = sc.seed;
  s["run_status"] = !acc.halt ? "complete" : acc.halt->reason == "interrupted" ? "interrupted" : "stopped_at_limit";
  s["simulated_time_ns"] = s_to_ns(ri.simulated_s);
  json workloads = json::array();
  for (std::size_t wi = 0; wi < sc.workloads.size() && wi < rec.workloads().size(); ++wi)
    workloads.push_back(workload_block(sc, wi, rec.workloads()[wi]));
  s["workloads"] = std::move(workloads);
  s["layers"] = layers_block(sc, rec, targets, ri.simulated_s);
  s["cpu"] = cpu_block(sc, rec.cpu(), ri.simulated_s);
  s["accounting"] = accounting_block(sc, acc);
  s["run_info"] = run_info_block(acc, ri);
  return s;
}

void Accounting::add(Violation v) {
  ++violations_total;
  ++violation_counts[v.name];
  if (violations.size() < kMaxListedViolations)
    violations.push_back(std::move(v));
}

}  // namespace irpsim::report
