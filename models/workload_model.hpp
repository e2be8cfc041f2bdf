// What a workload issues, without SimGrid: the request mix (type, size and IOCTL code drawn by weight), offsets
// (sequential, wrapping within the span, or random and aligned within it), the arrival process of an open loop
// (Poisson: exponential gaps; fixed: equal gaps) and the think time of a closed loop. Each part draws from its own
// random stream, so changing the mix does not change the arrival times.
#pragma once
#include <cstdint>
#include <vector>

#include "models/distribution.hpp"
#include "models/random.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

struct IssuedRequest {
  core::RequestType type = core::RequestType::READ;
  std::uint64_t length = 0;
  std::uint64_t offset = 0;
  std::uint32_t ioctl_code = 0;
};

class WorkloadModel {
public:
  WorkloadModel(const scenario::WorkloadSpec& spec, std::uint64_t seed, std::uint64_t replication);

  IssuedRequest next_request();
  // Open loops: the absolute time of the next arrival. Fixed rate: k / rate for the k-th arrival (k = 1, 2, ...),
  // computed, not accumulated, so a schedule does not drift; Poisson: the previous arrival plus an exponential gap.
  double next_arrival_s();
  double next_think_time_s();     // closed loops
  // Whether the originator will cancel the request about to be issued (cancel_share of them, own random stream).
  bool cancels_next();
  bool thinks() const { return !think_.is_constant_zero(); }

private:
  const scenario::WorkloadSpec& spec_;
  std::vector<double> cumulative_weight_;
  Distribution think_;
  RandomStream mix_rng_, offset_rng_, arrival_rng_, think_rng_, cancel_rng_;
  std::uint64_t arrivals_ = 0;
  double last_arrival_s_ = 0;
  std::uint64_t next_sequential_ = 0;
};

}  // namespace irpsim::models
