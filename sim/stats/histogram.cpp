#include "sim/stats/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace irpsim::stats {

std::uint64_t Histogram::bucket_index(std::uint64_t v) {
  if (v < kSubBuckets)
    return v;
  const std::uint64_t msb = 63 - static_cast<std::uint64_t>(std::countl_zero(v));  // >= 7
  const std::uint64_t shift = msb - kSubBucketBits;
  // (v >> shift) is in [128, 256): the leading one plus the 7-bit sub-bucket.
  return shift * kSubBuckets + (v >> shift);
}

std::uint64_t Histogram::bucket_low(std::uint64_t index) {
  if (index < kSubBuckets)
    return index;
  const std::uint64_t shift = (index - kSubBuckets) / kSubBuckets;
  const std::uint64_t sub = (index - kSubBuckets) % kSubBuckets;
  return (kSubBuckets + sub) << shift;
}

std::uint64_t Histogram::bucket_high(std::uint64_t index) {
  if (index < kSubBuckets)
    return index;
  const std::uint64_t shift = (index - kSubBuckets) / kSubBuckets;
  return bucket_low(index) + ((1ull << shift) - 1);
}

double Histogram::bucket_midpoint(std::uint64_t index) {
  const std::uint64_t low = bucket_low(index);
  return static_cast<double>(low) + static_cast<double>(bucket_high(index) - low) / 2.0;
}

void Histogram::add(std::uint64_t value_ns, std::uint64_t count) {
  if (count == 0)
    return;
  const std::uint64_t i = bucket_index(value_ns);
  if (i >= counts_.size())
    counts_.resize(i + 1, 0);
  counts_[i] += count;
  total_ += count;
}

void Histogram::merge(const Histogram& other) {
  if (other.counts_.size() > counts_.size())
    counts_.resize(other.counts_.size(), 0);
  for (std::size_t i = 0; i < other.counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  total_ += other.total_;
}

double Histogram::percentile(double p, std::uint64_t exact_min, std::uint64_t exact_max) const {
  if (total_ == 0)
    return 0;
  if (p <= 0)
    return static_cast<double>(exact_min);
  const double n = static_cast<double>(total_);
  const double r = std::min(p, 100.0) / 100.0 * n;
  // A small tolerance so that e.g. 99.9 % of 1000 is rank 999, not 1000 because of binary rounding.
  std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(r - 1e-9 * std::max(1.0, r)));
  rank = std::clamp<std::uint64_t>(rank, 1, total_);
  std::uint64_t cumulative = 0;
  std::uint64_t index = 0;
  for (; index < counts_.size(); ++index) {
    cumulative += counts_[index];
    if (cumulative >= rank)
      break;
  }
  const double lo = static_cast<double>(std::min(exact_min, exact_max));
  const double hi = static_cast<double>(std::max(exact_min, exact_max));
  return std::clamp(bucket_midpoint(index), lo, hi);
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> Histogram::nonzero_buckets() const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  for_each_nonzero([&](std::uint64_t i, std::uint64_t c) { out.emplace_back(i, c); });
  return out;
}

bool operator==(const Histogram& a, const Histogram& b) {
  if (a.total_ != b.total_)
    return false;
  const std::size_t n = std::max(a.counts_.size(), b.counts_.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a.count_at(i) != b.count_at(i))
      return false;
  return true;
}

}  // namespace irpsim::stats
