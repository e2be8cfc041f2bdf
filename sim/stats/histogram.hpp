// A log-linear histogram over integer nanoseconds, fio/HdrHistogram style, for latency distributions that can be
// exported and merged across runs and components.
//
// Buckets: values 0..127 each have their own exact bucket. Above, every power of two [2^k, 2^(k+1)) (k >= 7) is cut
// into 128 equal sub-buckets of width 2^(k-7), so a bucket is never wider than 1/128 of its lower edge. Indices are
// contiguous: bucket_index(v) == v for v < 256, and the largest index (for 2^64-1) is 7423. The scheme is called
// "log-linear-128" in the reports; bucket_low/bucket_high give the inclusive value range of an index.
//
// Percentile estimator (nearest rank on buckets): for p in (0, 100] and N samples, rank = ceil(p/100 * N) (at least
// 1); the answer is the first bucket whose cumulative count reaches rank, reported as that bucket's midpoint
// (low + high) / 2 and then clamped to the exact [min, max] the caller tracked separately. Because the true
// nearest-rank sample lies in that bucket, the error is at most half a bucket width: exact below 256 ns and below
// 0.4 % relative above. p == 0 returns the exact minimum.
//
// Storage grows lazily to the highest index used, so an unused histogram allocates nothing.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace irpsim::stats {

class Histogram {
public:
  static constexpr std::uint64_t kSubBucketBits = 7;
  static constexpr std::uint64_t kSubBuckets = 1ull << kSubBucketBits;  // 128
  static constexpr const char* kSchemeName = "log-linear-128";

  void add(std::uint64_t value_ns, std::uint64_t count = 1);
  // add(0), for the statistics a run without CPU costs fills with zeros.
  void add_zero() {
    if (counts_.empty())
      counts_.resize(1, 0);
    ++counts_[0];
    ++total_;
  }
  void merge(const Histogram& other);

  std::uint64_t total() const { return total_; }
  bool empty() const { return total_ == 0; }
  // Count in one bucket (0 beyond the highest used index).
  std::uint64_t count_at(std::uint64_t index) const { return index < counts_.size() ? counts_[index] : 0; }

  static std::uint64_t bucket_index(std::uint64_t v);
  static std::uint64_t bucket_low(std::uint64_t index);   // smallest value in the bucket
  static std::uint64_t bucket_high(std::uint64_t index);  // largest value in the bucket (inclusive)
  static double bucket_midpoint(std::uint64_t index);

  // Nearest-rank percentile as documented above; 0 when the histogram is empty.
  double percentile(double p, std::uint64_t exact_min, std::uint64_t exact_max) const;

  // Calls f(index, count) for every non-zero bucket, in increasing index order.
  template <class F> void for_each_nonzero(F&& f) const {
    for (std::uint64_t i = 0; i < counts_.size(); ++i)
      if (counts_[i] != 0)
        f(i, counts_[i]);
  }
  // (index, count) of the non-zero buckets, in increasing index order.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> nonzero_buckets() const;

  friend bool operator==(const Histogram& a, const Histogram& b);

private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

}  // namespace irpsim::stats
