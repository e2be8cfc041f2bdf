// A KMDF I/O target's bookkeeping as a pure state machine (wdf-semantics.md sections 2, 3, 4 and 6.1): what
// WdfRequestSend decides for one request (the decision order of section 2.2, the send-and-forget checks of 2.5, the
// per-state table of 3.1), the target's state and the FIFO queue of requests pended while it is stopped, the "sent" and
// "ignored" lists of requests in flight, and what Start/Stop/Purge/Close/Remove ask the engine to do with them
// (3.2), plus WdfRequestChangeTarget's stack-size check (4).
// Left out: time (the engine owns timers and runs their expiry), IRPs and stack locations (the caller passes the
// numbers), IoCallDriver, IoCancelIrp and completion routines (the engine carries out the returned actions), status
// rewriting at completion (STATUS_CANCELLED -> STATUS_IO_TIMEOUT is the engine's), allocation failures, IRQL,
// ClosedForQueryRemove (modelled as CLOSED), UMDF. Requests are opaque ids chosen by the caller.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/ordered_id_set.hpp"
#include "sim/core/status.hpp"

namespace irpsim::core {

// WDF_IO_TARGET_STATE without Undefined and ClosedForQueryRemove (wdf-semantics.md section 3).
enum class TargetState { STARTED, STOPPED, PURGED, CLOSED, DELETED };

// "STARTED", "STOPPED", ...
std::string_view target_state_name(TargetState state);

// WDF_REQUEST_SEND_OPTIONS as the scenario gives it (wdf-semantics.md section 2.1). Default: no options (NULL).
struct SendOptions {
  bool synchronous = false;          // WDF_REQUEST_SEND_OPTION_SYNCHRONOUS 0x2
  bool send_and_forget = false;      // WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET 0x8
  bool ignore_target_state = false;  // WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE 0x4
  bool has_timeout = false;          // WDF_REQUEST_SEND_OPTION_TIMEOUT 0x1
  double timeout_s = 0;              // relative timeout; 0 (or less) with has_timeout = no timer (conformance case 20)
};

// Everything WdfRequestSend looks at besides the options: facts about the request the engine knows.
struct SendContext {
  bool queue_presented = true;          // received from a queue (false: driver-created, WdfRequestCreate)
  bool has_completion_routine = true;   // WdfRequestSetCompletionRoutine was called since the last completion
  bool formatted_for_target = false;    // has a formatting context (WdfIoTargetFormatRequestForXxx)
  bool next_location_formatted = true;  // any format call since the last completion (KMDF verifier only, 2.2 5b)
  bool canceled_mark = false;           // WdfRequestCancelSentRequest was called and WdfRequestReuse did not clear it
  bool outstanding = false;             // already sent/pended (on any target) and not completed back
  int remaining_stack_locations = 0;    // CurrentLocation - 1 of the IRP
  bool verifier = false;                // KMDF verifier (FxVerifierOn && FxVerifierIO) on
};

enum class SendOutcome {
  SENT,            // IoCallDriver now; WdfRequestSend returns TRUE; tracked on the sent list (or, with
                   // IGNORE_TARGET_STATE, the ignored list) until completed(id)
  SENT_UNTRACKED,  // send-and-forget: IoCallDriver now (current location skipped unless the driver formatted the next
                   // one), not tracked, TRUE; the request is gone and the queue is told at once (2.5)
  PENDED,          // queued in the target (stopped); TRUE; delivered by start(), failed by purge/close/remove
  FAILED,          // WdfRequestSend returns FALSE with `status`; nothing sent; the driver still owns the request
  BUG_CHECK,       // the framework bug checks; `bug_check` names it
};

struct SendDecision {
  SendOutcome outcome = SendOutcome::FAILED;
  NtStatus status = STATUS_SUCCESS;  // FAILED: what WdfRequestGetStatus returns; otherwise STATUS_SUCCESS
  std::string_view bug_check;        // BUG_CHECK only, e.g. "WDF_VIOLATION (bug check 0x10D, 0x6, 0x3) REQUEST_ALREADY_SENT"
  // SENT or PENDED with has_timeout and timeout_s > 0: arm the send timeout (its expiry cancels the request, 2.3).
  // For a SYNCHRONOUS send it is the timeout of the caller's wait (2.4), which start() does not drop.
  bool start_timer = false;
};

// WDF_IO_TARGET_SENT_IO_ACTION.
enum class StopAction { CANCEL_SENT_IO, WAIT_FOR_SENT_IO, LEAVE_SENT_IO_PENDING };

// What a state operation asks the engine to do, in this order: fail_pended, then cancel, then resubmit (only one or
// two of them are ever non-empty). Every list is in the framework's order.
struct TargetActions {
  // start(): the requests that were pended, FIFO. They are no longer pended; the engine calls resubmit(id) for each,
  // in this order, and carries out the decision. Their async send timers are cancelled and not restarted (2.3);
  // a synchronous sender's wait keeps its timeout.
  std::vector<std::uint64_t> resubmit;
  // IoCancelIrp on each; they stay tracked until completed(id). close()/remove(): the ignored list first, then the
  // sent list (the framework pushes both onto one stack; each list keeps its send order).
  std::vector<std::uint64_t> cancel;
  // Complete each through its completion routine with STATUS_WDF_DEVICE_REMOVED_NOT_SENT, Information 0. FIFO.
  std::vector<std::uint64_t> fail_pended;
  // The operation does not return until sent_io_drained() (Stop(CANCEL/WAIT), Purge(wait), Close, Remove with I/O
  // still in flight on the lists it waits for). False when nothing is in flight: it returns at once.
  bool wait_for_sent = false;
  // The operation did nothing yet: a Stop/Purge is still waiting for sent I/O (another thread, in the framework).
  // It blocks until sent_io_drained() and the engine must call it again then (start, close, remove).
  bool retry = false;
  // Status of the operation itself: STATUS_INVALID_DEVICE_STATE when the source refuses it (start of DELETED).
  NtStatus status = STATUS_SUCCESS;
};

class IoTarget {
public:
  // stack_size: StackSize of the target device (lower.StackSize for the local target). A local target is created
  // STARTED (3).
  explicit IoTarget(int stack_size, TargetState initial = TargetState::STARTED);

  // WdfRequestSend(id, this, options) with the decision order of 2.2. On SENT the request is on the sent (or ignored)
  // list; on PENDED it is at the tail of the pended queue. Send-and-forget bypasses the target entirely (no
  // outstanding, verifier, state or canceled-mark check: the source calls IoCallDriver directly).
  [[nodiscard]] SendDecision submit(std::uint64_t id, const SendOptions& options, const SendContext& context);

  // Resubmission of a request start() returned: the framework's Submit with no options (SubmitPendedRequest), i.e.
  // the state check of 3.1 and the canceled mark only. STARTED -> SENT; STOPPED again (the target was stopped during
  // resubmission) -> PENDED; otherwise FAILED with STATUS_INVALID_DEVICE_STATE, or STATUS_CANCELLED when
  // `canceled_mark` (WdfRequestCancelSentRequest hit it between start() and here). On FAILED the engine completes it
  // through its completion routine with that status, Information 0. Never starts a timer.
  [[nodiscard]] SendDecision resubmit(std::uint64_t id, bool canceled_mark = false);

  // WdfIoTargetStart: STARTED, and every pended request handed back for resubmission in FIFO order. Allowed from any
  // state but DELETED (the source; docs also forbid CLOSED). Does not restore a cleared stack size.
  TargetActions start();
  // WdfIoTargetStop: STARTED/PURGED -> STOPPED (STOPPED stays; CLOSED/DELETED are left as they are, the source only
  // logs). Pended requests stay. CANCEL_SENT_IO cancels the sent list (not the ignored list); CANCEL and WAIT wait for
  // the sent list to drain.
  TargetActions stop(StopAction action);
  // WdfIoTargetPurge: STARTED/STOPPED -> PURGED (others unchanged). Pended requests failed, the sent list cancelled;
  // `wait` = WdfIoTargetPurgeIoAndWait.
  TargetActions purge(bool wait);
  // WdfIoTargetClose (-> CLOSED) and removal/deletion (-> DELETED): pended requests failed, both lists cancelled, and
  // the operation waits for both. While it waits, IGNORE_TARGET_STATE sends are still sent; once both lists are empty
  // the target pointers are cleared (stack_size() == 0). close() of a DELETED target is refused.
  TargetActions close();
  TargetActions remove();

  // A sent request's completion came back (or the engine completed a request it was told to fail): drop it from
  // whichever list holds it. Ends the wait of a pending stop/purge/close when the awaited lists become empty.
  void completed(std::uint64_t id);
  // Removes a pended request (its IRP was cancelled: WdfRequestCancelSentRequest, the originator, or the send timer).
  // True if it was pended: the engine completes it with STATUS_CANCELLED (STATUS_IO_TIMEOUT for the timer).
  bool cancel_pended(std::uint64_t id);

  // WdfRequestChangeTarget (ValidateTarget, section 4). *reallocate (may be null) is set true when the request's IRP
  // must be replaced by a new one of exactly stack_size() locations (previous formatting lost).
  [[nodiscard]] NtStatus change_target(bool has_irp, bool framework_owns_irp, int remaining_stack_locations,
                                       bool* reallocate) const;

  bool is_pended(std::uint64_t id) const { return pended_.contains(id); }
  // On the sent list or the ignored list.
  bool is_sent(std::uint64_t id) const { return sent_.contains(id) || ignored_.contains(id); }
  // No request on the lists the last stop/purge (the sent list) or close/remove (both lists) waits for; true when
  // nothing waits. The engine lets a waiting Stop/Purge/Close return when it turns true.
  bool sent_io_drained() const { return !waiting_for_sent_ && !removing_; }

  std::size_t pended_count() const { return pended_.size(); }
  // Requests in flight on both lists; ignored_count() is the IGNORE_TARGET_STATE part.
  std::size_t sent_count() const { return sent_.size() + ignored_.size(); }
  std::size_t ignored_count() const { return ignored_.size(); }
  TargetState state() const { return state_; }
  // The target device's StackSize; 0 once a close/remove has finished (target pointers cleared).
  int stack_size() const { return stack_size_; }

private:
  SendDecision state_check(std::uint64_t id, bool ignore_target_state, bool canceled_mark);
  TargetActions go_to_remove_state(TargetState new_state);

  int stack_size_;
  TargetState state_;
  OrderedIdSet pended_;                 // the cancel-safe pend queue, FIFO
  OrderedIdSet sent_;                   // m_SentIoListHead
  OrderedIdSet ignored_;                // m_IgnoredIoListHead (IGNORE_TARGET_STATE sends)
  OrderedIdSet resubmitting_;           // handed back by start(), not yet passed to resubmit()
  bool waiting_for_sent_ = false; // m_WaitingForSentIo: a stop/purge waits for the sent list
  bool removing_ = false;         // m_Removing: a close/remove waits for both lists
};

}  // namespace irpsim::core
