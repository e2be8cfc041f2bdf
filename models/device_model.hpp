// A hardware device below a bus driver: `channels` requests in service at once, the others waiting in FIFO order;
// service time = a draw from the request type's latency distribution + length / bandwidth; each request fails with
// probability error_rate (status error_status, Information 0), otherwise completes with STATUS_SUCCESS and
// Information = its length. Requests complete as they finish, so several channels reorder them.
// Not modelled: cancellation of pending hardware requests, completion in submission order, internal caches.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "models/distribution.hpp"
#include "models/random.hpp"
#include "sim/core/request.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

struct HardwareJob {
  core::Request* request = nullptr;
  double arrived_s = 0;
  double started_s = 0;
  double service_s = 0;
  core::NtStatus status = core::STATUS_SUCCESS;
  std::uint64_t information = 0;
  double finishes_s() const { return started_s + service_s; }
};

class DeviceModel {
public:
  DeviceModel(const scenario::DeviceSpec& spec, std::uint64_t seed, std::uint64_t replication);

  // A request reaches the device. Returns the job if a channel was free and it started now.
  std::optional<HardwareJob> arrive(core::Request& request, double now);
  // A channel finished a job. Returns the next waiting job, started now, if any.
  std::optional<HardwareJob> channel_freed(double now);

  int busy_channels() const { return busy_; }
  std::size_t waiting() const { return waiting_.size(); }

private:
  HardwareJob start(HardwareJob job, double now);
  const scenario::DeviceSpec& spec_;
  std::vector<Distribution> latency_;   // per request type
  RandomStream service_rng_;
  RandomStream error_rng_;
  int busy_ = 0;
  std::deque<HardwareJob> waiting_;
};

}  // namespace irpsim::models
