#include "models/driver_model.hpp"

#include <cassert>

namespace irpsim::models {

using core::Irp;
using core::IrpWhereabouts;
using core::Request;
using scenario::DriverRole;
using scenario::PolicySpec;

DriverModel::DriverModel(std::uint32_t index, const scenario::DriverSpec& spec, std::uint32_t target,
                         DriverEnvironment& env)
    : index_(index), spec_(spec), target_(target), env_(env), tracing_(env.tracing()) {
  queue_for_type_.fill(kNoQueue);
  int default_queue = kNoQueue;
  for (std::size_t q = 0; q < spec.queues.size(); ++q) {
    const auto& qs = spec.queues[q];
    queues_.emplace_back(qs.dispatch == scenario::DispatchKind::SEQUENTIAL ? core::IoQueue::Dispatch::SEQUENTIAL
                                                                            : core::IoQueue::Dispatch::PARALLEL,
                         qs.max_presented);
    if (qs.is_default)
      default_queue = static_cast<int>(q);
    for (core::RequestType t : qs.types)
      queue_for_type_[core::index_of(t)] = static_cast<int>(q);
  }
  for (core::RequestType t : core::kAllRequestTypes) {
    auto& slot = queue_for_type_[core::index_of(core::dispatching_type(t))];
    if (slot == kNoQueue)
      slot = default_queue;
    queue_for_type_[core::index_of(t)] = slot;
  }
}

const PolicySpec* DriverModel::handler_for(core::RequestType type) const {
  if (const auto& p = spec_.policies[core::index_of(type)])
    return &*p;
  // EvtIoInternalDeviceControl receives both internal forms: "internal_ioctl" handles "internal_ioctl_others" that
  // has no policy of its own.
  if (type != core::dispatching_type(type))
    if (const auto& p = spec_.policies[core::index_of(core::dispatching_type(type))])
      return &*p;
  if (spec_.default_policy)
    return &*spec_.default_policy;
  return nullptr;
}

void DriverModel::irp_arrived(Irp& irp) {
  note(core::IrpEventKind::ARRIVED, irp);
  const core::RequestType type = irp.current_stack_location().type;
  const int queue = queue_for_type_[core::index_of(type)];
  const bool filter_without_handler =
      spec_.role == DriverRole::FILTER && (queue == kNoQueue || handler_for(type) == nullptr);
  if (filter_without_handler) {
    // FxPkgIo::DispatchStep1 for a filter: skip + IoCallDriver(next-lower), no WDFREQUEST.
    env_.irp_passed_through(irp);
    note(core::IrpEventKind::AUTO_FORWARDED, irp);
    irp.skip_current_location();
    if (!irp.call_driver()) {
      env_.violation(irp, "NO_MORE_IRP_STACK_LOCATIONS (bug check 0x35)", "auto-forward found no stack location left");
      return;
    }
    env_.call_lower_driver(irp);
    return;
  }
  if (queue == kNoQueue) {
    complete_irp_here(irp, core::STATUS_INVALID_DEVICE_REQUEST);
    return;
  }
  Request& request = new_request(irp, queue);
  irp.where = {IrpWhereabouts::Kind::DRIVER_QUEUE, index_};
  if (queues_[static_cast<std::size_t>(queue)].arrive(&request)) {
    to_present_.push_back(&request);
    present_pending();
  }
}

void DriverModel::present_pending() {
  if (presenting_)
    return;
  presenting_ = true;
  while (!to_present_.empty()) {
    Request* next = to_present_.front();
    to_present_.pop_front();
    present(*next);
  }
  presenting_ = false;
}

Request& DriverModel::new_request(Irp& irp, int queue) {
  Request* r;
  if (free_.empty()) {
    r = &storage_.emplace_back();
  } else {
    r = free_.back();
    free_.pop_back();
  }
  *r = Request{};
  r->irp = &irp;
  r->driver = index_;
  r->queue = static_cast<std::uint32_t>(queue);
  r->type = irp.current_stack_location().type;
  r->arrived_s = env_.now();
  return *r;
}

void DriverModel::present(Request& request) {
  request.state = Request::State::PRESENTED;
  request.presented_s = env_.now();
  request.irp->where = {IrpWhereabouts::Kind::DRIVER, index_};
  const auto& qs = spec_.queues[request.queue];
  // FxIoQueue::DispatchRequestToDriver: zero-length transfers and handler-less types never reach the driver.
  if (core::is_transfer(request.type) && request.irp->current_stack_location().length == 0 && !qs.allow_zero_length) {
    const std::uint64_t zero = 0;
    complete_request(request, core::STATUS_SUCCESS, &zero);
    return;
  }
  const PolicySpec* policy = handler_for(request.type);
  if (policy == nullptr) {
    const std::uint64_t zero = 0;
    complete_request(request, core::STATUS_INVALID_DEVICE_REQUEST, &zero);
    return;
  }
  note(core::IrpEventKind::PRESENTED, *request.irp);
  run_handler(request, *policy);
}

void DriverModel::run_handler(Request& request, const PolicySpec& policy) {
  env_.compute(policy.dispatch_cpu_s);
  switch (policy.action) {
    case PolicySpec::Action::FORWARD:
      forward(request);
      return;
    case PolicySpec::Action::COMPLETE:
      if (policy.delay_s > 0) {
        env_.start_timer(policy.delay_s, request);
      } else {
        timer_fired(request);
      }
      return;
  }
}

void DriverModel::forward(Request& request) {
  Irp& irp = *request.irp;
  request.state = Request::State::SENT;
  request.sent_s = env_.now();
  if (spec_.role == DriverRole::BUS) {
    irp.where = {IrpWhereabouts::Kind::DEVICE, index_};
    env_.send_to_hardware(request);
    return;
  }
  // WdfRequestFormatRequestUsingCurrentType + WdfRequestSetCompletionRoutine + WdfRequestSend(async).
  if (!irp.copy_current_to_next()) {
    irp.where = {IrpWhereabouts::Kind::TERMINATED, index_};
    env_.violation(irp, "WDF_VIOLATION (bug check 0x10D, 0x6, 0x1)",
                   "WdfRequestFormatRequestUsingCurrentType with no next stack location");
    return;
  }
  irp.set_completion_routine(core::CompletionRoutine{target_, &request});
  irp.where = {IrpWhereabouts::Kind::TARGET, target_};
  env_.send_to_target(request);
}

void DriverModel::completion_routine(Request& request) {
  request.returned_s = env_.now();
  request.irp->where = {IrpWhereabouts::Kind::DRIVER, index_};
  note(core::IrpEventKind::COMPLETION_ROUTINE, *request.irp);
  const PolicySpec* policy = handler_for(request.type);
  assert(policy != nullptr);
  env_.compute(policy->completion_cpu_s);
  // The usual completion routine: WdfRequestComplete(Request, Params->IoStatus.Status); Information inherited.
  complete_request(request, policy->status.value_or(request.irp->io_status.status), nullptr);
}

void DriverModel::hardware_done(Request& request, core::NtStatus status, std::uint64_t information) {
  request.irp->io_status = {status, information};
  completion_routine(request);
}

void DriverModel::timer_fired(Request& request) {
  const PolicySpec* policy = handler_for(request.type);
  assert(policy != nullptr && policy->action == PolicySpec::Action::COMPLETE);
  const core::NtStatus status = policy->status.value_or(core::STATUS_SUCCESS);
  const bool succeeds = core::nt_success(core::rewrite_wdf_facility_status(status));
  const std::uint64_t information =
      policy->information_bytes.value_or(succeeds ? request.irp->current_stack_location().length : 0);
  complete_request(request, status, &information);
}

void DriverModel::complete_request(Request& request, core::NtStatus status, const std::uint64_t* information) {
  Irp& irp = *request.irp;
  irp.io_status.status = core::rewrite_wdf_facility_status(status);
  if (information != nullptr)
    irp.io_status.information = *information;
  request.state = Request::State::COMPLETED;
  note(core::IrpEventKind::REQUEST_COMPLETED, irp);
  env_.request_finished(request);
  Request* next = queues_[request.queue].request_done();
  free_.push_back(&request);
  continue_completion(irp);
  if (next != nullptr) {
    to_present_.push_back(next);
    present_pending();
  }
}

void DriverModel::complete_irp_here(Irp& irp, core::NtStatus status) {
  irp.io_status = {status, 0};
  note(core::IrpEventKind::REQUEST_COMPLETED, irp);
  continue_completion(irp);
}

void DriverModel::continue_completion(Irp& irp) {
  const core::CompletionRoutine routine = irp.complete_step();
  if (irp.double_completed()) {
    env_.violation(irp, "MULTIPLE_IRP_COMPLETE_REQUESTS (bug check 0x44)", "IRP completed twice");
    return;
  }
  if (routine.is_set()) {
    irp.where = {IrpWhereabouts::Kind::COMPLETING, routine.request->driver};
    env_.deliver_completion(irp, routine);
    return;
  }
  irp.where = {IrpWhereabouts::Kind::DONE, 0};
  env_.irp_completed(irp);
}

}  // namespace irpsim::models
