// Distributions. Sample moments are compared with mean() / second_moment() within 6 standard errors, the standard
// errors being estimated from the same sample (sd(X) / sqrt(n) for the mean, sd(X^2) / sqrt(n) for the second
// moment). With n = 200k draws and finite fourth moments (true of every distribution tested), the sample moments
// are close to normal and a correct implementation lands outside 6 standard errors with probability about 2e-9;
// the seeds are fixed besides, so the tests are deterministic. Where an expected value is written as a literal, it
// comes from a closed form evaluated independently (noted next to it), not from this implementation.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "models/distribution.hpp"

using irpsim::models::Distribution;
using irpsim::models::RandomStream;
using Spec = irpsim::scenario::DistributionSpec;
using Kind = Spec::Kind;

namespace {

constexpr int kDraws = 200000;

struct SampleMoments {
  double mean = 0, second = 0;        // sample E[X], E[X^2]
  double stddev = 0;                  // sample sd(X)
  double se_mean = 0, se_second = 0;  // their standard errors
  double min = 0, max = 0;
};

SampleMoments draw(const Distribution& d, RandomStream& rng, int n = kDraws) {
  double s1 = 0, s2 = 0, s4 = 0;
  SampleMoments m;
  m.min = INFINITY;
  m.max = -INFINITY;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    s1 += x;
    s2 += x * x;
    s4 += x * x * x * x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.mean = s1 / n;
  m.second = s2 / n;
  m.stddev = std::sqrt(std::max(m.second - m.mean * m.mean, 0.0));
  m.se_mean = m.stddev / std::sqrt(n);
  m.se_second = std::sqrt(std::max(s4 / n - m.second * m.second, 0.0)) / std::sqrt(n);
  return m;
}

void check_moments(const Distribution& d, const SampleMoments& m) {
  INFO("sample mean " << m.mean << " +- " << m.se_mean << ", mean() " << d.mean());
  CHECK(std::abs(m.mean - d.mean()) <= 6 * m.se_mean);
  INFO("sample E[X^2] " << m.second << " +- " << m.se_second << ", second_moment() " << d.second_moment());
  CHECK(std::abs(m.second - d.second_moment()) <= 6 * m.se_second);
}

Spec constant(double v) { Spec s; s.kind = Kind::CONSTANT; s.value = v; return s; }
Spec uniform(double lo, double hi) { Spec s; s.kind = Kind::UNIFORM; s.min = lo; s.max = hi; return s; }
Spec exponential(double mean) { Spec s; s.kind = Kind::EXPONENTIAL; s.mean = mean; return s; }
Spec normal(double mean, double sd) { Spec s; s.kind = Kind::NORMAL; s.mean = mean; s.stddev = sd; return s; }
Spec lognormal(double mean, double sd) { Spec s; s.kind = Kind::LOGNORMAL; s.mean = mean; s.stddev = sd; return s; }
Spec empirical(std::vector<std::pair<double, double>> table) {
  Spec s;
  s.kind = Kind::EMPIRICAL;
  s.table = std::move(table);
  return s;
}

}  // namespace

TEST_CASE("constant: every draw is the value", "[distribution]") {
  const Distribution d(constant(0.25e-3));
  RandomStream rng(1, 0, "constant");
  for (int i = 0; i < 1000; ++i) REQUIRE(d.sample(rng) == 0.25e-3);
  CHECK(d.mean() == 0.25e-3);
  CHECK(d.second_moment() == 0.25e-3 * 0.25e-3);
  CHECK_FALSE(d.is_constant_zero());

  const Distribution zero(constant(0));
  CHECK(zero.is_constant_zero());
  CHECK(zero.sample(rng) == 0);
  CHECK(zero.mean() == 0);
  CHECK(zero.second_moment() == 0);
}

TEST_CASE("uniform: bounds respected and moments match", "[distribution]") {
  const Distribution d(uniform(2, 5));
  CHECK(d.mean() == Approx(3.5));                       // (a + b) / 2
  CHECK(d.second_moment() == Approx((4 + 10 + 25) / 3.0));  // (a^2 + ab + b^2) / 3 = 13
  RandomStream rng(11, 0, "uniform");
  const SampleMoments m = draw(d, rng);
  CHECK(m.min >= 2);
  CHECK(m.max <= 5);
  // Both ends are approached: no draw within 1e-3 of an end has probability (1 - 1e-3/3)^200000 = e^-67.
  CHECK(m.min < 2.001);
  CHECK(m.max > 4.999);
  check_moments(d, m);
  CHECK_FALSE(d.is_constant_zero());

  const Distribution degenerate(uniform(1.5, 1.5));
  CHECK(degenerate.sample(rng) == 1.5);
  CHECK(Distribution(uniform(0, 0)).is_constant_zero());
}

TEST_CASE("exponential: moments and P(X > mean) = 1/e", "[distribution]") {
  const double mean = 2e-3;
  const Distribution d(exponential(mean));
  CHECK(d.mean() == Approx(mean));
  CHECK(d.second_moment() == Approx(2 * mean * mean));  // E[X^2] = 2 mean^2
  RandomStream rng(12, 0, "exponential");
  const SampleMoments m = draw(d, rng);
  CHECK(m.min > 0);
  check_moments(d, m);

  // P(X > mean) = e^-1 = 0.3679; the observed fraction over 200k draws has standard error
  // sqrt(0.3679 * 0.6321 / 200000) = 0.0011, and 0.006 is over 5 standard errors.
  RandomStream rng2(13, 0, "exponential");
  int above = 0;
  for (int i = 0; i < kDraws; ++i)
    if (d.sample(rng2) > mean) ++above;
  CHECK(std::abs(static_cast<double>(above) / kDraws - std::exp(-1.0)) < 0.006);

  CHECK(Distribution(exponential(0)).is_constant_zero());
  CHECK(Distribution(exponential(0)).sample(rng) == 0);
}

TEST_CASE("normal: truncated at zero so never negative and with the truncated mean", "[distribution]") {
  SECTION("mean 1 and stddev 1: truncation matters") {
    const Distribution d(normal(1, 1));
    // Closed form for N(1, 1) truncated to [0, inf): lambda = pdf(1) / cdf(1) = 0.2419707 / 0.8413447 = 0.2876000;
    // E[X] = 1 + lambda = 1.2876000, E[X^2] = mu^2 + sigma^2 + mu sigma lambda = 2.2876000.
    CHECK(d.mean() == Approx(1.2876000).epsilon(1e-6));
    CHECK(d.second_moment() == Approx(2.2876000).epsilon(1e-6));
    RandomStream rng(14, 0, "normal");
    const SampleMoments m = draw(d, rng);
    CHECK(m.min >= 0);
    check_moments(d, m);
    // The untruncated mean 1 is about 0.29 / 0.0017 = 170 standard errors away: the sample sees the truncation.
    CHECK(std::abs(m.mean - 1.0) > 0.2);
  }
  SECTION("mean 0: the half-normal") {
    const Distribution d(normal(0, 2));
    // Half-normal with scale 2: E[X] = 2 sqrt(2 / pi) = 1.5957691, E[X^2] = 4.
    CHECK(d.mean() == Approx(2 * std::sqrt(2 / std::numbers::pi)).epsilon(1e-9));
    CHECK(d.second_moment() == Approx(4).epsilon(1e-9));
    RandomStream rng(15, 0, "normal");
    const SampleMoments m = draw(d, rng);
    CHECK(m.min >= 0);
    check_moments(d, m);
  }
  SECTION("mean far above stddev: practically untruncated") {
    const Distribution d(normal(5e-3, 1e-3));
    CHECK(d.mean() == Approx(5e-3).epsilon(1e-6));  // the truncated tail is 5 sigma away (mass 3e-7)
    CHECK(d.second_moment() == Approx(25e-6 + 1e-6).epsilon(1e-6));
    RandomStream rng(16, 0, "normal");
    const SampleMoments m = draw(d, rng);
    CHECK(m.min >= 0);
    check_moments(d, m);
    // The sample stddev recovers sigma: its standard error is about sigma / sqrt(2n) = 1.6e-6; 1e-5 is > 6 of them.
    CHECK(std::abs(m.stddev - 1e-3) < 1e-5);
  }
  SECTION("stddev 0: constant") {
    const Distribution d(normal(3, 0));
    RandomStream rng(17, 0, "normal");
    CHECK(d.sample(rng) == 3);
    CHECK(d.mean() == 3);
    CHECK(d.second_moment() == 9);
    CHECK(Distribution(normal(0, 0)).is_constant_zero());
    CHECK_FALSE(Distribution(normal(0, 1)).is_constant_zero());
  }
}

TEST_CASE("lognormal: parametrised by the mean and stddev of the variable itself", "[distribution]") {
  const double m = 2, s = 1;
  const Distribution d(lognormal(m, s));
  CHECK(d.mean() == Approx(m));
  CHECK(d.second_moment() == Approx(m * m + s * s));
  RandomStream rng(18, 0, "lognormal");
  const SampleMoments sm = draw(d, rng);
  CHECK(sm.min > 0);
  check_moments(d, sm);
  // Coefficient of variation 0.5: sigma^2 = ln 1.25, excess kurtosis + 3 = e^{4 sigma^2} + 2 e^{3 sigma^2} +
  // 3 e^{2 sigma^2} - 3 = 8.03. Standard error of the sample mean: s / sqrt(n) = 0.0022; of the sample stddev:
  // s sqrt((8.03 - 1) / (4 n)) = 0.0030. Tolerances 0.015 and 0.02 are about 7 standard errors.
  CHECK(std::abs(sm.mean - m) < 0.015);
  CHECK(std::abs(sm.stddev - s) < 0.02);

  // Unit-agnostic: the same shape in milliseconds-as-seconds scales exactly.
  const Distribution small(lognormal(2e-3, 1e-3));
  RandomStream rng2(18, 0, "lognormal");
  const SampleMoments ss = draw(small, rng2);
  CHECK(std::abs(ss.mean - 2e-3) < 0.015e-3);
  CHECK(std::abs(ss.stddev - 1e-3) < 0.02e-3);

  const Distribution degenerate(lognormal(4e-3, 0));
  CHECK(degenerate.sample(rng) == 4e-3);
  CHECK(degenerate.mean() == 4e-3);
  CHECK(degenerate.second_moment() == Approx(16e-6));
}

TEST_CASE("empirical: frequencies follow the weights", "[distribution]") {
  const Distribution d(empirical({{1, 1}, {2, 2}, {5, 0}, {7, 7}}));
  // Weights 1, 2, 0, 7 out of 10: E[X] = (1 + 4 + 49) / 10 = 5.4, E[X^2] = (1 + 8 + 343) / 10 = 35.2.
  CHECK(d.mean() == Approx(5.4));
  CHECK(d.second_moment() == Approx(35.2));
  CHECK_FALSE(d.is_constant_zero());

  RandomStream rng(19, 0, "empirical");
  std::map<double, int> counts;
  for (int i = 0; i < kDraws; ++i) ++counts[d.sample(rng)];
  // Observed frequency standard errors: at most sqrt(0.25 / 200000) = 0.0011; 0.006 is over 5 of them.
  CHECK(counts.size() == 3);  // the zero-weight value 5 is never drawn
  CHECK(counts.count(5.0) == 0);
  CHECK(std::abs(counts[1.0] / double(kDraws) - 0.1) < 0.006);
  CHECK(std::abs(counts[2.0] / double(kDraws) - 0.2) < 0.006);
  CHECK(std::abs(counts[7.0] / double(kDraws) - 0.7) < 0.006);

  RandomStream rng2(20, 0, "empirical");
  check_moments(d, draw(d, rng2));

  SECTION("single entry") {
    const Distribution one(empirical({{3e-3, 0.5}}));
    for (int i = 0; i < 100; ++i) REQUIRE(one.sample(rng) == 3e-3);
    CHECK(one.mean() == Approx(3e-3));
  }
  SECTION("all-zero values are constant zero") {
    CHECK(Distribution(empirical({{0, 1}, {0, 3}})).is_constant_zero());
    // A non-zero value of weight 0 is never drawn.
    CHECK(Distribution(empirical({{0, 1}, {4, 0}})).is_constant_zero());
    CHECK_FALSE(Distribution(empirical({{0, 1}, {4, 1e-9}})).is_constant_zero());
  }
}

TEST_CASE("draws depend only on the stream", "[distribution]") {
  const std::vector<Spec> specs{constant(1),     uniform(0, 1),      exponential(1),
                                normal(1, 1),    lognormal(1, 0.5),  empirical({{1, 1}, {2, 3}})};
  for (const Spec& spec : specs) {
    const Distribution d(spec);
    RandomStream a(99, 2, "same");
    RandomStream b(99, 2, "same");
    for (int i = 0; i < 1000; ++i) REQUIRE(d.sample(a) == d.sample(b));
  }
}

TEST_CASE("distribution_registry lists the six kinds in order", "[distribution]") {
  const auto& registry = irpsim::models::distribution_registry();
  REQUIRE(registry.size() == 6);
  const std::vector<std::string> names{"constant", "uniform", "exponential", "normal", "lognormal", "empirical"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(registry[i].name == names[i]);
    CHECK_FALSE(registry[i].parameters.empty());
    CHECK_FALSE(registry[i].description.empty());
    CHECK(registry[i].description.find('\n') == std::string_view::npos);
  }
  CHECK(registry[3].parameters == "mean, stddev");
  CHECK(registry[4].parameters == "mean, stddev");
}
