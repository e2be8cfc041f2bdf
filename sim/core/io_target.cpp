// The KMDF I/O target state machine (wdf-semantics.md sections 2, 3 and 4; W-tgt SubmitLocked, GotoStartState,
// GotoStopState, GotoPurgeState, GotoRemoveState, RemoveCompletedRequestLocked; W-req-api WdfRequestSend; W-reqbase
// ValidateTarget). Pure bookkeeping: no clock, no IRPs; the engine carries out what each call returns.
// Not modelled: timer and pend-queue allocation failures, the UMDF paths, the verifier's debugger breaks (they never
// change a result).
#include "sim/core/io_target.hpp"

#include <cassert>
#include <iterator>

namespace irpsim::core {
namespace {

constexpr std::string_view kRequestAlreadySent = "WDF_VIOLATION (bug check 0x10D, 0x6, 0x3) REQUEST_ALREADY_SENT";

SendDecision failed(NtStatus status) { return {SendOutcome::FAILED, status, {}, false}; }

}  // namespace

std::string_view target_state_name(TargetState state) {
  switch (state) {
    case TargetState::STARTED:
      return "STARTED";
    case TargetState::STOPPED:
      return "STOPPED";
    case TargetState::PURGED:
      return "PURGED";
    case TargetState::CLOSED:
      return "CLOSED";
    case TargetState::DELETED:
      return "DELETED";
  }
  return "UNKNOWN";
}

IoTarget::IoTarget(int stack_size, TargetState initial) : stack_size_(stack_size), state_(initial) {
  assert(stack_size >= 0);
  // A target created closed or deleted has its pointers cleared already.
  if (initial == TargetState::CLOSED || initial == TargetState::DELETED)
    stack_size_ = 0;
}

SendDecision IoTarget::submit(std::uint64_t id, const SendOptions& options, const SendContext& context) {
  // 1. FxValidateRequestOptions: SEND_AND_FORGET admits no other flag (the TIMEOUT flag counts even with Timeout 0).
  if (options.send_and_forget && (options.synchronous || options.ignore_target_state || options.has_timeout))
    return failed(STATUS_INVALID_PARAMETER);

  // 3. Send-and-forget (2.5): WdfRequestSend calls IoCallDriver itself, never Submit, so none of the checks of step 5
  // apply. For a CLOSED or DELETED target the source is silent (the device pointer may be cleared); we take the
  // simplest reading and send it like any other state.
  if (options.send_and_forget) {
    if (!context.queue_presented)
      return failed(STATUS_INVALID_DEVICE_STATE);
    if (context.formatted_for_target)
      return failed(STATUS_INVALID_DEVICE_REQUEST);
    return {SendOutcome::SENT_UNTRACKED, STATUS_SUCCESS, {}, false};
  }

  // 4. Asynchronous send of a queue-presented request needs a completion routine (SYNCHRONOUS substitutes its own).
  if (!options.synchronous && context.queue_presented && !context.has_completion_routine)
    return failed(STATUS_INVALID_DEVICE_REQUEST);

  // 5a. Already outstanding (the caller says so, or it is still on one of this target's lists): unconditional.
  if (context.outstanding || is_pended(id) || is_sent(id) || resubmitting_.contains(id))
    return {SendOutcome::BUG_CHECK, STATUS_SUCCESS, kRequestAlreadySent, false};

  // 5b. VerifySubmitLocked (KMDF verifier only).
  if (context.verifier) {
    if (!context.next_location_formatted)
      return failed(STATUS_REQUEST_NOT_ACCEPTED);
    if (context.remaining_stack_locations < stack_size_)
      return failed(STATUS_REQUEST_NOT_ACCEPTED);
  }

  // 5d-5f. State, canceled mark, then sent or pended; the timer is started last, only when it was.
  SendDecision decision = state_check(id, options.ignore_target_state, context.canceled_mark);
  if (decision.outcome == SendOutcome::SENT || decision.outcome == SendOutcome::PENDED)
    decision.start_timer = options.has_timeout && options.timeout_s > 0;
  return decision;
}

SendDecision IoTarget::resubmit(std::uint64_t id, bool canceled_mark) {
  // SubmitPendedRequest -> Submit(Request, NULL, 0). The outstanding count was released when start() drained the
  // request, and the verifier's checks pass again (the "formatted" flag is kept and the pend's location change was
  // undone), so only the state and the canceled mark remain.
  [[maybe_unused]] bool was_handed_back = resubmitting_.erase(id);
  assert(was_handed_back);
  return state_check(id, false, canceled_mark);
}

SendDecision IoTarget::state_check(std::uint64_t id, bool ignore_target_state, bool canceled_mark) {
  SendOutcome outcome = SendOutcome::SENT;
  if (ignore_target_state) {
    // Closed or deleted refuses even this, except while the close/remove still waits for its sent I/O.
    const bool gone = state_ == TargetState::CLOSED || state_ == TargetState::DELETED;
    if (gone && !removing_)
      return failed(STATUS_INVALID_DEVICE_STATE);
  } else {
    switch (state_) {
      case TargetState::STARTED:
        outcome = SendOutcome::SENT;
        break;
      case TargetState::STOPPED:
        outcome = SendOutcome::PENDED;
        break;
      case TargetState::PURGED:
      case TargetState::CLOSED:
      case TargetState::DELETED:
        return failed(STATUS_INVALID_DEVICE_STATE);
    }
  }
  // 5e. Checked only once the state would let it through.
  if (canceled_mark)
    return failed(STATUS_CANCELLED);

  if (outcome == SendOutcome::PENDED)
    pended_.push_back(id);
  else if (ignore_target_state)
    ignored_.push_back(id);
  else
    sent_.push_back(id);
  return {outcome, STATUS_SUCCESS, {}, false};
}

TargetActions IoTarget::start() {
  TargetActions actions;
  if (state_ == TargetState::DELETED) {
    actions.status = STATUS_INVALID_DEVICE_STATE;
    return actions;
  }
  if (waiting_for_sent_) {
    // GotoStartState waits for the Stop/Purge in progress, then checks the state again.
    actions.retry = true;
    return actions;
  }
  state_ = TargetState::STARTED;
  actions.resubmit = pended_.take_all();
  for (std::uint64_t id : actions.resubmit)
    resubmitting_.push_back(id);
  return actions;
}

TargetActions IoTarget::stop(StopAction action) {
  TargetActions actions;
  if (state_ == TargetState::STARTED || state_ == TargetState::PURGED)
    state_ = TargetState::STOPPED;

  bool wait = false;
  if (action == StopAction::LEAVE_SENT_IO_PENDING) {
    wait = false;
  } else if (sent_.empty()) {
    wait = waiting_for_sent_;  // already stopping: keep waiting with the first caller
  } else {
    wait = true;
    if (action == StopAction::CANCEL_SENT_IO)
      actions.cancel = sent_.ids();
  }
  waiting_for_sent_ = wait;
  actions.wait_for_sent = wait;
  return actions;
}

TargetActions IoTarget::purge(bool wait) {
  TargetActions actions;
  if (state_ == TargetState::STARTED || state_ == TargetState::STOPPED)
    state_ = TargetState::PURGED;

  actions.fail_pended = pended_.take_all();
  actions.cancel = sent_.ids();
  bool must_wait = false;
  if (wait)
    must_wait = actions.cancel.empty() ? waiting_for_sent_ : true;
  waiting_for_sent_ = must_wait;
  actions.wait_for_sent = must_wait;
  return actions;
}

TargetActions IoTarget::close() {
  if (state_ == TargetState::DELETED) {
    // Our choice: the source has no Close after deletion (the handle is gone); refuse and change nothing.
    TargetActions actions;
    actions.status = STATUS_INVALID_DEVICE_STATE;
    return actions;
  }
  return go_to_remove_state(TargetState::CLOSED);
}

TargetActions IoTarget::remove() { return go_to_remove_state(TargetState::DELETED); }

TargetActions IoTarget::go_to_remove_state(TargetState new_state) {
  TargetActions actions;
  if (waiting_for_sent_) {
    // GotoRemoveState waits for the Stop/Purge in progress first.
    actions.retry = true;
    return actions;
  }
  state_ = new_state;
  actions.fail_pended = pended_.take_all();
  // GetSentRequestsListLocked pushes the sent list, then the ignored list, onto the head of one singly linked list,
  // each walked backwards: the cancel order is the ignored list, then the sent list, each oldest first.
  actions.cancel = ignored_.ids();
  for (std::uint64_t id : sent_.ids())
    actions.cancel.push_back(id);
  if (actions.cancel.empty()) {
    stack_size_ = 0;  // ClearTargetPointers
  } else {
    removing_ = true;
    actions.wait_for_sent = true;
  }
  return actions;
}

void IoTarget::completed(std::uint64_t id) {
  bool from_sent = sent_.erase(id);
  bool from_ignored = !from_sent && ignored_.erase(id);
  if (!from_sent && !from_ignored) {
    pended_.erase(id);
    return;
  }
  // RemoveCompletedRequestLocked.
  if (removing_) {
    if (sent_.empty() && ignored_.empty()) {
      removing_ = false;
      stack_size_ = 0;  // ClearTargetPointers
    }
  } else if (waiting_for_sent_ && from_sent && sent_.empty()) {
    waiting_for_sent_ = false;
  }
}

bool IoTarget::cancel_pended(std::uint64_t id) { return pended_.erase(id); }

NtStatus IoTarget::change_target(bool has_irp, bool framework_owns_irp, int remaining_stack_locations,
                                 bool* reallocate) const {
  if (reallocate != nullptr)
    *reallocate = false;
  if (stack_size_ == 0)
    return STATUS_INVALID_DEVICE_STATE;
  if (has_irp && remaining_stack_locations >= stack_size_)
    return STATUS_SUCCESS;
  if (!has_irp || framework_owns_irp) {
    if (reallocate != nullptr)
      *reallocate = true;
    return STATUS_SUCCESS;
  }
  return STATUS_REQUEST_NOT_ACCEPTED;
}

}  // namespace irpsim::core
