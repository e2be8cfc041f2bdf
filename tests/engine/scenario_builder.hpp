// Scenarios for engine tests, built as plain structs so each test states its model in a few lines and derives the
// expected figures in closed form next to it.
#pragma once
#include <string>

#include "sim/engine/simulation.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::test {

scenario::DistributionSpec constant(double v);
scenario::DistributionSpec exponential(double mean);

// One host (cores, 1 Gflop/s), one device, one stack of `layers` forwarding drivers (the last a bus driver) with
// parallel default queues and zero CPU cost, and one workload of 4 KiB reads with no warm-up.
struct Builder {
  explicit Builder(int layers = 1, int cores = 4);
  Builder& device(scenario::DistributionSpec latency, int channels = 1);
  Builder& open_poisson(double rate_per_s);
  Builder& open_fixed(double rate_per_s);
  Builder& closed(std::uint32_t queue_depth, scenario::DistributionSpec think = constant(0));
  Builder& requests(std::uint64_t n, std::uint64_t warmup = 0);
  Builder& seed(std::uint64_t s);
  scenario::Scenario s;
};

struct Measured {
  double mean_latency_s = 0;
  double min_latency_s = 0;
  double max_latency_s = 0;
  double throughput_per_s = 0;
  std::uint64_t requests = 0;
};

// Simulates and returns workload 0's measured figures over all request types.
Measured measure(const engine::SimulationResult& result, std::size_t workload = 0);

}  // namespace irpsim::test
