// A hardware device below a bus driver: `channels` requests in service at once, the others waiting in FIFO order;
// service time = a draw from the request type's latency distribution + length / bandwidth; each request fails with
// probability error_rate (status error_status, Information 0), otherwise completes with STATUS_SUCCESS and
// Information = its length. Requests complete as they finish, so several channels reorder them.
// A cancelable device has a cancel routine on every request it holds: IoCancelIrp drops a waiting or in-service
// request (its channel is freed at once) and it completes with STATUS_CANCELLED, Information 0; a request whose IRP
// is already cancelled when it arrives is completed that way at once. A device that is not cancelable ignores
// IoCancelIrp: the request finishes normally.
// Not modelled: completion in submission order, internal caches, seeks.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>
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
  std::uint64_t sequence = 0;          // start order: tells a finished job from one cancelled while in service
  double finishes_s() const { return started_s + service_s; }
};

class DeviceModel {
public:
  DeviceModel(const scenario::DeviceSpec& spec, std::uint64_t seed, std::uint64_t replication);

  // A request reaches the device. Returns the job if a channel was free and it started now.
  std::optional<HardwareJob> arrive(core::Request& request, double now);
  // A job's service time is over. False if it was cancelled while in service (nothing to complete then; its channel
  // was freed at the cancel). True: the caller completes it and calls channel_freed().
  bool finish(const HardwareJob& job);
  // A channel finished (or dropped) a job. Returns the next waiting job, started now, if any.
  std::optional<HardwareJob> channel_freed(double now);

  enum class CancelResult { NOT_HERE, NOT_CANCELABLE, CANCELLED_WAITING, CANCELLED_IN_SERVICE };
  // IoCancelIrp on the IRP of a request this device may hold. CANCELLED_IN_SERVICE: the caller completes the request
  // with STATUS_CANCELLED and calls channel_freed(). CANCELLED_WAITING: only the completion.
  // *job is set to the dropped job (started_s and service_s meaningful only for one in service).
  CancelResult cancel(const core::Irp& irp, HardwareJob* job);
  bool cancelable() const { return spec_.cancelable; }

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
  std::uint64_t next_sequence_ = 0;
  // Cancelable devices only. Lookups only, never iterated: no result can depend on pointer values.
  std::unordered_map<const core::Irp*, HardwareJob> in_service_;
  std::unordered_set<std::uint64_t> cancelled_in_service_;
};

}  // namespace irpsim::models
