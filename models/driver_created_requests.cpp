// A driver's own requests (WdfRequestCreate) for a received one: creating them with IRPs of exactly their target's
// StackSize (section 9), and the received request's bookkeeping as they come back: split (all chunks, or one after
// another stopping at a failure; Information = what the successful chunks moved), fan-out (complete on all, the
// first success or a quorum; copies still running when the received request completes are deleted as they return),
// forward or route with a copy (the copy's status and Information, retried on failure). Each created request is
// deleted after its completion routine; the received one is recycled when its last created request is gone.
#include <algorithm>
#include <cassert>

#include "models/driver_model.hpp"

namespace irpsim::models {

using core::Irp;
using core::IrpEventKind;
using core::NtStatus;
using core::Request;
using scenario::PolicySpec;

void DriverModel::send_created(Request& parent, const PolicySpec& policy, std::uint32_t target,
                               core::RequestType type, std::uint64_t length, std::uint64_t offset,
                               std::uint32_t child_index) {
  const TargetWiring& wiring = targets_[target];
  assert(wiring.global != TargetWiring::kHardware);
  // WdfRequestCreate with the target: an IRP of exactly the target's StackSize (section 9); then
  // WdfIoTargetFormatRequestForXxx writes its first location.
  Irp& irp = env_.allocate_irp(wiring.stack_size);
  Irp& received = *parent.irp;
  irp.next_stack_location() =
      core::StackLocation{type, length, offset, received.current_stack_location().ioctl_code, {}};
  irp.type = type;
  irp.length = length;
  irp.offset = offset;
  irp.workload = received.workload;
  irp.measured = received.measured;
  irp.issued_s = env_.now();
  irp.driver_created = true;
  irp.parent_irp = received.id();

  Request* child = &take_request();
  child->irp = &irp;
  child->driver = index_;
  child->queue = parent.queue;
  child->type = type;
  child->state = Request::State::PRESENTED;
  child->arrived_s = child->presented_s = env_.now();
  child->driver_created = true;
  child->parent = &parent;
  child->child_index = child_index;
  child->target_number = target;
  ++parent.children_started;
  if (parent.sent_s < 0)
    parent.sent_s = env_.now();
  if (policy.action == PolicySpec::Action::FORWARD || policy.action == PolicySpec::Action::ROUTE) {
    ++parent.attempts;
    parent.target_number = target;  // a retry goes to the same target
  }
  if (tracing_)
    env_.trace(IrpEventKind::CREATED, irp, irp.io_status.status, 0, received.id());
  // The framework's IoCompletion routine goes on every tracked send, whether or not the driver set its own: the
  // target learns of the completion, and a synchronous sender gets control back (section 2.2 step 5f, 2.4).
  if (!policy.send.send_and_forget)
    irp.set_completion_routine(core::CompletionRoutine{wiring.global, child});
  ++child->attempts;
  submit(*child, policy, target);
}

void DriverModel::child_done(Request& child, NtStatus status, std::uint64_t information) {
  Request& parent = *child.parent;
  if (tracing_)
    env_.trace(IrpEventKind::DELETED, *child.irp, status, information, parent.irp->id());
  env_.free_irp(*child.irp);
  free_request(child);
  --parent.children_outstanding;
  parent.returned_s = env_.now();
  count_outcome(parent, status, information);
  if (parent.parent_completed) {
    // Completed already (fan-out first or quorum): the rest are deleted as they come back.
    if (parent.children_outstanding == 0)
      free_request(parent);
    return;
  }
  const PolicySpec* policy = handler_for(parent.type);
  assert(policy != nullptr);
  switch (policy->action) {
    case PolicySpec::Action::SPLIT: {
      const std::uint64_t chunks = std::max<std::uint64_t>(1, (parent_length(parent) + policy->chunk_bytes - 1) /
                                                                  policy->chunk_bytes);
      if (policy->order == PolicySpec::Order::SERIAL && parent.failures == 0 && parent.children_started < chunks) {
        split_next(parent, *policy);
        return;
      }
      if (parent.children_outstanding == 0) {
        const NtStatus outcome = parent.first_failure_set ? parent.first_failure : core::STATUS_SUCCESS;
        finish_parent(parent, outcome, parent.information_sum);
      }
      return;
    }
    case PolicySpec::Action::FAN_OUT: {
      NtStatus outcome;
      if (fan_out_decided(parent, *policy, &outcome))
        finish_parent(parent, outcome, core::nt_success(outcome) ? information : 0);
      return;
    }
    case PolicySpec::Action::FORWARD:
    case PolicySpec::Action::ROUTE:
      if (!core::nt_success(status) && parent.attempts <= policy->retry_attempts) {
        env_.start_timer(policy->retry_delay_s, DriverTimer{DriverTimer::Kind::RETRY, &parent, 0, 0});
        return;
      }
      finish_parent(parent, status, information);
      return;
    case PolicySpec::Action::COMPLETE:
      return;
  }
}

void DriverModel::split_next(Request& parent, const PolicySpec& policy) {
  const std::uint64_t length = parent_length(parent);
  const std::uint64_t chunk = policy.chunk_bytes;
  const std::uint64_t chunks = std::max<std::uint64_t>(1, length / chunk + (length % chunk != 0));
  const std::uint64_t offset = parent.irp->current_stack_location().offset;
  const std::uint32_t target = policy.targets.front();
  auto send_chunk = [&](std::uint64_t k) {
    const std::uint64_t begin = k * chunk;
    send_created(parent, policy, target, parent.type, std::min(chunk, length - std::min(length, begin)),
                 offset + begin, static_cast<std::uint32_t>(k));
  };
  if (policy.order == PolicySpec::Order::SERIAL) {
    ++parent.children_outstanding;
    send_chunk(parent.children_started);
    return;
  }
  parent.children_outstanding += static_cast<std::uint32_t>(chunks);
  for (std::uint64_t k = 0; k < chunks; ++k)
    send_chunk(k);
}

void DriverModel::fan_out_next(Request& parent, const PolicySpec& policy) {
  const std::uint32_t k = parent.children_started;
  if (k >= policy.targets.size()) {
    finish_parent(parent, parent.first_failure_set ? parent.first_failure : core::STATUS_SUCCESS, 0);
    return;
  }
  ++parent.children_started;
  send_received(parent, policy, policy.targets[k], true);
}

bool DriverModel::fan_out_decided(const Request& parent, const PolicySpec& policy, NtStatus* status) const {
  const auto n = static_cast<std::uint32_t>(policy.targets.size());
  const NtStatus failure = parent.first_failure_set ? parent.first_failure : core::STATUS_SUCCESS;
  if (policy.complete_on == PolicySpec::CompleteOn::ALL) {
    if (parent.successes + parent.failures < n)
      return false;
    *status = failure;
    return true;
  }
  const std::uint32_t need = policy.complete_on == PolicySpec::CompleteOn::FIRST ? 1 : policy.quorum;
  if (parent.successes >= need) {
    *status = core::STATUS_SUCCESS;
    return true;
  }
  if (parent.failures > n - need) {
    *status = failure;
    return true;
  }
  return false;
}

void DriverModel::count_outcome(Request& request, NtStatus status, std::uint64_t information) {
  if (core::nt_success(status)) {
    ++request.successes;
    request.information_sum += information;
    return;
  }
  ++request.failures;
  if (!request.first_failure_set) {
    request.first_failure_set = true;
    request.first_failure = status;
  }
}

void DriverModel::finish_parent(Request& parent, NtStatus status, std::uint64_t information) {
  const PolicySpec* policy = handler_for(parent.type);
  complete_request(parent, policy != nullptr ? policy->status.value_or(status) : status, &information);
}


}  // namespace irpsim::models
