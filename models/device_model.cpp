#include "models/device_model.hpp"

#include <cassert>

namespace irpsim::models {

DeviceModel::DeviceModel(const scenario::DeviceSpec& spec, std::uint64_t seed, std::uint64_t replication)
    : spec_(spec),
      service_rng_(seed, replication, "device/" + spec.name + "/service"),
      error_rng_(seed, replication, "device/" + spec.name + "/errors") {
  for (const auto& d : spec.latency)
    latency_.emplace_back(d);
}

std::optional<HardwareJob> DeviceModel::arrive(core::Request& request, double now) {
  HardwareJob job;
  job.request = &request;
  job.arrived_s = now;
  if (busy_ < spec_.channels)
    return start(job, now);
  waiting_.push_back(job);
  return std::nullopt;
}

std::optional<HardwareJob> DeviceModel::channel_freed(double now) {
  assert(busy_ > 0);
  --busy_;
  if (waiting_.empty())
    return std::nullopt;
  HardwareJob job = waiting_.front();
  waiting_.pop_front();
  return start(job, now);
}

bool DeviceModel::finish(const HardwareJob& job) {
  if (!spec_.cancelable)
    return true;
  if (cancelled_in_service_.erase(job.sequence) > 0)
    return false;
  in_service_.erase(job.request->irp);
  return true;
}

DeviceModel::CancelResult DeviceModel::cancel(const core::Irp& irp, HardwareJob* job) {
  if (!spec_.cancelable)
    return CancelResult::NOT_CANCELABLE;  // no cancel routine: IoCancelIrp only sets the Cancel bit
  if (auto it = in_service_.find(&irp); it != in_service_.end()) {
    if (!spec_.cancelable)
      return CancelResult::NOT_CANCELABLE;
    cancelled_in_service_.insert(it->second.sequence);
    *job = it->second;
    in_service_.erase(it);
    return CancelResult::CANCELLED_IN_SERVICE;
  }
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if (it->request->irp == &irp) {
      *job = *it;
      waiting_.erase(it);
      return CancelResult::CANCELLED_WAITING;
    }
  }
  return CancelResult::NOT_HERE;
}

HardwareJob DeviceModel::start(HardwareJob job, double now) {
  ++busy_;
  job.sequence = next_sequence_++;
  const std::uint64_t length = job.request->irp->current_stack_location().length;
  job.started_s = now;
  job.service_s = latency_[core::index_of(job.request->type)].sample(service_rng_);
  if (spec_.bandwidth_bytes_per_s > 0)
    job.service_s += static_cast<double>(length) / spec_.bandwidth_bytes_per_s;
  const bool fails = spec_.error_rate > 0 && error_rng_.uniform01() < spec_.error_rate;
  job.status = fails ? spec_.error_status : core::STATUS_SUCCESS;
  job.information = fails ? 0 : length;
  if (spec_.cancelable)  // only a cancelable device pays for the lookup table
    in_service_[job.request->irp] = job;
  return job;
}

}  // namespace irpsim::models
