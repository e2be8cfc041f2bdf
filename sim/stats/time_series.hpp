// One workload's figures over simulated time, cut into equal intervals aligned at time 0: completions, completed
// bytes, mean and p99 latency (by completion time) and the time-weighted mean number of outstanding IRPs (issued and
// not yet completed, warm-up included: it is a time series, not a measurement window).
//
// Memory is bounded whatever the run length: the series starts at kInitialIntervalNs and, when an event would need
// more than max_intervals intervals, doubles the interval and merges pairs, as often as needed. Merging is exact:
// counts and sums add, histograms add bucket by bucket, outstanding integrals shift and add (integer nanoseconds,
// exact in a double below 2^53). Events may arrive in any time order. Left out: per-type series (all types together)
// and the run's tail after the last event (the last interval ends there, see IntervalFigures::covered_ns).
#pragma once
#include <cstdint>
#include <vector>

namespace irpsim::stats {

// A cheap log-linear latency histogram for one interval: 16 sub-buckets per power of two, exact below 32 ns. A
// percentile is the midpoint of the bucket holding the nearest-rank sample, clamped to the exact min and max, so it
// is within 1/32 (3.125 %) of the true nearest-rank value. Stores only the range of buckets it has used (plus a
// quarter for growth), in 32-bit counts that saturate: 4 billion samples in one bucket of one interval would take a
// run of about 10^12 requests.
class CoarseHistogram {
public:
  static constexpr std::uint64_t kSubBucketBits = 4;
  static constexpr std::uint64_t kSubBuckets = 1ull << kSubBucketBits;  // 16
  static constexpr const char* kSchemeName = "log-linear-16";
  static constexpr double kMaxRelativeError = 1.0 / 32.0;

  static std::uint64_t bucket_index(std::uint64_t v);
  static std::uint64_t bucket_low(std::uint64_t index);
  static std::uint64_t bucket_high(std::uint64_t index);  // inclusive

  void add(std::uint64_t value_ns);
  void merge(const CoarseHistogram& other);
  std::uint64_t total() const { return total_; }
  // Nearest-rank percentile, p in (0, 100], clamped to [exact_min, exact_max]; 0 when empty.
  double percentile(double p, std::uint64_t exact_min, std::uint64_t exact_max) const;
  std::uint64_t count_at(std::uint64_t index) const {
    return index >= first_ && index - first_ < counts_.size() ? counts_[index - first_] : 0;
  }

private:
  void cover(std::uint64_t lo, std::uint64_t hi);  // grows the stored range to include [lo, hi]
  std::uint64_t first_ = 0;                         // bucket index of counts_[0]
  std::vector<std::uint32_t> counts_;
  std::uint64_t total_ = 0;
};

// What one interval reports, derived from the raw sums (see TimeSeries::figures).
struct IntervalFigures {
  std::uint64_t start_ns = 0;
  std::uint64_t covered_ns = 0;         // the interval, or for the last one up to the last event
  std::uint64_t completions = 0;
  std::uint64_t bytes = 0;
  double latency_sum_ns = 0;
  bool has_latency = false;             // completions > 0: the two latencies below are meaningful
  double mean_latency_ns = 0;
  double p99_latency_ns = 0;
  double outstanding_integral_ns = 0;   // integral of the outstanding count over the covered part (IRP x ns)
  double outstanding_mean = 0;          // that integral / covered_ns (the count just before, when covered_ns == 0)
};

class TimeSeries {
public:
  static constexpr std::uint64_t kInitialIntervalNs = 1'000'000;  // 1 ms
  static constexpr std::size_t kMaxIntervals = 512;

  explicit TimeSeries(std::uint64_t initial_interval_ns = kInitialIntervalNs,
                      std::size_t max_intervals = kMaxIntervals);

  // An IRP left the workload at issued_s (seconds of simulated time; rounded to the nanosecond, negatives count as 0).
  void issued(double issued_s);
  // It came back at completed_s; latency completed_s - issued_s; bytes as the caller counts them.
  void completed(double issued_s, double completed_s, std::uint64_t bytes);

  std::uint64_t interval_ns() const { return interval_ns_; }
  std::size_t size() const { return intervals_.size(); }  // intervals up to the one holding the last event
  bool empty() const { return intervals_.empty(); }
  std::uint64_t last_event_ns() const { return last_event_ns_; }  // valid when !empty()
  // Every interval's figures, in time order (O(size), allocates: for reports, not the hot path).
  std::vector<IntervalFigures> figures() const;

private:
  struct Interval {
    std::uint64_t completions = 0;
    std::uint64_t bytes = 0;
    double latency_sum_ns = 0;
    std::uint64_t min_latency_ns = 0;   // valid when completions > 0
    std::uint64_t max_latency_ns = 0;
    CoarseHistogram latency;
    // Outstanding: net change (issues - completions) inside the interval, and the sum over its events of
    // sign * (event time - interval start). The integral over [start, end) is then
    // (outstanding at start + net_change) * (end - start) - event_offset_sum_ns.
    std::int64_t net_change = 0;
    double event_offset_sum_ns = 0;
  };

  // The interval holding t_ns (creating intervals and coarsening as needed); cached_start_ns_ is then its start.
  // Most events land in the interval of the previous one: that check is inline (unsigned wrap-around makes an
  // earlier t_ns miss it too).
  Interval& interval_at(std::uint64_t t_ns) {
    if (!intervals_.empty() && t_ns - cached_start_ns_ < interval_ns_)
      return intervals_[cached_index_];
    return find_interval(t_ns);
  }
  Interval& find_interval(std::uint64_t t_ns);
  void coarsen();  // doubles the interval, merging pairs
  static void merge_into(Interval& a, const Interval& b, std::uint64_t width_ns);  // b follows a, both width_ns

  std::uint64_t interval_ns_;
  std::size_t max_intervals_;
  std::vector<Interval> intervals_;   // reserved at the first event: with the default cap, never reallocates
  std::uint64_t last_event_ns_ = 0;
  // The interval the previous event fell in, which spares a division.
  std::size_t cached_index_ = 0;
  std::uint64_t cached_start_ns_ = 0;
};

}  // namespace irpsim::stats
