// The typed records the engine emits while a simulation runs, and what the recorder keeps of them: streaming
// aggregates only (histograms, sums, ordering counters, a bounded time series per workload), so memory does not grow
// with the number of requests.
// SimGrid-free; the engine calls these methods, tests can call them directly.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/core/request_type.hpp"
#include "sim/core/status.hpp"
#include "sim/stats/cpu_usage.hpp"
#include "sim/stats/histogram.hpp"
#include "sim/stats/ordering_stats.hpp"
#include "sim/stats/time_series.hpp"

namespace irpsim::stats {

using core::NtStatus;
using core::RequestType;

// One IRP completed back to the workload that issued it.
struct IrpCompletion {
  std::uint32_t workload = 0;         // index into Scenario::workloads
  RequestType type = RequestType::READ;
  std::uint64_t length_bytes = 0;
  NtStatus status = core::STATUS_SUCCESS;
  std::uint64_t information_bytes = 0;
  double issued_s = 0;                // the scheduled arrival for open loops
  // When the submitting thread's IoCallDriver returned (or the IRP completed, if that came first): submission
  // latency is submitted_s - issued_s, completion latency completed_s - submitted_s.
  double submitted_s = 0;
  double completed_s = 0;
  std::uint64_t submission_ordinal = 0;  // 0, 1, 2 ... per workload, in issue order
  bool measured = true;               // false for warm-up requests
  // An open loop's arrival that found its thread busy waited this long before the call (part of the latency).
  double thread_wait_s = 0;
};

// One driver's share of one IRP, reported when the driver completes its request (or the IRP passes it).
struct LayerVisit {
  std::uint32_t driver = 0;           // index into Scenario::drivers
  RequestType type = RequestType::READ;
  double queue_wait_s = 0;            // arrival in the driver -> presented to its callback
  double in_layer_s = 0;              // presented -> completed, minus the time below
  double below_s = 0;                 // sent to the target -> completion routine called
  // The parts of in_layer_s spent in the driver's CPU steps: waiting for a core, spinning for locks, computing.
  // The rest of in_layer_s is the driver's own delays (a completion delay, a retry's wait, a synchronous wait).
  double core_wait_s = 0;
  double spin_s = 0;
  double cpu_s = 0;
  bool passed_through = false;        // auto-forwarded without a request object (all times 0)
  bool measured = true;
};

// One I/O target's share: time a request spent in it before going down (pended while stopped).
struct TargetVisit {
  std::uint32_t target = 0;           // index of the target in the engine's table (see Recorder ctor)
  RequestType type = RequestType::READ;
  double held_s = 0;
  bool measured = true;
};

// One hardware request: waiting for a channel, then being served.
struct DeviceVisit {
  std::uint32_t device = 0;           // index into Scenario::devices
  RequestType type = RequestType::READ;
  double queue_wait_s = 0;
  double service_s = 0;
  // From the hardware's completion to the end of its DPC: waiting for the interrupt core, the ISR, the DPC.
  double interrupt_s = 0;
  bool measured = true;
};

// Latency aggregate: exact count, sum, sum of squares, min, max, plus the log-linear histogram.
struct LatencyStats {
  Histogram histogram;
  std::uint64_t count = 0;
  double sum_ns = 0;
  double sum_sq_ns = 0;
  std::uint64_t min_ns = 0;           // valid when count > 0
  std::uint64_t max_ns = 0;
  // Welford's running mean and sum of squared deviations: stddev_ns() uses these rather than sum_sq_ns, which
  // cancels catastrophically when the spread is small next to the mean (e.g. constant service times).
  double running_mean_ns = 0;
  double m2_ns = 0;
  void add_ns(std::uint64_t v);
  // Rounded to the nearest nanosecond; negative values count as 0. Inline for its usual case in a run without CPU
  // costs: another zero after zeros only, which changes only the count.
  void add_s(double seconds) {
    if (!(seconds > 0) && count > 0 && max_ns == 0) {
      ++count;
      histogram.add_zero();
      return;
    }
    add_s_rounded(seconds);
  }
  void add_s_rounded(double seconds);
  void merge(const LatencyStats& other);
  double mean_ns() const;
  double stddev_ns() const;           // population standard deviation
  // Histogram percentile (see Histogram::percentile), clamped to [min_ns, max_ns]; 0 when empty.
  double percentile_ns(double p) const { return histogram.percentile(p, min_ns, max_ns); }
};

struct TypeStats {
  std::uint64_t requests = 0;         // measured completions
  std::uint64_t bytes = 0;            // sum of Information of measured successful completions
  // Throughput counts (the operational law X = C / T): every completion, warm-up or not, that falls inside the
  // measured window (after the first measured issue, up to the last measured completion). IOPS and bandwidth divide
  // these by the window; counting only measured requests would miss the warm-up ones still completing at its start.
  std::uint64_t window_completions = 0;
  std::uint64_t window_bytes = 0;
  LatencyStats latency;
  // fio's slat and clat (latency = submission + completion). While every submission so far took no time, completion
  // latency is the latency itself and is not kept twice: read it through completion_latency().
  LatencyStats submission, completion;
  bool completion_kept = false;
  const LatencyStats& completion_latency() const { return completion_kept ? completion : latency; }
  LatencyStats thread_wait;             // waiting for the submitting thread (open loops), part of submission
  std::map<NtStatus, std::uint64_t> status_counts;
};

struct WorkloadStats {
  std::uint64_t issued = 0;           // including warm-up
  std::uint64_t completed = 0;        // including warm-up
  std::uint64_t warmup_excluded = 0;  // completed warm-up requests
  std::vector<TypeStats> per_type = std::vector<TypeStats>(core::kRequestTypeCount);
  OrderingStats ordering;
  double first_measured_issue_s = -1; // -1: none yet
  double last_measured_completion_s = -1;
  // Warm-up completions after the last measured completion so far, per type: inside the window only if a measured
  // completion follows them.
  std::vector<std::uint64_t> late_warmup_completions = std::vector<std::uint64_t>(core::kRequestTypeCount);
  std::vector<std::uint64_t> late_warmup_bytes = std::vector<std::uint64_t>(core::kRequestTypeCount);
  // Every issue and completion, warm-up included, over simulated time; bytes as in TypeStats::bytes.
  TimeSeries time_series;
};

struct LayerStats {
  std::uint64_t requests = 0;         // measured requests that had a request object here
  std::uint64_t passed_through = 0;   // measured IRPs auto-forwarded
  LatencyStats queue_wait, in_layer, below;
  LatencyStats core_wait, spin, cpu;    // the CPU parts of in_layer
};

struct DeviceStats {
  std::uint64_t requests = 0;
  LatencyStats queue_wait, service, interrupt;
  double busy_channel_s = 0;          // sum of service times, measured and not, for utilisation
};

struct TargetStats {
  std::uint64_t requests = 0;
  LatencyStats held;
};

class Recorder {
public:
  Recorder(std::size_t workloads, std::size_t drivers, std::size_t targets, std::size_t devices);

  // An IRP left the workload: counts it and feeds completion-order statistics.
  void irp_issued(std::uint32_t workload, std::uint64_t submission_ordinal, double issued_s, bool measured);
  void irp_completed(const IrpCompletion& c);
  void layer_visited(const LayerVisit& v);
  void target_visited(const TargetVisit& v);
  void device_visited(const DeviceVisit& v);

  const std::vector<WorkloadStats>& workloads() const { return workloads_; }
  // Indexed [driver][type].
  const std::vector<std::vector<LayerStats>>& layers() const { return layers_; }
  const std::vector<std::vector<TargetStats>>& targets() const { return targets_; }
  const std::vector<std::vector<DeviceStats>>& devices() const { return devices_; }
  // Where CPU time went: filled by the engine at the end of the run.
  CpuUsage& cpu() { return cpu_; }
  const CpuUsage& cpu() const { return cpu_; }

private:
  std::vector<WorkloadStats> workloads_;
  std::vector<std::vector<LayerStats>> layers_;
  std::vector<std::vector<TargetStats>> targets_;
  std::vector<std::vector<DeviceStats>> devices_;
  CpuUsage cpu_;
};

}  // namespace irpsim::stats
