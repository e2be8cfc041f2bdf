#include "models/target_model.hpp"

#include <cassert>

namespace irpsim::models {

using core::Irp;
using core::IrpEventKind;
using core::Request;
using core::SendOutcome;
using Op = scenario::TargetEventSpec::Op;

TargetModel::TargetModel(std::uint32_t index, std::uint32_t owner_driver, std::uint32_t lower_driver, int stack_size,
                         TargetEnvironment& env)
    : index_(index), owner_(owner_driver), lower_(lower_driver), env_(env), target_(stack_size) {}

void TargetModel::send(Irp& irp, Request* request, SendOutcome outcome, bool start_timer, double timeout_s) {
  if (start_timer) {
    assert(request != nullptr);
    env_.start_timer(timeout_s, TargetTimer{TargetTimer::Kind::SEND_TIMEOUT, request, request->timeout_generation});
  }
  switch (outcome) {
    case SendOutcome::SENT:
    case SendOutcome::SENT_UNTRACKED:
      call_lower(request, irp);
      return;
    case SendOutcome::PENDED:
      pend(*request);
      return;
    case SendOutcome::FAILED:
    case SendOutcome::BUG_CHECK:
      assert(false && "the driver carries out failed sends itself");
      return;
  }
}

void TargetModel::call_lower(Request* request, Irp& irp) {
  if (!irp.call_driver()) {
    // IoCallDriver with no location left: bug check 0x35 (the verifier would have refused the send, section 11.1).
    if (request != nullptr)
      target_.completed(id_of(*request));
    irp.where = {core::IrpWhereabouts::Kind::TERMINATED, owner_};
    env_.violation(irp, "NO_MORE_IRP_STACK_LOCATIONS (bug check 0x35)",
                   "IoCallDriver from the I/O target found no stack location left");
    return;
  }
  if (request != nullptr) {
    env_.visited(*request, request->pended_s >= 0 ? env_.now() - request->pended_s : 0.0);
    request->pended_s = -1;
  }
  env_.trace(IrpEventKind::SENT, irp, irp.io_status.status);
  irp.where = {core::IrpWhereabouts::Kind::DRIVER_QUEUE, lower_};
  env_.call_lower_driver(irp);
}

void TargetModel::pend(Request& request) {
  Irp& irp = *request.irp;
  irp.where = {core::IrpWhereabouts::Kind::TARGET, index_};
  if (request.pended_s < 0)
    request.pended_s = env_.now();
  env_.trace(IrpEventKind::PENDED, irp, irp.io_status.status);
  pended_[&irp] = &request;
  // The pend queue is cancel-safe: an IRP cancelled before it got there leaves at once.
  if (irp.cancel)
    cancel(irp);
}

void TargetModel::leave_unsent(Request& request, core::NtStatus status) {
  pended_.erase(request.irp);
  if (request.pended_s >= 0)  // its time in the target counts in the breakdown even though it never went down
    env_.visited(request, env_.now() - request.pended_s);
  request.pended_s = -1;
  if (status == core::STATUS_CANCELLED && request.cancelled_by_timer)
    status = core::STATUS_IO_TIMEOUT;
  request.irp->io_status = {status, 0};
  request.irp->where = {core::IrpWhereabouts::Kind::COMPLETING, owner_};
  env_.complete_to_owner(request);
}

void TargetModel::lower_completed(Request& request) {
  target_.completed(id_of(request));
  ++request.timeout_generation;
  Irp& irp = *request.irp;
  // A send the timer cancelled reports STATUS_IO_TIMEOUT instead of STATUS_CANCELLED (section 2.3).
  if (request.cancelled_by_timer && irp.io_status.status == core::STATUS_CANCELLED)
    irp.io_status.status = core::STATUS_IO_TIMEOUT;
  irp.where = {core::IrpWhereabouts::Kind::COMPLETING, owner_};
  env_.complete_to_owner(request);
  run_after_drain();
}

void TargetModel::timer_fired(const TargetTimer& timer) {
  if (timer.kind == TargetTimer::Kind::STATE_EVENT) {
    state_event(*timer.event);
    return;
  }
  Request& request = *timer.request;
  if (request.timeout_generation != timer.generation || !request.outstanding)
    return;  // completed, or its timer dropped by a start
  request.cancelled_by_timer = true;
  env_.trace(IrpEventKind::TIMED_OUT, *request.irp, request.irp->io_status.status);
  if (target_.cancel_pended(id_of(request))) {
    leave_unsent(request, core::STATUS_IO_TIMEOUT);
    return;
  }
  env_.cancel_irp(*request.irp);
}

bool TargetModel::cancel(Irp& irp) {
  auto it = pended_.find(&irp);
  if (it == pended_.end())
    return false;
  Request& request = *it->second;
  if (!target_.cancel_pended(id_of(request)))
    return false;
  leave_unsent(request, core::STATUS_CANCELLED);
  return true;
}

void TargetModel::state_event(const scenario::TargetEventSpec& event) {
  core::TargetActions actions;
  switch (event.op) {
    case Op::START: actions = target_.start(); break;
    case Op::STOP: {
      using SentIo = scenario::TargetEventSpec::SentIo;
      const core::StopAction action = event.sent_io == SentIo::CANCEL   ? core::StopAction::CANCEL_SENT_IO
                                      : event.sent_io == SentIo::WAIT   ? core::StopAction::WAIT_FOR_SENT_IO
                                                                        : core::StopAction::LEAVE_SENT_IO_PENDING;
      actions = target_.stop(action);
      break;
    }
    case Op::PURGE: actions = target_.purge(event.wait); break;
    case Op::CLOSE: actions = target_.close(); break;
    case Op::REMOVE: actions = target_.remove(); break;
  }
  if (actions.retry) {
    deferred_.push_back(&event);  // blocks until the stop/purge in progress has seen its sent I/O complete
    return;
  }
  for (std::uint64_t id : actions.fail_pended)
    leave_unsent(request_of(id), core::STATUS_WDF_DEVICE_REMOVED_NOT_SENT);
  for (std::uint64_t id : actions.cancel)
    env_.cancel_irp(*request_of(id).irp);
  for (std::uint64_t id : actions.resubmit) {
    Request& request = request_of(id);
    pended_.erase(request.irp);
    if (!request.synchronous)
      ++request.timeout_generation;  // resubmitted with no options: the async timer is dropped (section 2.3)
    const core::SendDecision d = target_.resubmit(id, request.canceled_mark);
    switch (d.outcome) {
      case SendOutcome::SENT:
        env_.trace(IrpEventKind::RESUBMITTED, *request.irp, request.irp->io_status.status);
        call_lower(&request, *request.irp);
        break;
      case SendOutcome::PENDED:
        pend(request);
        break;
      default:
        leave_unsent(request, d.status);
        break;
    }
  }
}

void TargetModel::run_after_drain() {
  while (!deferred_.empty() && target_.sent_io_drained()) {
    const scenario::TargetEventSpec* next = deferred_.front();
    deferred_.pop_front();
    state_event(*next);
  }
}

}  // namespace irpsim::models
