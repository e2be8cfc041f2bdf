// The engine against closed-form queueing results (../shared/anchors.md section 5). Each model is built so the
// formula applies: Poisson arrivals, FCFS channels, zero CPU cost in the drivers (so the device is the only queue).
// Tolerances are stated per test: with a fixed seed the outcome is deterministic, and each tolerance is several
// standard errors of the estimate for the number of requests simulated, so a correct simulator passes with margin
// while a wrong service discipline, a lost wake-up or a mis-measured latency (from issue instead of scheduled
// arrival, say) fails.
#include <catch2/catch.hpp>

#include <cmath>

#include "accounting_checks.hpp"
#include "scenario_builder.hpp"

using namespace irpsim;
using test::Builder;
using test::check_all_accounted;

namespace {

engine::SimulationResult run(const scenario::Scenario& s) { return engine::simulate(s, engine::RunOptions{}); }

// Erlang C: probability that an arrival waits, for c servers and offered load a = lambda / mu.
double erlang_c(int c, double a) {
  double sum = 0, term = 1;  // term = a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);  // a^c / c! * c / (c - a)
  return top / (sum + top);
}

}  // namespace

// M/M/1 sojourn: W = 1 / (mu - lambda). The mean of n sojourn times at load rho has a relative standard error of
// about 1 / sqrt(n / (2 * lambda * tau)) with relaxation time tau ~ 1 / (mu (1 - sqrt(rho))^2): 0.35% at rho 0.5
// with 1M requests, 0.85% at rho 0.8 with 2M. Tolerances 2% and 4% are over 4 standard errors.
TEST_CASE("M/M/1 mean latency at load 0.5 is 1/(mu - lambda)") {
  const double service = 100e-6, lambda = 5000;
  Builder b;
  b.device(test::exponential(service)).open_poisson(lambda).requests(1'000'000, 20'000);
  const auto r = run(b.s);
  check_all_accounted(r, 1'000'000);
  const auto m = test::measure(r);
  CHECK(m.mean_latency_s == Approx(1 / (1 / service - lambda)).epsilon(0.02));
  CHECK(m.throughput_per_s == Approx(lambda).epsilon(0.01));
}

TEST_CASE("M/M/1 mean latency at load 0.8 is 1/(mu - lambda)") {
  const double service = 100e-6, lambda = 8000;
  Builder b;
  b.device(test::exponential(service)).open_poisson(lambda).requests(2'000'000, 50'000);
  const auto r = run(b.s);
  check_all_accounted(r, 2'000'000);
  const auto m = test::measure(r);
  CHECK(m.mean_latency_s == Approx(1 / (1 / service - lambda)).epsilon(0.04));
}

// M/M/c: W = C(c, a) / (c mu - lambda) + 1 / mu. c = 4, rho = 0.8: W = 1.7455 service times.
TEST_CASE("M/M/4 mean latency follows Erlang C") {
  const double service = 100e-6, lambda = 32000;
  const int c = 4;
  Builder b;
  b.device(test::exponential(service), c).open_poisson(lambda).requests(1'000'000, 20'000);
  const auto r = run(b.s);
  check_all_accounted(r, 1'000'000);
  const double mu = 1 / service;
  const double expected = erlang_c(c, lambda / mu) / (c * mu - lambda) + service;
  CHECK(expected == Approx(1.7455 * service).epsilon(0.001));  // the worked value in anchors.md 5.3
  CHECK(test::measure(r).mean_latency_s == Approx(expected).epsilon(0.03));
}

// M/D/1 (Pollaczek-Khinchine with Cs^2 = 0): W = S + rho S / (2 (1 - rho)). rho = 0.8: W = 3 S.
TEST_CASE("M/D/1 mean latency follows Pollaczek-Khinchine") {
  const double service = 100e-6, lambda = 8000;
  Builder b;
  b.device(test::constant(service)).open_poisson(lambda).requests(1'000'000, 20'000);
  const auto r = run(b.s);
  check_all_accounted(r, 1'000'000);
  const double rho = lambda * service;
  CHECK(test::measure(r).mean_latency_s == Approx(service + rho * service / (2 * (1 - rho))).epsilon(0.03));
}

// D/D/1 below capacity never queues: every latency is exactly the service time.
TEST_CASE("a fixed-rate open loop below capacity sees exactly the service time") {
  Builder b;
  b.device(test::constant(100e-6)).open_fixed(5000).requests(10'000);
  const auto r = run(b.s);
  const auto m = test::measure(r);
  CHECK(m.min_latency_s == Approx(100e-6).margin(1e-9));
  CHECK(m.max_latency_s == Approx(100e-6).margin(1e-9));
  CHECK(m.throughput_per_s == Approx(5000).epsilon(0.001));
}

// An open loop measures latency from the scheduled arrival: with arrivals faster than service the queue grows and
// the n-th request (0-based) waits n * (S - 1/lambda). Closed-form: mean over n = 0..N-1 of S + n (S - T).
TEST_CASE("an overloaded fixed-rate open loop counts waiting from the scheduled arrival (no coordinated omission)") {
  const double service = 100e-6, gap = 50e-6;
  const std::uint64_t n = 1000;
  Builder b;
  b.device(test::constant(service)).open_fixed(1 / gap).requests(n);
  const auto r = run(b.s);
  const auto m = test::measure(r);
  const double expected_mean = service + (static_cast<double>(n) - 1) / 2 * (service - gap);
  CHECK(m.mean_latency_s == Approx(expected_mean).epsilon(1e-6));
  CHECK(m.max_latency_s == Approx(service + static_cast<double>(n - 1) * (service - gap)).epsilon(1e-6));
}

// Little's law for a closed loop: N = X (R + Z) exactly over the measured window (up to edge effects of order
// N / requests); with an exponential device of c channels saturated by N >> c, X = c / S.
TEST_CASE("a closed loop obeys Little's law and saturates a multi-channel device at c / S") {
  const double service = 200e-6, think = 100e-6;
  const std::uint32_t depth = 16;
  Builder b(2);
  b.device(test::exponential(service), 4).closed(depth, test::constant(think)).requests(400'000, 10'000);
  const auto r = run(b.s);
  check_all_accounted(r, 400'000);
  const auto m = test::measure(r);
  CHECK(m.throughput_per_s * (m.mean_latency_s + think) == Approx(depth).epsilon(0.01));
  CHECK(m.throughput_per_s == Approx(4 / service).epsilon(0.02));
}

// The interactive response time law with no think time and one channel: R = N / X = N S.
TEST_CASE("a closed loop over a single constant channel has latency N times the service time exactly") {
  Builder b(3);
  b.device(test::constant(100e-6)).closed(8).requests(5'000, 100);
  const auto m = test::measure(run(b.s));
  CHECK(m.min_latency_s == Approx(800e-6).margin(1e-9));
  CHECK(m.max_latency_s == Approx(800e-6).margin(1e-9));
  CHECK(m.throughput_per_s == Approx(10'000).epsilon(0.001));
}
