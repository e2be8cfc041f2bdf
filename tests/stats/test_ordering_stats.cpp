#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <vector>

#include "sim/stats/ordering_stats.hpp"

using irpsim::stats::OrderingStats;

namespace {

struct Figures {
  std::uint64_t completions = 0, out_of_order = 0, inversions = 0, max_displacement = 0;
};

// O(n^2) reference over an event list: value >= 0 issues that ordinal, value < 0 completes ordinal -value-1.
Figures brute_force(const std::vector<long long>& events) {
  Figures f;
  std::set<long long> outstanding;
  for (long long e : events) {
    if (e >= 0) {
      outstanding.insert(e);
      continue;
    }
    const long long o = -e - 1;
    outstanding.erase(o);
    std::uint64_t earlier = 0;
    for (long long x : outstanding)
      if (x < o)
        ++earlier;
    f.inversions += earlier;
    f.out_of_order += earlier > 0;
    const long long index = static_cast<long long>(f.completions++);
    f.max_displacement = std::max<std::uint64_t>(f.max_displacement, static_cast<std::uint64_t>(std::llabs(index - o)));
  }
  return f;
}

Figures run(const std::vector<long long>& events, OrderingStats& s) {
  for (long long e : events) {
    if (e >= 0)
      s.issued(static_cast<std::uint64_t>(e));
    else
      s.completed(static_cast<std::uint64_t>(-e - 1));
  }
  return {s.completions(), s.out_of_order(), s.inversions(), s.max_displacement()};
}

// Issue everything, then complete in the order given.
std::vector<long long> batch(const std::vector<long long>& completion_order) {
  std::vector<long long> events;
  for (std::size_t i = 0; i < completion_order.size(); ++i)
    events.push_back(static_cast<long long>(i));
  for (long long o : completion_order)
    events.push_back(-o - 1);
  return events;
}

}  // namespace

TEST_CASE("in-order completion gives zero everywhere", "[ordering]") {
  OrderingStats s;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    s.issued(i);
    if (i >= 3)
      s.completed(i - 3);  // queue depth 4, FIFO
  }
  for (std::uint64_t i = 997; i < 1000; ++i)
    s.completed(i);
  CHECK(s.completions() == 1000);
  CHECK(s.out_of_order() == 0);
  CHECK(s.inversions() == 0);
  CHECK(s.max_displacement() == 0);
  CHECK(s.outstanding() == 0);
  CHECK(s.window_capacity() <= 16);  // memory bounded by the requests in flight
}

TEST_CASE("full reversal of n gives n(n-1)/2 inversions", "[ordering]") {
  for (long long n : {1LL, 2LL, 5LL, 100LL, 1000LL}) {
    std::vector<long long> order(static_cast<std::size_t>(n));
    std::iota(order.rbegin(), order.rend(), 0);
    OrderingStats s;
    const Figures f = run(batch(order), s);
    CHECK(f.inversions == static_cast<std::uint64_t>(n * (n - 1) / 2));
    CHECK(f.out_of_order == static_cast<std::uint64_t>(n - 1));
    CHECK(f.max_displacement == static_cast<std::uint64_t>(n - 1));
  }
}

TEST_CASE("hand case: one request overtaken by two", "[ordering]") {
  OrderingStats s;
  const Figures f = run({0, 1, 2, -2, -3, -1}, s);  // completes 1, 2, then 0
  CHECK(f.completions == 3);
  CHECK(f.out_of_order == 2);
  CHECK(f.inversions == 2);
  CHECK(f.max_displacement == 2);
}

TEST_CASE("ordering matches brute force on random permutations", "[ordering]") {
  std::mt19937_64 rng(12345);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + rng() % 300;
    std::vector<long long> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    const auto events = batch(order);
    OrderingStats s;
    const Figures got = run(events, s);
    const Figures want = brute_force(events);
    INFO("trial " << trial << " n " << n);
    REQUIRE(got.completions == want.completions);
    REQUIRE(got.out_of_order == want.out_of_order);
    REQUIRE(got.inversions == want.inversions);
    REQUIRE(got.max_displacement == want.max_displacement);
  }
}

TEST_CASE("ordering matches brute force with interleaved issue and completion", "[ordering]") {
  // A sliding window of outstanding requests where a random one completes: exercises ring wrap-around and growth.
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<long long> events, outstanding;
    long long next = 0;
    const std::size_t depth = 1 + rng() % 64;
    const long long total = 2000;
    while (next < total || !outstanding.empty()) {
      const bool issue = next < total && (outstanding.empty() || (outstanding.size() < depth && rng() % 3 != 0));
      if (issue) {
        next += (rng() % 10 == 0) ? 2 : 1;  // occasional gap in the ordinals
        events.push_back(next - 1);
        outstanding.push_back(next - 1);
      } else {
        // Mostly the oldest, sometimes a random one, so that old requests linger and the window grows.
        const std::size_t k = rng() % 4 == 0 ? rng() % outstanding.size() : (rng() % 2 ? 0 : outstanding.size() - 1);
        events.push_back(-outstanding[k] - 1);
        outstanding.erase(outstanding.begin() + static_cast<long>(k));
      }
    }
    OrderingStats s;
    const Figures got = run(events, s);
    const Figures want = brute_force(events);
    INFO("trial " << trial);
    REQUIRE(got.completions == want.completions);
    REQUIRE(got.out_of_order == want.out_of_order);
    REQUIRE(got.inversions == want.inversions);
    REQUIRE(got.max_displacement == want.max_displacement);
    REQUIRE(s.outstanding() == 0);
  }
}

TEST_CASE("ordering rejects contract violations", "[ordering]") {
  OrderingStats s;
  s.issued(0);
  s.issued(1);
  CHECK_THROWS_AS(s.issued(1), std::logic_error);
  CHECK_THROWS_AS(s.completed(5), std::logic_error);
  s.completed(1);
  CHECK_THROWS_AS(s.completed(1), std::logic_error);
}
