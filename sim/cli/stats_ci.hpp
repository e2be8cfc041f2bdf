// The mean of K replications with its 95% confidence interval (Student's t), as compare and sweep report them:
// mean m, sample standard deviation s (divisor K - 1) and the interval m ± t(0.975; K - 1) · s / √K. Replications
// are independent runs with different seeds, so this is the textbook interval for the expected value of a figure.
// One replication gives the mean and no interval. Two intervals that do not overlap mark a difference that is real
// at (more than) the 95% level; overlapping ones do not prove there is none.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

namespace irpsim::cli {

struct Estimate {
  std::size_t samples = 0;            // replications with a value
  double mean = 0;
  double stddev = 0;                  // sample standard deviation; 0 with fewer than two samples
  std::optional<double> half_width;   // of the 95% interval; none with fewer than two samples
  double low() const { return mean - half_width.value_or(0); }
  double high() const { return mean + half_width.value_or(0); }
};

// Empty input gives samples = 0 and mean 0.
Estimate estimate_mean(const std::vector<double>& values);

// Student's t distribution with `df` > 0 degrees of freedom: P(T <= t), and its inverse for p in (0, 1).
double student_t_cdf(double t, double df);
double student_t_quantile(double p, double df);

// True when the two intervals share at least one point; none when either has no interval.
std::optional<bool> intervals_overlap(const Estimate& a, const Estimate& b);

// (value - baseline) / |baseline| in percent; none when the baseline is 0.
std::optional<double> change_percent(double baseline, double value);

}  // namespace irpsim::cli
