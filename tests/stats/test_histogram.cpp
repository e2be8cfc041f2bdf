#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/stats/histogram.hpp"

using irpsim::stats::Histogram;

TEST_CASE("histogram buckets are exact below 256 and contiguous above", "[histogram]") {
  for (std::uint64_t v = 0; v < 256; ++v) {
    CHECK(Histogram::bucket_index(v) == v);
    CHECK(Histogram::bucket_low(v) == v);
    CHECK(Histogram::bucket_high(v) == v);
  }
  CHECK(Histogram::bucket_index(256) == 256);
  CHECK(Histogram::bucket_index(257) == 256);
  CHECK(Histogram::bucket_low(256) == 256);
  CHECK(Histogram::bucket_high(256) == 257);
  CHECK(Histogram::bucket_index(511) == 383);
  CHECK(Histogram::bucket_index(512) == 384);
  CHECK(Histogram::bucket_high(383) == 511);
  CHECK(Histogram::bucket_index(UINT64_MAX) == 7423);
  CHECK(Histogram::bucket_high(7423) == UINT64_MAX);
  // Every bucket starts right after the previous one ends, and the index maps its edges back to itself.
  for (std::uint64_t i = 1; i <= 7423; ++i) {
    INFO("index " << i);
    REQUIRE(Histogram::bucket_low(i) == Histogram::bucket_high(i - 1) + 1);
    REQUIRE(Histogram::bucket_index(Histogram::bucket_low(i)) == i);
    REQUIRE(Histogram::bucket_index(Histogram::bucket_high(i)) == i);
  }
}

TEST_CASE("histogram bucket midpoints are within 0.4% from 1 ns to 1e12 ns", "[histogram]") {
  double worst = 0;
  for (double x = 1; x <= 1e12; x *= 1.0137) {
    const auto v = static_cast<std::uint64_t>(x);
    const double mid = Histogram::bucket_midpoint(Histogram::bucket_index(v));
    worst = std::max(worst, std::fabs(mid - static_cast<double>(v)) / static_cast<double>(v));
  }
  CHECK(worst < 0.004);
  // Bucket width relative to its lower edge never exceeds 1/128.
  for (std::uint64_t i = 128; i <= 7423; ++i)
    REQUIRE(static_cast<double>(Histogram::bucket_high(i) - Histogram::bucket_low(i) + 1) /
                static_cast<double>(Histogram::bucket_low(i)) <= 1.0 / 128 + 1e-12);
}

TEST_CASE("an unused histogram allocates nothing and reports 0", "[histogram]") {
  Histogram h;
  CHECK(h.total() == 0);
  CHECK(h.nonzero_buckets().empty());
  CHECK(h.percentile(50, 0, 0) == 0);
}

TEST_CASE("histogram percentiles on uniform 1..10000 are within 0.5%", "[histogram]") {
  Histogram h;
  for (std::uint64_t v = 1; v <= 10000; ++v)
    h.add(v);
  REQUIRE(h.total() == 10000);
  for (double p : {1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99}) {
    INFO("p" << p);
    const double exact = std::ceil(p / 100 * 10000);  // nearest rank of 1..10000 is the rank itself
    CHECK(std::fabs(h.percentile(p, 1, 10000) - exact) / exact < 0.005);
  }
  CHECK(h.percentile(100, 1, 10000) == Approx(10000).epsilon(0.005));
  CHECK(h.percentile(0, 1, 10000) == 1);
}

TEST_CASE("histogram percentiles use nearest rank on exact small values", "[histogram]") {
  Histogram h;
  for (std::uint64_t v : {10, 20, 30, 40, 50})
    h.add(v);
  CHECK(h.percentile(20, 10, 50) == 10);
  CHECK(h.percentile(21, 10, 50) == 20);
  CHECK(h.percentile(50, 10, 50) == 30);
  CHECK(h.percentile(99.9, 10, 50) == 50);
  Histogram k;
  for (int i = 0; i < 1000; ++i)
    k.add(i < 999 ? 7 : 200);
  CHECK(k.percentile(99.9, 7, 200) == 7);  // rank 999, not 1000 through rounding
  CHECK(k.percentile(99.95, 7, 200) == 200);
}

TEST_CASE("histogram percentiles are clamped to the exact min and max", "[histogram]") {
  Histogram h;
  h.add(1000001, 10);  // bucket [999424, 1007615] in the 2^19 group; its midpoint is far from the value
  const double p = h.percentile(50, 1000001, 1000001);
  CHECK(p == 1000001);
  Histogram g;
  g.add(1000001);
  g.add(1000300);
  CHECK(g.percentile(1, 1000001, 1000300) >= 1000001);
  CHECK(g.percentile(100, 1000001, 1000300) <= 1000300);
}

TEST_CASE("histogram merge equals adding both sets", "[histogram]") {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(10, 2);
  Histogram a, b, both;
  for (int i = 0; i < 5000; ++i) {
    const auto v = static_cast<std::uint64_t>(dist(rng));
    (i % 3 == 0 ? a : b).add(v);
    both.add(v);
  }
  Histogram merged = a;
  merged.merge(b);
  CHECK(merged == both);
  CHECK(merged.total() == 5000);
  CHECK(merged.nonzero_buckets() == both.nonzero_buckets());
  Histogram other_way = b;
  other_way.merge(a);
  CHECK(other_way == both);
}

TEST_CASE("histogram add with a count and non-zero iteration", "[histogram]") {
  Histogram h;
  h.add(5, 3);
  h.add(300, 2);
  h.add(7, 0);
  auto nz = h.nonzero_buckets();
  REQUIRE(nz.size() == 2);
  CHECK(nz[0] == std::pair<std::uint64_t, std::uint64_t>{5, 3});
  CHECK(nz[1].first == Histogram::bucket_index(300));
  CHECK(nz[1].second == 2);
  CHECK(h.total() == 5);
  CHECK(h.count_at(5) == 3);
  CHECK(h.count_at(100000) == 0);
}
