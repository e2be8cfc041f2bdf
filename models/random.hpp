// Random streams: each model instance draws from its own stream, derived from (scenario seed, replication,
// stable id). The generator (xoshiro256**) and every distribution are implemented here rather than taken from
// <random>, whose distributions differ between standard libraries; results are the same on every platform.
#pragma once
#include <cstdint>
#include <string_view>

namespace irpsim::models {

// FNV-1a 64 of a string: the stable id of a named model instance ("device/ssd0", "workload/app/arrivals").
std::uint64_t stable_hash(std::string_view text);

class RandomStream {
public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view stable_id);
  std::uint64_t next_u64();
  double uniform01();                 // in [0, 1), 53 bits
  double uniform_open01();            // in (0, 1), never 0: safe for log()
  std::uint64_t below(std::uint64_t n);  // uniform integer in [0, n), n > 0, unbiased
private:
  std::uint64_t s_[4];
};

}  // namespace irpsim::models
