// Confidence intervals: Student's t quantiles against published tables, the interval of a known sample, and the
// overlap and change figures compare marks differences with.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/cli/stats_ci.hpp"

namespace irpsim::cli {
namespace {

TEST_CASE("stats_ci: t(0.975) quantiles match the tables") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.7062047362).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.3026527297).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.7764451052).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.2621571628).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 29) == Approx(2.0452296421).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 1000) == Approx(1.9623390808).epsilon(1e-9));
  CHECK(student_t_quantile(0.95, 5) == Approx(2.0150483733).epsilon(1e-9));
  CHECK(student_t_quantile(0.025, 4) == Approx(-2.7764451052).epsilon(1e-9));
  CHECK(student_t_quantile(0.5, 3) == 0);
}

TEST_CASE("stats_ci: the t distribution function") {
  CHECK(student_t_cdf(0, 3) == Approx(0.5));
  CHECK(student_t_cdf(1, 1) == Approx(0.75));  // Cauchy: 1/2 + atan(1)/pi
  CHECK(student_t_cdf(-2, 7) == Approx(1 - student_t_cdf(2, 7)));
  CHECK(student_t_cdf(2.7764451052, 4) == Approx(0.975).epsilon(1e-9));
}

TEST_CASE("stats_ci: mean and 95% interval of replications") {
  const Estimate e = estimate_mean({1, 2, 3, 4, 5});
  CHECK(e.samples == 5);
  CHECK(e.mean == Approx(3));
  CHECK(e.stddev == Approx(std::sqrt(2.5)));
  REQUIRE(e.half_width);
  CHECK(*e.half_width == Approx(2.7764451052 * std::sqrt(2.5) / std::sqrt(5.0)));
  CHECK(e.low() == Approx(3 - *e.half_width));
  CHECK(e.high() == Approx(3 + *e.half_width));

  const Estimate same = estimate_mean({7, 7, 7});
  REQUIRE(same.half_width);
  CHECK(*same.half_width == 0);

  const Estimate one = estimate_mean({4});
  CHECK(one.mean == 4);
  CHECK_FALSE(one.half_width);
  CHECK(estimate_mean({}).samples == 0);
}

TEST_CASE("stats_ci: overlap and change against a baseline") {
  const Estimate a = estimate_mean({10, 11, 12});  // 11 ± 2.48
  const Estimate b = estimate_mean({20, 21, 22});
  const Estimate c = estimate_mean({12, 13, 14});
  CHECK(intervals_overlap(a, b) == false);
  CHECK(intervals_overlap(a, c) == true);
  CHECK(intervals_overlap(a, estimate_mean({5})) == std::nullopt);
  // Zero-width intervals overlap only when equal.
  CHECK(intervals_overlap(estimate_mean({3, 3}), estimate_mean({3, 3})) == true);
  CHECK(intervals_overlap(estimate_mean({3, 3}), estimate_mean({4, 4})) == false);
  CHECK(*change_percent(11, 22) == Approx(100));
  CHECK(*change_percent(-10, -5) == Approx(50));
  CHECK_FALSE(change_percent(0, 5));
}

}  // namespace
}  // namespace irpsim::cli
