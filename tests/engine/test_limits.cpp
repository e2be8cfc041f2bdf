// Limits for runs that cannot finish (scenarios/README.md, "Limits"): a run halted by one ends at once with every
// IRP accounted for as completed or in flight (never as stuck, never a violation), and a limit that is not reached
// changes nothing, not even the final simulated time.
#include <catch2/catch.hpp>

#include "scenario_builder.hpp"

using namespace irpsim;
using test::Builder;

TEST_CASE("the in-flight limit halts an open loop above capacity") {
  // 200k/s arrivals (every 5 us) into one channel of 10 us: the backlog grows by one every 10 us.
  Builder b(2);
  b.device(test::constant(10e-6), 1).open_fixed(200'000).requests(1'000'000'000);
  engine::RunOptions o;
  o.max_in_flight = 100;
  const auto r = engine::simulate(b.s, o);
  CHECK(r.halt.reason == engine::Halt::IN_FLIGHT_LIMIT);
  CHECK(r.accounting.in_flight == 101);  // halted as the 101st was issued
  CHECK(r.accounting.issued == r.accounting.completed + r.accounting.in_flight);
  CHECK(r.accounting.stuck.empty());
  CHECK(r.accounting.violations_total == 0);
  REQUIRE(r.accounting.halt);
  CHECK(r.accounting.halt->reason == "requests_in_flight_limit");
  // Arrival n (n = 1, 2, ...) at 5n us; the channel serves them back to back, so completion j (j = 0, 1, ...) is at
  // 15 + 10j us. After arrival n, n - #{j : 15 + 10j < 5n} are in flight (an arrival at the instant of a completion
  // is issued first): 100 up to n = 198, 101 at n = 199, at 995 us.
  CHECK(r.accounting.issued == 199);
  CHECK(r.halt.at_s == Approx(995e-6).margin(1e-12));
}

TEST_CASE("the simulated-time limit halts at that very time") {
  Builder b(1);
  b.device(test::constant(3600), 1).closed(4).requests(1'000);
  engine::RunOptions o;
  o.max_simulated_s = 7'000;
  const auto r = engine::simulate(b.s, o);
  CHECK(r.halt.reason == engine::Halt::SIMULATED_TIME_LIMIT);
  CHECK(r.simulated_s == 7'000);
  CHECK(r.halt.at_s == 7'000);
  // One channel, 3600 s each: one completion (at 3600 s) before the limit; four in flight.
  CHECK(r.accounting.completed == 1);
  CHECK(r.accounting.in_flight == 4);
  CHECK(r.accounting.stuck.empty());
}

TEST_CASE("a simulated-time limit that is not reached changes nothing") {
  Builder b(1);
  b.device(test::constant(1e-3), 1).closed(1).requests(10);
  engine::RunOptions o;
  o.max_simulated_s = 1'000;
  o.max_wall_s = 3'600;
  o.max_in_flight = 1;
  const auto r = engine::simulate(b.s, o);
  CHECK(r.halt.reason == engine::Halt::NONE);
  CHECK_FALSE(r.accounting.halt);
  CHECK(r.accounting.completed == 10);
  CHECK(r.accounting.in_flight == 0);
  // Ten 1 ms requests back to back: the clock ends at 10 ms, not at the limit's 1000 s.
  CHECK(r.simulated_s == Approx(10e-3).margin(1e-12));
}

TEST_CASE("the wall-time limit halts a run that would take far longer") {
  Builder b(1);
  b.device(test::exponential(20e-6), 4).closed(8).requests(1'000'000'000'000);
  engine::RunOptions o;
  o.max_wall_s = 0.5;
  const auto r = engine::simulate(b.s, o);
  CHECK(r.halt.reason == engine::Halt::WALL_TIME_LIMIT);
  CHECK(r.accounting.in_flight == 8);
  CHECK(r.accounting.issued == r.accounting.completed + 8);
  CHECK(r.accounting.stuck.empty());
}
