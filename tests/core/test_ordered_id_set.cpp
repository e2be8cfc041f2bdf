// The insertion-ordered id set behind an I/O target's lists: order kept through removals anywhere, lookups, reuse of
// freed nodes and table rebuilds (tombstones), compared with a plain reference model under random churn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <random>

#include "sim/core/ordered_id_set.hpp"

using irpsim::core::OrderedIdSet;

TEST_CASE("ordered id set keeps insertion order through removals at the head, middle and tail") {
  OrderedIdSet s;
  for (std::uint64_t id : {50, 10, 40, 20, 30})
    s.push_back(id);
  CHECK(s.erase(40));   // middle
  CHECK(s.erase(50));   // head
  CHECK(s.erase(30));   // tail
  CHECK_FALSE(s.erase(30));
  CHECK_FALSE(s.contains(40));
  CHECK(s.contains(10));
  s.push_back(40);
  CHECK(s.ids() == std::vector<std::uint64_t>{10, 20, 40});
  CHECK(s.take_all() == std::vector<std::uint64_t>{10, 20, 40});
  CHECK(s.empty());
  s.push_back(7);
  CHECK(s.ids() == std::vector<std::uint64_t>{7});
}

TEST_CASE("ordered id set matches a reference model under random churn") {
  OrderedIdSet s;
  std::deque<std::uint64_t> model;
  std::mt19937_64 rng(99);  // fixed: the same churn every run
  std::uint64_t next = 0x7f0000001000;  // pointer-like ids with equal low bits
  for (int step = 0; step < 200000; ++step) {
    if (model.empty() || rng() % 3 != 0) {
      s.push_back(next);
      model.push_back(next);
      next += 0x40;
    } else {
      const auto victim = model.begin() + static_cast<std::ptrdiff_t>(rng() % model.size());
      REQUIRE(s.erase(*victim));
      model.erase(victim);
    }
    if (model.size() > 300) {  // keep the working size bounded, as sends in flight are
      REQUIRE(s.erase(model.front()));
      model.pop_front();
    }
  }
  CHECK(s.size() == model.size());
  CHECK(s.ids() == std::vector<std::uint64_t>(model.begin(), model.end()));
  for (std::uint64_t id : model)
    CHECK(s.contains(id));
  CHECK_FALSE(s.contains(next));
}
