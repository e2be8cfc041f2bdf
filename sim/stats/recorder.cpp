#include "sim/stats/recorder.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace irpsim::stats {
namespace {

void check_index(std::size_t index, std::size_t size, const char* what) {
  if (index >= size)
    throw std::out_of_range(std::string("Recorder: ") + what + " index " + std::to_string(index) +
                            " out of range (have " + std::to_string(size) + ")");
}

// Saturates at 2^62 ns (146 years) like the time series, instead of llround's unspecified result beyond 2^63.
std::uint64_t to_ns(double seconds) {
  constexpr double kMaxNs = static_cast<double>(1ull << 62);
  if (!(seconds > 0))  // also catches NaN
    return 0;
  const double ns = seconds * 1e9;
  return ns < kMaxNs ? static_cast<std::uint64_t>(std::llround(ns)) : static_cast<std::uint64_t>(kMaxNs);
}

}  // namespace

// ---- LatencyStats ----

void LatencyStats::add_ns(std::uint64_t v) {
  if (v == 0 && count > 0 && max_ns == 0) {
    // Another zero after zeros only (a run without CPU costs records many): only the count changes (the sums, the
    // running mean and M2 stay 0, min and max stay 0).
    ++count;
    histogram.add_zero();
    return;
  }
  const double x = static_cast<double>(v);
  if (count == 0) {
    min_ns = max_ns = v;
  } else {
    min_ns = std::min(min_ns, v);
    max_ns = std::max(max_ns, v);
  }
  ++count;
  sum_ns += x;
  sum_sq_ns += x * x;
  const double delta = x - running_mean_ns;
  running_mean_ns += delta / static_cast<double>(count);
  m2_ns += delta * (x - running_mean_ns);
  histogram.add(v);
}

void LatencyStats::add_s_rounded(double seconds) { add_ns(to_ns(seconds)); }

void LatencyStats::merge(const LatencyStats& other) {
  if (other.count == 0)
    return;
  if (count == 0) {
    *this = other;
    return;
  }
  // Chan et al.'s parallel combination of (count, mean, M2).
  const double na = static_cast<double>(count);
  const double nb = static_cast<double>(other.count);
  const double delta = other.running_mean_ns - running_mean_ns;
  const double n = na + nb;
  running_mean_ns += delta * nb / n;
  m2_ns += other.m2_ns + delta * delta * na * nb / n;
  count += other.count;
  sum_ns += other.sum_ns;
  sum_sq_ns += other.sum_sq_ns;
  min_ns = std::min(min_ns, other.min_ns);
  max_ns = std::max(max_ns, other.max_ns);
  histogram.merge(other.histogram);
}

double LatencyStats::mean_ns() const { return count == 0 ? 0.0 : sum_ns / static_cast<double>(count); }

double LatencyStats::stddev_ns() const {
  if (count == 0)
    return 0.0;
  return std::sqrt(std::max(0.0, m2_ns / static_cast<double>(count)));
}

// ---- Recorder ----

Recorder::Recorder(std::size_t workloads, std::size_t drivers, std::size_t targets, std::size_t devices)
    : workloads_(workloads),
      layers_(drivers, std::vector<LayerStats>(core::kRequestTypeCount)),
      targets_(targets, std::vector<TargetStats>(core::kRequestTypeCount)),
      devices_(devices, std::vector<DeviceStats>(core::kRequestTypeCount)) {}

void Recorder::irp_issued(std::uint32_t workload, std::uint64_t submission_ordinal, double issued_s,
                          bool measured) {
  check_index(workload, workloads_.size(), "workload");
  WorkloadStats& w = workloads_[workload];
  ++w.issued;
  w.ordering.issued(submission_ordinal);
  w.time_series.issued(issued_s);
  if (measured && (w.first_measured_issue_s < 0 || issued_s < w.first_measured_issue_s))
    w.first_measured_issue_s = issued_s;
}

void Recorder::irp_completed(const IrpCompletion& c) {
  check_index(c.workload, workloads_.size(), "workload");
  check_index(core::index_of(c.type), core::kRequestTypeCount, "request type");
  WorkloadStats& w = workloads_[c.workload];
  ++w.completed;
  w.ordering.completed(c.submission_ordinal);
  const std::size_t type = core::index_of(c.type);
  const std::uint64_t bytes = core::nt_success(c.status) ? c.information_bytes : 0;
  w.time_series.completed(c.issued_s, c.completed_s, bytes);
  if (!c.measured) {
    ++w.warmup_excluded;
    if (w.first_measured_issue_s >= 0 && c.completed_s > w.first_measured_issue_s) {
      ++w.late_warmup_completions[type];
      w.late_warmup_bytes[type] += bytes;
    }
    return;
  }
  TypeStats& t = w.per_type[type];
  ++t.requests;
  t.bytes += bytes;
  // This measured completion closes the window so far: warm-up completions before it are inside.
  for (std::size_t i = 0; i < core::kRequestTypeCount; ++i) {
    w.per_type[i].window_completions += w.late_warmup_completions[i];
    w.per_type[i].window_bytes += w.late_warmup_bytes[i];
    w.late_warmup_completions[i] = 0;
    w.late_warmup_bytes[i] = 0;
  }
  ++t.window_completions;
  t.window_bytes += bytes;
  const double submission_s = c.submitted_s - c.issued_s;
  if (!t.completion_kept && submission_s > 0) {
    t.completion = t.latency;  // every earlier request's completion latency was its whole latency
    t.completion_kept = true;
  }
  t.latency.add_s(c.completed_s - c.issued_s);
  t.submission.add_s(submission_s);
  if (t.completion_kept)
    t.completion.add_s(c.completed_s - c.submitted_s);
  t.thread_wait.add_s(c.thread_wait_s);
  ++t.status_counts[c.status];
  if (w.first_measured_issue_s < 0 || c.issued_s < w.first_measured_issue_s)
    w.first_measured_issue_s = c.issued_s;
  if (c.completed_s > w.last_measured_completion_s)
    w.last_measured_completion_s = c.completed_s;
}

void Recorder::layer_visited(const LayerVisit& v) {
  check_index(v.driver, layers_.size(), "driver");
  check_index(core::index_of(v.type), core::kRequestTypeCount, "request type");
  if (!v.measured)
    return;
  LayerStats& l = layers_[v.driver][core::index_of(v.type)];
  if (v.passed_through) {
    ++l.passed_through;
    return;
  }
  ++l.requests;
  l.queue_wait.add_s(v.queue_wait_s);
  l.in_layer.add_s(v.in_layer_s);
  l.below.add_s(v.below_s);
  l.core_wait.add_s(v.core_wait_s);
  l.spin.add_s(v.spin_s);
  l.cpu.add_s(v.cpu_s);
}

void Recorder::target_visited(const TargetVisit& v) {
  check_index(v.target, targets_.size(), "target");
  check_index(core::index_of(v.type), core::kRequestTypeCount, "request type");
  if (!v.measured)
    return;
  TargetStats& t = targets_[v.target][core::index_of(v.type)];
  ++t.requests;
  t.held.add_s(v.held_s);
}

void Recorder::device_visited(const DeviceVisit& v) {
  check_index(v.device, devices_.size(), "device");
  check_index(core::index_of(v.type), core::kRequestTypeCount, "request type");
  DeviceStats& d = devices_[v.device][core::index_of(v.type)];
  if (v.service_s > 0)
    d.busy_channel_s += v.service_s;
  if (!v.measured)
    return;
  ++d.requests;
  d.queue_wait.add_s(v.queue_wait_s);
  d.service.add_s(v.service_s);
  d.interrupt.add_s(v.interrupt_s);
}

}  // namespace irpsim::stats
