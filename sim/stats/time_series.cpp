// The per-workload time series: interval bookkeeping, exact pairwise merging when the interval doubles, and the
// derivation of each interval's figures (rates are left to the report, which knows the interval length).
// See time_series.hpp for what is modelled and what is left out.
#include "sim/stats/time_series.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

namespace irpsim::stats {
namespace {

// Far beyond any simulated time (about 146 years), and small enough that doubling intervals never overflows.
constexpr std::uint64_t kMaxTimeNs = 1ull << 62;

constexpr std::uint32_t kSaturated = ~std::uint32_t{0};

// Rounded to the nearest nanosecond like the recorder's latencies (half away from zero), without a libm call: this
// runs three times per IRP.
inline std::uint64_t to_ns(double seconds) {
  if (!(seconds > 0))  // also catches NaN
    return 0;
  const double ns = seconds * 1e9;
  if (!(ns < static_cast<double>(kMaxTimeNs)))
    return kMaxTimeNs;
  return static_cast<std::uint64_t>(ns + 0.5);
}

}  // namespace

// ---- CoarseHistogram ----

std::uint64_t CoarseHistogram::bucket_index(std::uint64_t v) {
  if (v < kSubBuckets)
    return v;
  const std::uint64_t msb = 63 - static_cast<std::uint64_t>(std::countl_zero(v));  // >= 4
  const std::uint64_t shift = msb - kSubBucketBits;
  return shift * kSubBuckets + (v >> shift);  // (v >> shift) is in [16, 32)
}

std::uint64_t CoarseHistogram::bucket_low(std::uint64_t index) {
  if (index < kSubBuckets)
    return index;
  const std::uint64_t shift = (index - kSubBuckets) / kSubBuckets;
  const std::uint64_t sub = (index - kSubBuckets) % kSubBuckets;
  return (kSubBuckets + sub) << shift;
}

std::uint64_t CoarseHistogram::bucket_high(std::uint64_t index) {
  if (index < kSubBuckets)
    return index;
  const std::uint64_t shift = (index - kSubBuckets) / kSubBuckets;
  return bucket_low(index) + ((1ull << shift) - 1);
}

void CoarseHistogram::cover(std::uint64_t lo, std::uint64_t hi) {
  if (counts_.empty()) {
    first_ = lo;
    counts_.assign(hi - lo + 1, 0);
    return;
  }
  const std::uint64_t size = counts_.size();
  const std::uint64_t cur_lo = first_, cur_hi = first_ + size - 1;
  if (lo >= cur_lo && hi <= cur_hi)
    return;
  // Grow by at least a quarter of the current size in the direction needed, so a run of new extremes costs O(1)
  // amortised while the slack stays small.
  static const std::uint64_t max_index = bucket_index(~0ull);
  const std::uint64_t slack = std::max<std::uint64_t>(1, size / 4);
  std::uint64_t new_lo = std::min(lo, cur_lo), new_hi = std::max(hi, cur_hi);
  if (lo < cur_lo)
    new_lo = std::min(new_lo, cur_lo > slack ? cur_lo - slack : 0);
  if (hi > cur_hi)
    new_hi = std::max(new_hi, std::min(cur_hi + slack, max_index));
  std::vector<std::uint32_t> grown(new_hi - new_lo + 1, 0);
  std::copy(counts_.begin(), counts_.end(), grown.begin() + static_cast<std::ptrdiff_t>(cur_lo - new_lo));
  counts_ = std::move(grown);
  first_ = new_lo;
}

void CoarseHistogram::add(std::uint64_t value_ns) {
  const std::uint64_t i = bucket_index(value_ns);
  if (counts_.empty() || i < first_ || i - first_ >= counts_.size())
    cover(i, i);
  std::uint32_t& c = counts_[i - first_];
  if (c != kSaturated)
    ++c;
  ++total_;
}

void CoarseHistogram::merge(const CoarseHistogram& other) {
  if (other.counts_.empty())
    return;
  cover(other.first_, other.first_ + other.counts_.size() - 1);
  const std::uint64_t offset = other.first_ - first_;
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    std::uint32_t& c = counts_[offset + i];
    c = other.counts_[i] > kSaturated - c ? kSaturated : c + other.counts_[i];
  }
  total_ += other.total_;
}

double CoarseHistogram::percentile(double p, std::uint64_t exact_min, std::uint64_t exact_max) const {
  if (total_ == 0)
    return 0;
  const double lo = static_cast<double>(std::min(exact_min, exact_max));
  const double hi = static_cast<double>(std::max(exact_min, exact_max));
  if (p <= 0)
    return lo;
  const double r = std::min(p, 100.0) / 100.0 * static_cast<double>(total_);
  // The same tolerance as Histogram::percentile: 99 % of 100 is rank 99, whatever the binary rounding.
  std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(r - 1e-9 * std::max(1.0, r)));
  rank = std::clamp<std::uint64_t>(rank, 1, total_);
  std::uint64_t cumulative = 0;
  std::size_t i = 0;
  for (; i + 1 < counts_.size(); ++i) {
    cumulative += counts_[i];
    if (cumulative >= rank)
      break;
  }
  const std::uint64_t index = first_ + i;
  const std::uint64_t low = bucket_low(index);
  const double mid = static_cast<double>(low) + static_cast<double>(bucket_high(index) - low) / 2.0;
  return std::clamp(mid, lo, hi);
}

// ---- TimeSeries ----

TimeSeries::TimeSeries(std::uint64_t initial_interval_ns, std::size_t max_intervals)
    : interval_ns_(std::max<std::uint64_t>(1, initial_interval_ns)),
      max_intervals_(std::max<std::size_t>(1, max_intervals)) {}

TimeSeries::Interval& TimeSeries::find_interval(std::uint64_t t_ns) {
  if (intervals_.capacity() < std::min(max_intervals_, kMaxIntervals))
    intervals_.reserve(std::min(max_intervals_, kMaxIntervals));
  std::uint64_t index = t_ns / interval_ns_;
  while (index >= max_intervals_) {
    coarsen();
    index = t_ns / interval_ns_;
  }
  if (index >= intervals_.size())
    intervals_.resize(index + 1);
  cached_index_ = static_cast<std::size_t>(index);
  cached_start_ns_ = index * interval_ns_;
  return intervals_[cached_index_];
}

void TimeSeries::merge_into(Interval& a, const Interval& b, std::uint64_t width_ns) {
  if (b.completions > 0) {
    a.min_latency_ns = a.completions > 0 ? std::min(a.min_latency_ns, b.min_latency_ns) : b.min_latency_ns;
    a.max_latency_ns = a.completions > 0 ? std::max(a.max_latency_ns, b.max_latency_ns) : b.max_latency_ns;
  }
  a.completions += b.completions;
  a.bytes += b.bytes;
  a.latency_sum_ns += b.latency_sum_ns;
  a.latency.merge(b.latency);
  // b's offsets were from its own start, width_ns after a's.
  a.event_offset_sum_ns += b.event_offset_sum_ns + static_cast<double>(b.net_change) * static_cast<double>(width_ns);
  a.net_change += b.net_change;
}

void TimeSeries::coarsen() {
  const std::size_t n = intervals_.size();
  const std::size_t m = (n + 1) / 2;
  for (std::size_t i = 0; i < m; ++i) {
    if (i != 2 * i)
      intervals_[i] = std::move(intervals_[2 * i]);
    if (2 * i + 1 < n)
      merge_into(intervals_[i], intervals_[2 * i + 1], interval_ns_);
  }
  intervals_.resize(m);  // shrinking keeps the capacity: no reallocation
  interval_ns_ *= 2;
}

void TimeSeries::issued(double issued_s) {
  const std::uint64_t t = to_ns(issued_s);
  Interval& iv = interval_at(t);
  ++iv.net_change;
  iv.event_offset_sum_ns += static_cast<double>(t - cached_start_ns_);
  last_event_ns_ = std::max(last_event_ns_, t);
}

void TimeSeries::completed(double issued_s, double completed_s, std::uint64_t bytes) {
  const std::uint64_t t = to_ns(completed_s);
  const std::uint64_t latency = to_ns(completed_s - issued_s);
  Interval& iv = interval_at(t);
  if (iv.completions == 0) {
    iv.min_latency_ns = iv.max_latency_ns = latency;
  } else {
    iv.min_latency_ns = std::min(iv.min_latency_ns, latency);
    iv.max_latency_ns = std::max(iv.max_latency_ns, latency);
  }
  ++iv.completions;
  iv.bytes += bytes;
  iv.latency_sum_ns += static_cast<double>(latency);
  iv.latency.add(latency);
  --iv.net_change;
  iv.event_offset_sum_ns -= static_cast<double>(t - cached_start_ns_);
  last_event_ns_ = std::max(last_event_ns_, t);
}

std::vector<IntervalFigures> TimeSeries::figures() const {
  std::vector<IntervalFigures> out;
  out.reserve(intervals_.size());
  std::int64_t outstanding = 0;  // at the start of the interval
  for (std::size_t k = 0; k < intervals_.size(); ++k) {
    const Interval& iv = intervals_[k];
    IntervalFigures f;
    f.start_ns = static_cast<std::uint64_t>(k) * interval_ns_;
    f.covered_ns = k + 1 == intervals_.size() ? last_event_ns_ - f.start_ns : interval_ns_;
    f.completions = iv.completions;
    f.bytes = iv.bytes;
    f.latency_sum_ns = iv.latency_sum_ns;
    f.has_latency = iv.completions > 0;
    if (f.has_latency) {
      f.mean_latency_ns = iv.latency_sum_ns / static_cast<double>(iv.completions);
      f.p99_latency_ns = iv.latency.percentile(99, iv.min_latency_ns, iv.max_latency_ns);
    }
    // Every event of the interval is at or before the covered end (the last event bounds the last interval).
    const std::int64_t at_end = outstanding + iv.net_change;
    f.outstanding_integral_ns =
        static_cast<double>(at_end) * static_cast<double>(f.covered_ns) - iv.event_offset_sum_ns;
    f.outstanding_mean = f.covered_ns > 0 ? f.outstanding_integral_ns / static_cast<double>(f.covered_ns)
                                          : static_cast<double>(outstanding);
    outstanding = at_end;
    out.push_back(f);
  }
  return out;
}

}  // namespace irpsim::stats
