// TimeSeries against hand-computed figures: a constant-latency closed loop (exact completions, mean, p99 and
// outstanding per interval), interval doubling checked against a series built at the final interval directly and
// against a brute-force integral of the outstanding count, the p99 error bound, order independence and bounded size.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/stats/recorder.hpp"
#include "sim/stats/time_series.hpp"

using irpsim::stats::CoarseHistogram;
using irpsim::stats::IntervalFigures;
using irpsim::stats::TimeSeries;

namespace {

struct Request {
  std::uint64_t issued_ns, completed_ns, bytes;
};

double s(std::uint64_t ns) { return static_cast<double>(ns) / 1e9; }

// Issue then completion of each request in list order (so events are not in time order across requests).
void feed(TimeSeries& ts, const std::vector<Request>& requests) {
  for (const Request& r : requests) {
    ts.issued(s(r.issued_ns));
    ts.completed(s(r.issued_ns), s(r.completed_ns), r.bytes);
  }
}

// An open loop with varied latencies: issues every ~700 ns, latencies 1 us to 51 us. Deterministic.
std::vector<Request> open_loop(std::size_t n) {
  std::mt19937_64 rng(7);  // the engine's output sequence is fixed by the standard
  std::vector<Request> out;
  std::uint64_t t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    t += 200 + rng() % 1000;
    out.push_back({t, t + 1000 + rng() % 50000, 512 * (1 + rng() % 8)});
  }
  return out;
}

// Integral of the outstanding count over [lo, hi), request by request.
double brute_integral(const std::vector<Request>& requests, std::uint64_t lo, std::uint64_t hi) {
  double sum = 0;
  for (const Request& r : requests) {
    const std::uint64_t a = std::max(r.issued_ns, lo), b = std::min(r.completed_ns, hi);
    if (b > a)
      sum += static_cast<double>(b - a);
  }
  return sum;
}

// A closed loop of `depth` requests with constant latency: all issued at 0, each reissued at its completion, the
// last `depth` completing at batches * latency with no reissue.
TimeSeries closed_loop(int depth, std::uint64_t latency_ns, std::uint64_t batches) {
  TimeSeries ts;
  for (int q = 0; q < depth; ++q)
    ts.issued(0.0);
  for (std::uint64_t k = 1; k <= batches; ++k)
    for (int q = 0; q < depth; ++q) {
      ts.completed(s((k - 1) * latency_ns), s(k * latency_ns), 4096);
      if (k < batches)
        ts.issued(s(k * latency_ns));
    }
  return ts;
}

}  // namespace

TEST_CASE("coarse histogram: exact below 32, 16 sub-buckets per power of two, contiguous", "[time_series]") {
  for (std::uint64_t v = 0; v < 32; ++v) {
    CHECK(CoarseHistogram::bucket_index(v) == v);
    CHECK(CoarseHistogram::bucket_low(v) == v);
    CHECK(CoarseHistogram::bucket_high(v) == v);
  }
  CHECK(CoarseHistogram::bucket_index(32) == 32);
  CHECK(CoarseHistogram::bucket_index(33) == 32);
  CHECK(CoarseHistogram::bucket_index(34) == 33);
  CHECK(CoarseHistogram::bucket_index(~0ull) == 975);
  for (std::uint64_t i = 0; i < 975; ++i) {
    INFO(i);
    CHECK(CoarseHistogram::bucket_high(i) + 1 == CoarseHistogram::bucket_low(i + 1));
    CHECK(CoarseHistogram::bucket_index(CoarseHistogram::bucket_low(i)) == i);
    CHECK(CoarseHistogram::bucket_index(CoarseHistogram::bucket_high(i)) == i);
    // Half a bucket is at most 1/32 of any value in it.
    const double half = static_cast<double>(CoarseHistogram::bucket_high(i) - CoarseHistogram::bucket_low(i)) / 2;
    CHECK(half <= CoarseHistogram::kMaxRelativeError * static_cast<double>(CoarseHistogram::bucket_low(i)));
  }
  CHECK(CoarseHistogram::bucket_high(975) == ~0ull);
}

TEST_CASE("coarse histogram merge is bucket-exact whatever ranges the two used", "[time_series]") {
  CoarseHistogram a, b, both;
  for (std::uint64_t v = 1; v < 1'000'000; v = v * 3 + 1) {
    (v % 2 ? a : b).add(v);
    both.add(v);
  }
  b.add(5);
  both.add(5);
  a.merge(b);
  CHECK(a.total() == both.total());
  for (std::uint64_t i = 0; i <= 975; ++i)
    CHECK(a.count_at(i) == both.count_at(i));
  for (double p : {1.0, 50.0, 90.0, 99.0, 100.0})
    CHECK(a.percentile(p, 1, 999'999) == both.percentile(p, 1, 999'999));
}

TEST_CASE("time series of a constant-latency closed loop", "[time_series]") {
  // 4 outstanding, 100 us each: 40 completions per 1 ms interval, outstanding exactly 4 throughout.
  SECTION("ending on an interval boundary") {
    const TimeSeries ts = closed_loop(4, 100'000, 1000);  // last completions at exactly 100 ms
    CHECK(ts.interval_ns() == 1'000'000);
    CHECK(ts.last_event_ns() == 100'000'000);
    const std::vector<IntervalFigures> f = ts.figures();
    REQUIRE(f.size() == 101);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
      INFO(i);
      CHECK(f[i].start_ns == i * 1'000'000);
      // Completions at k * 100 us, k = 1..1000: interval 0 holds k = 1..9, the last only k = 1000.
      CHECK(f[i].completions == (i == 0 ? 36u : i == 100 ? 4u : 40u));
      CHECK(f[i].bytes == f[i].completions * 4096);
      CHECK(f[i].has_latency);
      CHECK(f[i].mean_latency_ns == 100'000);
      CHECK(f[i].p99_latency_ns == 100'000);
      CHECK(f[i].outstanding_mean == 4);
      total += f[i].completions;
    }
    CHECK(total == 4000);
    // The last interval is the instant 100 ms: its mean is the count just before the last completions.
    CHECK(f.back().covered_ns == 0);
    CHECK(f.back().outstanding_integral_ns == 0);
  }
  SECTION("ending inside an interval") {
    const TimeSeries ts = closed_loop(4, 100'000, 995);  // last completions at 99.5 ms
    const std::vector<IntervalFigures> f = ts.figures();
    REQUIRE(f.size() == 100);
    CHECK(f.back().start_ns == 99'000'000);
    CHECK(f.back().covered_ns == 500'000);
    CHECK(f.back().completions == 24);  // k = 990..995
    CHECK(f.back().outstanding_integral_ns == 4.0 * 500'000);
    for (const IntervalFigures& x : f)
      CHECK(x.outstanding_mean == 4);
  }
}

TEST_CASE("outstanding counts issues without completions, up to the last event", "[time_series]") {
  TimeSeries ts;
  ts.issued(0.0);           // never completes
  ts.issued(0.0005);        // 0.5 ms .. 1.5 ms
  ts.completed(0.0005, 0.0015, 100);
  ts.issued(0.0025);        // the last event, 2.5 ms
  const std::vector<IntervalFigures> f = ts.figures();
  REQUIRE(f.size() == 3);
  CHECK(f[0].outstanding_mean == Approx(1.5));  // 1 throughout, 2 over the second half
  CHECK(f[0].completions == 0);
  CHECK_FALSE(f[0].has_latency);
  CHECK(f[1].outstanding_mean == Approx(1.5));  // 2 until 1.5 ms, then 1
  CHECK(f[1].completions == 1);
  CHECK(f[1].mean_latency_ns == 1'000'000);
  CHECK(f[1].bytes == 100);
  CHECK(f[2].covered_ns == 500'000);
  CHECK(f[2].outstanding_mean == 1);  // the issue at 2.5 ms ends the covered part
}

TEST_CASE("interval doubling keeps every figure exact", "[time_series]") {
  const std::vector<Request> requests = open_loop(5000);  // ~3.5 ms of issues
  TimeSeries coarse(1000, 8), fine(1000, 10'000);
  feed(coarse, requests);
  feed(fine, requests);
  REQUIRE(fine.interval_ns() == 1000);
  REQUIRE(coarse.interval_ns() > 1000);
  CHECK(coarse.size() <= 8);
  CHECK(coarse.size() > 4);  // doubled only as far as needed
  const std::uint64_t ratio = coarse.interval_ns() / fine.interval_ns();
  CHECK(coarse.interval_ns() == 1000 * ratio);
  CHECK(std::has_single_bit(ratio));

  // Built directly at the final interval: identical figures, down to the histograms' percentiles.
  TimeSeries direct(coarse.interval_ns(), 8);
  feed(direct, requests);
  REQUIRE(direct.interval_ns() == coarse.interval_ns());
  const std::vector<IntervalFigures> c = coarse.figures(), d = direct.figures(), f = fine.figures();
  REQUIRE(c.size() == d.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    INFO(i);
    CHECK(c[i].start_ns == d[i].start_ns);
    CHECK(c[i].covered_ns == d[i].covered_ns);
    CHECK(c[i].completions == d[i].completions);
    CHECK(c[i].bytes == d[i].bytes);
    CHECK(c[i].latency_sum_ns == d[i].latency_sum_ns);
    CHECK(c[i].p99_latency_ns == d[i].p99_latency_ns);
    CHECK(c[i].outstanding_integral_ns == d[i].outstanding_integral_ns);
    CHECK(c[i].outstanding_mean == d[i].outstanding_mean);
  }

  // Against the undoubled series and a brute-force integral: sums and integrals agree exactly per coarse interval.
  std::uint64_t total_completions = 0, total_bytes = 0;
  double total_latency = 0, total_integral = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    std::uint64_t completions = 0, bytes = 0;
    double latency = 0, integral = 0;
    for (std::size_t j = i * ratio; j < std::min(f.size(), (i + 1) * ratio); ++j) {
      completions += f[j].completions;
      bytes += f[j].bytes;
      latency += f[j].latency_sum_ns;
      integral += f[j].outstanding_integral_ns;
    }
    INFO(i);
    CHECK(c[i].completions == completions);
    CHECK(c[i].bytes == bytes);
    CHECK(c[i].latency_sum_ns == latency);
    CHECK(c[i].outstanding_integral_ns == integral);
    CHECK(c[i].outstanding_integral_ns == brute_integral(requests, c[i].start_ns, c[i].start_ns + c[i].covered_ns));
    total_completions += c[i].completions;
    total_bytes += c[i].bytes;
    total_latency += c[i].latency_sum_ns;
    total_integral += c[i].outstanding_integral_ns;
  }
  CHECK(total_completions == requests.size());
  std::uint64_t bytes = 0;
  double latency = 0;
  for (const Request& r : requests) {
    bytes += r.bytes;
    latency += static_cast<double>(r.completed_ns - r.issued_ns);
  }
  CHECK(total_bytes == bytes);
  CHECK(total_latency == latency);
  // Little's law, exactly: the time-weighted outstanding integral is the sum of the latencies.
  CHECK(total_integral == latency);
}

TEST_CASE("time series p99 is within the stated relative error", "[time_series]") {
  for (int spread : {0, 1, 2}) {
    INFO(spread);
    std::mt19937_64 rng(11 + static_cast<unsigned>(spread));
    std::vector<std::uint64_t> latencies;
    for (int i = 0; i < 10000; ++i) {
      const std::uint64_t r = rng();
      // Uniform over 10 us..1 ms; log-uniform over 100 ns..100 ms; a bimodal mix.
      const std::uint64_t v = spread == 0   ? 10'000 + r % 990'000
                              : spread == 1 ? static_cast<std::uint64_t>(100.0 * std::pow(1e6, (r % 100000) / 1e5))
                                            : (r % 100 < 97 ? 50'000 + r % 1000 : 5'000'000 + r % 3'000'000);
      latencies.push_back(v);
    }
    std::vector<std::uint64_t> sorted = latencies;
    std::sort(sorted.begin(), sorted.end());
    const double exact = static_cast<double>(sorted[9900 - 1]);  // nearest rank: ceil(0.99 * 10000)
    // One interval holding every completion.
    TimeSeries one(1'000'000'000);
    for (std::uint64_t v : latencies) {
      one.issued(0.0001);
      one.completed(0.0001, 0.0001 + s(v), 0);
    }
    const std::vector<IntervalFigures> f = one.figures();
    REQUIRE(f.size() == 1);
    CHECK(std::abs(f[0].p99_latency_ns - exact) <= CoarseHistogram::kMaxRelativeError * exact);
    CHECK(f[0].completions == 10000);
  }
}

TEST_CASE("time series does not depend on the order events arrive in", "[time_series]") {
  const std::vector<Request> requests = open_loop(3000);
  TimeSeries forward(1000, 16), backward(1000, 16);
  feed(forward, requests);
  for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
    backward.completed(s(it->issued_ns), s(it->completed_ns), it->bytes);
    backward.issued(s(it->issued_ns));
  }
  REQUIRE(forward.interval_ns() == backward.interval_ns());
  const std::vector<IntervalFigures> a = forward.figures(), b = backward.figures();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].completions == b[i].completions);
    CHECK(a[i].p99_latency_ns == b[i].p99_latency_ns);
    CHECK(a[i].outstanding_integral_ns == b[i].outstanding_integral_ns);
  }
}

TEST_CASE("time series stays bounded over long runs and far-off times", "[time_series]") {
  TimeSeries ts;
  CHECK(ts.empty());
  CHECK(ts.figures().empty());
  // 2 million requests over 200 simulated seconds.
  for (std::uint64_t i = 0; i < 2'000'000; ++i) {
    const double t = static_cast<double>(i) * 1e-4;
    ts.issued(t);
    ts.completed(t, t + 50e-6, 4096);
  }
  CHECK(ts.size() <= TimeSeries::kMaxIntervals);
  CHECK(ts.size() > TimeSeries::kMaxIntervals / 2);
  CHECK(ts.interval_ns() == 512'000'000);  // 1 ms doubled 9 times
  std::uint64_t total = 0;
  for (const IntervalFigures& f : ts.figures()) {
    total += f.completions;
    CHECK(f.mean_latency_ns == 50'000);
    CHECK(f.outstanding_mean == Approx(0.5).epsilon(1e-3));  // 50 us busy out of every 100 us
  }
  CHECK(total == 2'000'000);
  ts.issued(1e6);  // a million seconds
  CHECK(ts.size() <= TimeSeries::kMaxIntervals);
  CHECK(ts.last_event_ns() == 1'000'000'000'000'000ull);
}

TEST_CASE("recorder feeds each workload's time series, warm-up included", "[time_series][recorder]") {
  irpsim::stats::Recorder r(2, 0, 0, 0);
  r.irp_issued(0, 0, 0.0, false);
  r.irp_issued(0, 1, 0.0, true);
  irpsim::stats::IrpCompletion c;
  c.workload = 0;
  c.issued_s = 0.0;
  c.completed_s = 0.0002;
  c.information_bytes = 4096;
  c.submission_ordinal = 0;
  c.measured = false;
  r.irp_completed(c);
  c.submission_ordinal = 1;
  c.completed_s = 0.0004;
  c.measured = true;
  c.status = irpsim::core::STATUS_DEVICE_DATA_ERROR;  // no bytes
  r.irp_completed(c);
  const TimeSeries& ts = r.workloads()[0].time_series;
  const std::vector<IntervalFigures> f = ts.figures();
  REQUIRE(f.size() == 1);
  CHECK(f[0].completions == 2);
  CHECK(f[0].bytes == 4096);
  CHECK(f[0].mean_latency_ns == 300'000);
  CHECK(f[0].outstanding_mean == Approx(1.5));  // 2 until 0.2 ms, 1 until 0.4 ms
  CHECK(r.workloads()[1].time_series.empty());
}
