// Latency and think-time distributions, built from a validated scenario::DistributionSpec. Draws are never
// negative: the normal is truncated at zero by redrawing. Also the registry of distribution names with a one-line
// description each, which the scenario parser and `irpsim list` use.
#pragma once
#include <string_view>
#include <vector>

#include "models/random.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

class Distribution {
public:
  explicit Distribution(const scenario::DistributionSpec& spec);
  double sample(RandomStream& rng) const;
  double mean() const;                // of the distribution as drawn (for the truncated normal: the truncated mean)
  double second_moment() const;       // E[X^2], for Pollaczek-Khinchine checks
  bool is_constant_zero() const;
private:
  scenario::DistributionSpec spec_;
  double mu_ = 0, sigma_ = 0;         // lognormal parameters of the underlying normal
  std::vector<double> cumulative_;    // empirical: cumulative weights
};

struct ModelInfo {
  std::string_view name;              // as written in a scenario
  std::string_view parameters;        // e.g. "mean, stddev"
  std::string_view description;       // one line
};

// constant, uniform, exponential, normal, lognormal, empirical; in that order.
const std::vector<ModelInfo>& distribution_registry();

}  // namespace irpsim::models
