// Distributions drawn from a RandomStream with std::log / std::exp / std::sqrt / std::cos only, so the draws
// depend on the stream and the C library's elementary functions, not on <random>'s distribution algorithms.
#include "models/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace irpsim::models {

namespace {

using Kind = scenario::DistributionSpec::Kind;

// One standard normal variate by the Box-Muller transform (the cosine half only; the sine half is dropped because
// sample() is const and keeps no cache between calls).
double standard_normal(RandomStream& rng) {
  const double u1 = rng.uniform_open01();
  const double u2 = rng.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi); }
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double table_total(const scenario::DistributionSpec& spec) {
  double total = 0;
  for (const auto& [value, weight] : spec.table) total += weight;
  return total;
}

}  // namespace

Distribution::Distribution(const scenario::DistributionSpec& spec) : spec_(spec) {
  if (spec_.kind == Kind::LOGNORMAL && spec_.mean > 0 && spec_.stddev > 0) {
    // The variable X = exp(mu + sigma Z) has E[X] = exp(mu + sigma^2/2) and Var[X] = (exp(sigma^2) - 1) E[X]^2;
    // solved for the requested mean m and stddev s.
    const double ratio = spec_.stddev / spec_.mean;
    const double sigma2 = std::log1p(ratio * ratio);
    sigma_ = std::sqrt(sigma2);
    mu_ = std::log(spec_.mean) - sigma2 / 2;
  }
  if (spec_.kind == Kind::EMPIRICAL) {
    cumulative_.reserve(spec_.table.size());
    double running = 0;
    for (const auto& [value, weight] : spec_.table) {
      running += weight;
      cumulative_.push_back(running);
    }
  }
}

double Distribution::sample(RandomStream& rng) const {
  switch (spec_.kind) {
    case Kind::CONSTANT:
      return spec_.value;
    case Kind::UNIFORM:
      // min + (max - min) u with u in [0, 1); the rounded result can reach max but not exceed it.
      return std::min(spec_.min + (spec_.max - spec_.min) * rng.uniform01(), spec_.max);
    case Kind::EXPONENTIAL:
      if (spec_.mean <= 0) return 0;
      return -spec_.mean * std::log(rng.uniform_open01());
    case Kind::NORMAL: {
      if (spec_.stddev <= 0) return std::max(spec_.mean, 0.0);
      // Redraw negatives: the accepted draws follow the normal truncated to [0, inf). The parser only accepts
      // mean >= 0, so at least half of the draws are accepted.
      for (;;) {
        const double x = spec_.mean + spec_.stddev * standard_normal(rng);
        if (x >= 0) return x;
      }
    }
    case Kind::LOGNORMAL:
      if (spec_.mean <= 0) return 0;
      if (spec_.stddev <= 0) return spec_.mean;
      return std::exp(mu_ + sigma_ * standard_normal(rng));
    case Kind::EMPIRICAL: {
      if (spec_.table.empty()) return 0;
      const double total = cumulative_.back();
      if (!(total > 0)) return spec_.table[rng.below(spec_.table.size())].first;  // no weights: all equally likely
      // The first entry whose cumulative weight exceeds u * total; entries of weight 0 are never picked because
      // their cumulative weight equals their predecessor's.
      const double u = rng.uniform01() * total;
      auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      if (it == cumulative_.end()) {
        // u * total rounded up to total: take the last entry of positive weight.
        it = std::prev(cumulative_.end());
        while (it != cumulative_.begin() && spec_.table[static_cast<std::size_t>(it - cumulative_.begin())].second <= 0) --it;
      }
      return spec_.table[static_cast<std::size_t>(it - cumulative_.begin())].first;
    }
  }
  return 0;
}

double Distribution::mean() const {
  switch (spec_.kind) {
    case Kind::CONSTANT:
      return spec_.value;
    case Kind::UNIFORM:
      return (spec_.min + spec_.max) / 2;
    case Kind::EXPONENTIAL:
      return std::max(spec_.mean, 0.0);
    case Kind::NORMAL: {
      if (spec_.stddev <= 0) return std::max(spec_.mean, 0.0);
      // Normal(mu, sigma) truncated to [0, inf): with alpha = -mu/sigma and lambda = pdf(alpha) / (1 - cdf(alpha)),
      // E[X] = mu + sigma lambda. 1 - cdf(alpha) = cdf(mu/sigma) and pdf is even.
      const double k = spec_.mean / spec_.stddev;
      const double lambda = normal_pdf(k) / normal_cdf(k);
      return spec_.mean + spec_.stddev * lambda;
    }
    case Kind::LOGNORMAL:
      return std::max(spec_.mean, 0.0);
    case Kind::EMPIRICAL: {
      if (spec_.table.empty()) return 0;
      const double total = table_total(spec_);
      double sum = 0;
      for (const auto& [value, weight] : spec_.table) sum += (total > 0 ? weight : 1.0) * value;
      return sum / (total > 0 ? total : static_cast<double>(spec_.table.size()));
    }
  }
  return 0;
}

double Distribution::second_moment() const {
  switch (spec_.kind) {
    case Kind::CONSTANT:
      return spec_.value * spec_.value;
    case Kind::UNIFORM:
      return (spec_.min * spec_.min + spec_.min * spec_.max + spec_.max * spec_.max) / 3;
    case Kind::EXPONENTIAL:
      return spec_.mean > 0 ? 2 * spec_.mean * spec_.mean : 0;
    case Kind::NORMAL: {
      if (spec_.stddev <= 0) {
        const double m = std::max(spec_.mean, 0.0);
        return m * m;
      }
      // X = mu + sigma Y with Y standard normal truncated to [alpha, inf), alpha = -mu/sigma:
      // E[Y] = lambda, E[Y^2] = 1 + alpha lambda, so E[X^2] = mu^2 + 2 mu sigma lambda + sigma^2 (1 + alpha lambda)
      // = mu^2 + sigma^2 + mu sigma lambda.
      const double k = spec_.mean / spec_.stddev;
      const double lambda = normal_pdf(k) / normal_cdf(k);
      return spec_.mean * spec_.mean + spec_.stddev * spec_.stddev + spec_.mean * spec_.stddev * lambda;
    }
    case Kind::LOGNORMAL:
      if (spec_.mean <= 0) return 0;
      return spec_.mean * spec_.mean + (spec_.stddev > 0 ? spec_.stddev * spec_.stddev : 0);
    case Kind::EMPIRICAL: {
      if (spec_.table.empty()) return 0;
      const double total = table_total(spec_);
      double sum = 0;
      for (const auto& [value, weight] : spec_.table) sum += (total > 0 ? weight : 1.0) * value * value;
      return sum / (total > 0 ? total : static_cast<double>(spec_.table.size()));
    }
  }
  return 0;
}

bool Distribution::is_constant_zero() const {
  // True when every draw is exactly 0, whatever the kind.
  switch (spec_.kind) {
    case Kind::CONSTANT:
      return spec_.value == 0;
    case Kind::UNIFORM:
      return spec_.min == 0 && spec_.max == 0;
    case Kind::EXPONENTIAL:
      return spec_.mean <= 0;
    case Kind::NORMAL:
      return spec_.stddev <= 0 && spec_.mean <= 0;
    case Kind::LOGNORMAL:
      return spec_.mean <= 0;
    case Kind::EMPIRICAL: {
      const double total = table_total(spec_);
      return std::all_of(spec_.table.begin(), spec_.table.end(),
                         [total](const auto& entry) { return entry.first == 0 || (total > 0 && entry.second <= 0); });
    }
  }
  return false;
}

const std::vector<ModelInfo>& distribution_registry() {
  static const std::vector<ModelInfo> registry{
      {"constant", "value", "always the same value"},
      {"uniform", "min, max", "uniform between min and max"},
      {"exponential", "mean", "exponential with the given mean (memoryless; Poisson inter-arrival times)"},
      {"normal", "mean, stddev", "normal distribution truncated at zero (negative draws are redrawn)"},
      {"lognormal", "mean, stddev", "lognormal with the given mean and stddev of the variable itself (not of its log)"},
      {"empirical", "table of [value, weight]", "a value from the table with probability weight / sum of weights"},
  };
  return registry;
}

}  // namespace irpsim::models
