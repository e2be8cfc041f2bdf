// The driver's own code, as its policies describe it: what its dispatch callback does with a presented request
// (forward, complete, split, fan out, route), how it sends (WdfRequestSend with the policy's options, decided by the
// target's state machine, core::IoTarget), what its completion routine does (complete with the status from below or
// the policy's, retry, move to the next target, account for a created request), WdfRequestCancelSentRequest after a
// delay, and the deliberate mistakes the verifier catches. The framework side is in driver_model.cpp, created
// requests in driver_created_requests.cpp.
#include <algorithm>
#include <cassert>

#include "models/driver_model.hpp"

namespace irpsim::models {

using core::Irp;
using core::IrpEventKind;
using core::IrpWhereabouts;
using core::NtStatus;
using core::Request;
using scenario::PolicySpec;

namespace {

core::SendOptions options_of(const scenario::SendSpec& send) {
  core::SendOptions o;
  o.synchronous = send.synchronous;
  o.send_and_forget = send.send_and_forget;
  o.ignore_target_state = send.ignore_target_state;
  o.has_timeout = send.timeout_s.has_value();
  o.timeout_s = send.timeout_s.value_or(0);
  return o;
}

// The opaque id core::IoTarget tracks a request by. Used for lookups only: no order depends on it.
std::uint64_t id_of(const Request& request) { return reinterpret_cast<std::uintptr_t>(&request); }

}  // namespace

std::uint64_t DriverModel::parent_length(const Request& request) const {
  return request.irp->current_stack_location().length;
}

const PolicySpec& DriverModel::policy_of(const Request& request) const {
  const PolicySpec* policy = handler_for(request.driver_created ? request.parent->type : request.type);
  assert(policy != nullptr);
  return *policy;
}

void DriverModel::run_step(DriverStep::Kind kind, Request& request, const PolicySpec& policy) {
  const bool dispatch = kind == DriverStep::Kind::DISPATCH;
  if (cpu_free_) {
    ++free_steps_[dispatch ? 0 : 1];
    if (dispatch)
      dispatch_done(request);
    else
      completion_done(request);
    return;
  }
  double cost = 0;
  for (const StepCosts& c : costs_)
    if (c.policy == &policy) {
      const Distribution& d = dispatch ? c.dispatch : c.completion;
      if (!d.is_constant_zero())
        cost = d.sample(cpu_rng_);
      break;
    }
  std::vector<LockTake> takes;
  for (std::size_t i = 0; i < locks_.size(); ++i)
    if (dispatch ? spec_.locks[i].dispatch : spec_.locks[i].completion)
      takes.push_back(LockTake{&locks_[i], lock_holds_[i].sample(cpu_rng_)});
  env_.cpu_step(DriverStep{kind, &request}, cost, std::move(takes));
}

void DriverModel::step_done(const DriverStep& step, const StepTiming& timing) {
  Request& request = *step.request;
  // A created request's completion routine is its parent's driver's code, working for the parent.
  Request& owner = request.driver_created && request.parent != nullptr ? *request.parent : request;
  owner.core_wait_s += timing.core_wait_s();
  owner.spin_s += timing.spin_s;
  owner.cpu_s += timing.cpu_s();
  if (step.kind == DriverStep::Kind::DISPATCH)
    dispatch_done(request);
  else
    completion_done(request);
}

void DriverModel::run_handler(Request& request, const PolicySpec& policy) {
  run_step(DriverStep::Kind::DISPATCH, request, policy);
}

void DriverModel::dispatch_done(Request& request) {
  const PolicySpec& policy = policy_of(request);
  const core::StackLocation& here = request.irp->current_stack_location();
  switch (policy.action) {
    case PolicySpec::Action::COMPLETE:
      if (policy.delay_s > 0)
        env_.start_timer(policy.delay_s, DriverTimer{DriverTimer::Kind::COMPLETE_DELAY, &request, 0, 0});
      else
        complete_after_delay(request);
      return;
    case PolicySpec::Action::FORWARD:
      if (policy.create_request) {
        ++request.children_outstanding;
        send_created(request, policy, policy.targets.front(), policy.rewrite_to.value_or(request.type), here.length,
                     here.offset, 0);
      } else {
        send_received(request, policy, policy.targets.front(), false);
      }
      return;
    case PolicySpec::Action::SPLIT:
      split_next(request, policy);
      return;
    case PolicySpec::Action::FAN_OUT:
      if (policy.fan_out_mode == PolicySpec::FanOutMode::RESEND) {
        fan_out_next(request, policy);
        return;
      }
      // One created request per target, all counted first: a send that fails at once must not let the parent
      // complete (and be recycled) while copies are still to be made.
      request.children_outstanding += static_cast<std::uint32_t>(policy.targets.size());
      for (std::uint32_t k = 0; k < policy.targets.size(); ++k)
        send_created(request, policy, policy.targets[k], request.type, here.length, here.offset, k);
      return;
    case PolicySpec::Action::ROUTE: {
      const std::uint32_t target = route_target(request, policy);
      if (policy.create_request) {
        ++request.children_outstanding;
        send_created(request, policy, target, request.type, here.length, here.offset, 0);
      } else {
        send_received(request, policy, target, true);
      }
      return;
    }
  }
}

void DriverModel::complete_after_delay(Request& request) {
  const PolicySpec* policy = handler_for(request.type);
  assert(policy != nullptr && policy->action == PolicySpec::Action::COMPLETE);
  const NtStatus status = policy->status.value_or(core::STATUS_SUCCESS);
  const bool succeeds = core::nt_success(core::rewrite_wdf_facility_status(status));
  const std::uint64_t information =
      policy->information_bytes.value_or(succeeds ? request.irp->current_stack_location().length : 0);
  complete_request(request, status, &information);
}

void DriverModel::send_received(Request& request, const PolicySpec& policy, std::uint32_t target,
                                bool change_target) {
  Irp& irp = *request.irp;
  const TargetWiring& wiring = targets_[target];
  request.target_number = target;
  if (wiring.global == TargetWiring::kHardware) {
    // A bus driver starts its hardware: no I/O target, no stack location (a modelling choice, see README).
    request.state = Request::State::SENT;
    if (request.sent_s < 0)
      request.sent_s = env_.now();
    request.outstanding = true;
    request.has_completion_routine = true;
    request.send_started_s = env_.now();
    ++request.attempts;
    ++outstanding_per_target_[target];
    irp.where = {IrpWhereabouts::Kind::DEVICE, index_};
    env_.send_to_hardware(request);
    return;
  }
  if (change_target) {
    // WdfRequestChangeTarget: a received request's IRP cannot be replaced, so too few locations is a refusal.
    const NtStatus s = env_.io_target(wiring.global).change_target(true, false, irp.current_location() - 1, nullptr);
    if (!core::nt_success(s)) {
      send_failed(request, policy, s);
      return;
    }
  }
  if (!policy.send.send_and_forget) {
    // WdfRequestFormatRequestUsingCurrentType, or WdmFormatUsingStackLocation with another request type.
    if (!irp.copy_current_to_next()) {
      irp.where = {IrpWhereabouts::Kind::TERMINATED, index_};
      env_.violation(irp, "WDF_VIOLATION (bug check 0x10D, 0x6, 0x1) NO_MORE_STACK_LOCATIONS",
                     "WdfRequestFormatRequestUsingCurrentType with no next stack location");
      return;
    }
    if (policy.rewrite_to)
      irp.next_stack_location().type = *policy.rewrite_to;
    // The framework's IoCompletion routine goes on every tracked send, whether or not the driver set its own: the
    // target learns of the completion, and a synchronous sender gets control back (section 2.2 step 5f, 2.4).
    irp.set_completion_routine(core::CompletionRoutine{wiring.global, &request});
  }
  ++request.attempts;
  submit(request, policy, target);
}

void DriverModel::submit(Request& request, const PolicySpec& policy, std::uint32_t target) {
  Irp& irp = *request.irp;
  const TargetWiring& wiring = targets_[target];
  if (wiring.global == TargetWiring::kNoTarget) {
    irp.where = {IrpWhereabouts::Kind::TERMINATED, index_};
    env_.violation(irp, "NO_MORE_IRP_STACK_LOCATIONS (bug check 0x35)", "no device object below this driver");
    return;
  }
  const core::SendOptions options = options_of(policy.send);
  core::SendContext context;
  context.queue_presented = !request.driver_created;
  context.has_completion_routine = policy.send.completion_routine;
  context.formatted_for_target = request.driver_created;  // created requests are formatted for their target
  context.canceled_mark = request.canceled_mark;
  context.outstanding = request.outstanding;
  context.remaining_stack_locations = irp.current_location() - 1;
  context.verifier = verifier_;
  core::IoTarget& io_target = env_.io_target(wiring.global);
  const core::SendDecision decision = io_target.submit(id_of(request), options, context);
  switch (decision.outcome) {
    case core::SendOutcome::SENT:
    case core::SendOutcome::PENDED: {
      request.outstanding = true;
      request.has_completion_routine = policy.send.completion_routine;
      request.synchronous = policy.send.synchronous;
      request.state = Request::State::SENT;
      if (request.sent_s < 0)
        request.sent_s = env_.now();
      request.send_started_s = env_.now();
      ++request.send_generation;
      request.target = wiring.global;
      request.target_number = target;
      ++outstanding_per_target_[target];
      env_.send_to_target(wiring.global, request, decision, options.timeout_s);
      if (policy.cancel_after_s)
        env_.start_timer(*policy.cancel_after_s,
                         DriverTimer{DriverTimer::Kind::CANCEL_SENT, &request, request.send_generation, 0});
      if (policy.mistake == scenario::Mistake::RESEND_WHILE_OUTSTANDING && !request.driver_created) {
        context.outstanding = true;
        const core::SendDecision again = io_target.submit(id_of(request), options, context);
        if (again.outcome == core::SendOutcome::BUG_CHECK)
          env_.report(irp, again.bug_check, "WdfRequestSend on a request still outstanding on its target");
      }
      return;
    }
    case core::SendOutcome::SENT_UNTRACKED: {
      // Send-and-forget (section 2.5): the IRP goes down on this driver's own stack location, no completion
      // routine of this layer runs, the request object is deleted and the queue is told at once.
      if (verifier_ && policy.send.completion_routine)
        env_.report(irp, "KMDF verifier break: completion routine set on a send-and-forget request",
                    "the routine is never called");
      irp.skip_current_location();
      request.state = Request::State::COMPLETED;
      request.sent_s = request.returned_s = env_.now();
      env_.send_to_target(wiring.global, request, decision, options.timeout_s);
      env_.request_finished(request);
      Request* next = queues_[request.queue].request_done();
      free_request(request);
      if (next != nullptr) {
        to_present_.push_back(next);
        present_pending();
      }
      return;
    }
    case core::SendOutcome::FAILED:
      // From WdfRequestSend itself, too few stack locations is the KMDF verifier's check (section 2.2 step 5b).
      if (decision.status == core::STATUS_REQUEST_NOT_ACCEPTED)
        env_.report(irp, "KMDF verifier: too few stack locations for the target (STATUS_REQUEST_NOT_ACCEPTED)",
                    "WdfRequestSend refused the request; without the verifier it would be bug check 0x35");
      send_failed(request, policy, decision.status);
      return;
    case core::SendOutcome::BUG_CHECK:
      irp.where = {IrpWhereabouts::Kind::TERMINATED, index_};
      env_.violation(irp, decision.bug_check, "WdfRequestSend");
      return;
  }
}

void DriverModel::send_failed(Request& request, const PolicySpec& policy, NtStatus status) {
  Irp& irp = *request.irp;
  if (tracing_)
    env_.trace(IrpEventKind::SEND_FAILED, irp, status, irp.io_status.information, core::IrpEvent::kNoIrp);
  // Failures that only a driver bug produces: the verifier breaks on them (sections 2.2, 2.5).
  const scenario::SendSpec& send = policy.send;
  if (status == core::STATUS_INVALID_PARAMETER)
    env_.report(irp, "INVALID_SEND_OPTIONS (WdfRequestSend: STATUS_INVALID_PARAMETER)",
                "SEND_AND_FORGET combined with another option");
  else if (status == core::STATUS_INVALID_DEVICE_REQUEST && !send.send_and_forget && !send.synchronous &&
           !send.completion_routine)
    env_.report(irp, "INVALID_SEND_OPTIONS (KMDF verifier break: STATUS_INVALID_DEVICE_REQUEST)",
                "asynchronous send of a received request without a completion routine");
  else if (send.send_and_forget && request.driver_created)
    env_.report(irp, "INVALID_SEND_OPTIONS (WdfRequestSend: STATUS_INVALID_DEVICE_STATE)",
                "SEND_AND_FORGET of a driver-created request");
  if (request.driver_created) {
    child_done(request, status, 0);
    return;
  }
  if (policy.action == PolicySpec::Action::FAN_OUT) {
    resend_step_done(request, policy, status);  // this target failed without the request leaving the driver
    return;
  }
  // The usual pattern: WdfRequestComplete(Request, WdfRequestGetStatus(Request)).
  complete_request(request, status, nullptr);
}

void DriverModel::send_completed(Request& request) {
  Irp& irp = *request.irp;
  request.outstanding = false;
  ++request.send_generation;
  --outstanding_per_target_[request.target_number];
  request.returned_s = env_.now();
  request.below_s += request.returned_s - request.send_started_s;
  if (!request.has_completion_routine && !request.synchronous) {
    // Only a created request gets here (a received one fails the send): nothing is called, the driver learns nothing
    // and its parent keeps waiting (section 2.3).
    irp.where = {IrpWhereabouts::Kind::DONE, 0};
    return;
  }
  if (!request.driver_created)
    irp.where = {IrpWhereabouts::Kind::DRIVER, index_};
  note(IrpEventKind::COMPLETION_ROUTINE, irp);
  run_step(DriverStep::Kind::COMPLETION, request, policy_of(request));
}

void DriverModel::completion_done(Request& request) {
  Irp& irp = *request.irp;
  if (request.driver_created) {
    child_done(request, irp.io_status.status, irp.io_status.information);
    return;
  }
  received_send_done(request, policy_of(request));
}

void DriverModel::resend_step_done(Request& request, const PolicySpec& policy, NtStatus status) {
  count_outcome(request, status, 0);
  NtStatus outcome;
  if (fan_out_decided(request, policy, &outcome))
    finish_parent(request, outcome, core::nt_success(outcome) ? request.irp->io_status.information : 0);
  else
    fan_out_next(request, policy);
}

void DriverModel::hardware_done(Request& request, NtStatus status, std::uint64_t information) {
  request.irp->io_status = {status, information};
  send_completed(request);
}

void DriverModel::received_send_done(Request& request, const PolicySpec& policy) {
  Irp& irp = *request.irp;
  const NtStatus below = irp.io_status.status;
  if (policy.action == PolicySpec::Action::FAN_OUT) {
    resend_step_done(request, policy, below);
    return;
  }
  if (!core::nt_success(below) && request.attempts <= policy.retry_attempts) {
    env_.start_timer(policy.retry_delay_s, DriverTimer{DriverTimer::Kind::RETRY, &request, 0, 0});
    return;
  }
  // The usual completion routine: WdfRequestComplete(Request, Params->IoStatus.Status); Information inherited.
  const NtStatus status = policy.status.value_or(below);
  switch (policy.mistake) {
    case scenario::Mistake::NEVER_COMPLETE:
      return;  // the request stays owned; its IRP never completes (reported at the end of the run)
    case scenario::Mistake::COMPLETE_TWICE:
      complete_request(request, status, nullptr);
      env_.report(irp, "MULTIPLE_IRP_COMPLETE_REQUESTS (bug check 0x44)",
                  "WdfRequestComplete called twice on the same request (DoubleCompletion)");
      return;
    default:
      complete_request(request, status, nullptr);
      return;
  }
}

std::uint32_t DriverModel::route_target(const Request& request, const PolicySpec& policy) {
  const auto n = static_cast<std::uint32_t>(policy.targets.size());
  std::uint32_t pick = 0;
  switch (policy.route_by) {
    case PolicySpec::RouteBy::ROUND_ROBIN:
      pick = round_robin_[core::index_of(request.type)]++ % n;
      break;
    case PolicySpec::RouteBy::STRIPE:
      pick = static_cast<std::uint32_t>((request.irp->current_stack_location().offset / policy.stripe_bytes) % n);
      break;
    case PolicySpec::RouteBy::LEAST_OUTSTANDING:
      for (std::uint32_t i = 1; i < n; ++i)  // ties go to the earlier target
        if (outstanding_per_target_[policy.targets[i]] < outstanding_per_target_[policy.targets[pick]])
          pick = i;
      break;
  }
  return policy.targets[pick];
}

}  // namespace irpsim::models
