// The I/O target state machine (wdf-semantics.md sections 2, 3, 4, 6.1 and the conformance cases of 12).
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/core/io_target.hpp"

using namespace irpsim::core;

namespace {

using Ids = std::vector<std::uint64_t>;

constexpr std::string_view kAlreadySent = "WDF_VIOLATION (bug check 0x10D, 0x6, 0x3) REQUEST_ALREADY_SENT";

// A request received from a queue, formatted with FormatRequestUsingCurrentType, completion routine set.
SendContext forwarded() { return SendContext{}; }

SendContext driver_created() {
  SendContext c;
  c.queue_presented = false;
  c.has_completion_routine = false;
  return c;
}

SendOptions none() { return SendOptions{}; }

SendOptions saf() {
  SendOptions o;
  o.send_and_forget = true;
  return o;
}

SendOptions ignore_state() {
  SendOptions o;
  o.ignore_target_state = true;
  return o;
}

SendOptions timeout(double seconds) {
  SendOptions o;
  o.has_timeout = true;
  o.timeout_s = seconds;
  return o;
}

void check_failed(const SendDecision& d, NtStatus status) {
  CHECK(d.outcome == SendOutcome::FAILED);
  CHECK(status_name(d.status) == status_name(status));
  CHECK_FALSE(d.start_timer);
}

}  // namespace

// ---- 2.2 step 1 and 2.5: send-and-forget -------------------------------------------------------------------------

TEST_CASE("2.2 step 1: send-and-forget with any other flag fails STATUS_INVALID_PARAMETER (case 9)") {
  IoTarget t(2);
  SendOptions with_timeout = saf();
  with_timeout.has_timeout = true;          // the flag counts even with Timeout 0
  SendOptions with_sync = saf();
  with_sync.synchronous = true;
  SendOptions with_ignore = saf();
  with_ignore.ignore_target_state = true;
  for (const SendOptions& o : {with_timeout, with_sync, with_ignore}) {
    check_failed(t.submit(1, o, forwarded()), STATUS_INVALID_PARAMETER);
  }
  // Options are validated before anything else, even an outstanding request.
  SendContext outstanding = forwarded();
  outstanding.outstanding = true;
  check_failed(t.submit(1, with_sync, outstanding), STATUS_INVALID_PARAMETER);
  CHECK(t.sent_count() == 0);
  CHECK(t.pended_count() == 0);
}

TEST_CASE("2.5 check 1: send-and-forget of a driver-created request fails STATUS_INVALID_DEVICE_STATE (case 7)") {
  IoTarget t(2);
  check_failed(t.submit(1, saf(), driver_created()), STATUS_INVALID_DEVICE_STATE);
  SendContext formatted_too = driver_created();
  formatted_too.formatted_for_target = true;  // check 1 comes before check 2
  check_failed(t.submit(1, saf(), formatted_too), STATUS_INVALID_DEVICE_STATE);
  CHECK(t.sent_count() == 0);
}

TEST_CASE("2.5 check 2: send-and-forget of a request formatted for the target fails INVALID_DEVICE_REQUEST (case 8)") {
  IoTarget t(2);
  SendContext c = forwarded();
  c.formatted_for_target = true;
  check_failed(t.submit(1, saf(), c), STATUS_INVALID_DEVICE_REQUEST);
  CHECK(t.sent_count() == 0);
}

TEST_CASE("2.5: send-and-forget is sent untracked in started, stopped and purged targets") {
  for (TargetState s : {TargetState::STARTED, TargetState::STOPPED, TargetState::PURGED}) {
    IoTarget t(2, s);
    SendDecision d = t.submit(1, saf(), forwarded());
    CHECK(d.outcome == SendOutcome::SENT_UNTRACKED);
    CHECK(d.status == STATUS_SUCCESS);
    CHECK_FALSE(d.start_timer);
    CHECK(t.sent_count() == 0);
    CHECK(t.pended_count() == 0);
    CHECK_FALSE(t.is_sent(1));
    CHECK(t.state() == s);
  }
}

TEST_CASE("2.5: send-and-forget bypasses Submit: no outstanding, verifier or canceled-mark check") {
  IoTarget t(3);
  SendContext c = forwarded();
  c.outstanding = true;
  c.canceled_mark = true;
  c.verifier = true;
  c.remaining_stack_locations = 0;
  CHECK(t.submit(1, saf(), c).outcome == SendOutcome::SENT_UNTRACKED);
  // A stop does not wait for (or cancel) it.
  TargetActions a = t.stop(StopAction::CANCEL_SENT_IO);
  CHECK(a.cancel.empty());
  CHECK_FALSE(a.wait_for_sent);
}

TEST_CASE("2.5 [silent]: send-and-forget to a closed or deleted target is treated as sent") {
  IoTarget closed(2, TargetState::CLOSED);
  CHECK(closed.submit(1, saf(), forwarded()).outcome == SendOutcome::SENT_UNTRACKED);
  IoTarget deleted(2, TargetState::DELETED);
  CHECK(deleted.submit(1, saf(), forwarded()).outcome == SendOutcome::SENT_UNTRACKED);
}

// ---- 2.2 steps 4 and 5 -------------------------------------------------------------------------------------------

TEST_CASE("2.2 step 4: async send of a queue-presented request without completion routine fails (case 10)") {
  IoTarget t(2, TargetState::PURGED);  // checked before the target state
  SendContext c = forwarded();
  c.has_completion_routine = false;
  check_failed(t.submit(1, none(), c), STATUS_INVALID_DEVICE_REQUEST);
  CHECK(t.sent_count() == 0);
}

TEST_CASE("2.2 step 4: driver-created async sends and synchronous sends need no completion routine") {
  IoTarget t(2);
  CHECK(t.submit(1, none(), driver_created()).outcome == SendOutcome::SENT);
  SendContext c = forwarded();
  c.has_completion_routine = false;
  SendOptions sync;
  sync.synchronous = true;
  CHECK(t.submit(2, sync, c).outcome == SendOutcome::SENT);
  CHECK(t.sent_count() == 2);
}

TEST_CASE("2.2 step 5a: re-sending an outstanding request bug checks 0x10D (0x6, 0x3) (case 32)") {
  SECTION("the caller says it is outstanding, even to a closed target") {
    IoTarget t(2, TargetState::CLOSED);
    SendContext c = forwarded();
    c.outstanding = true;
    SendDecision d = t.submit(1, none(), c);
    CHECK(d.outcome == SendOutcome::BUG_CHECK);
    CHECK(d.bug_check == kAlreadySent);
  }
  SECTION("still on the sent list") {
    IoTarget t(2);
    REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
    SendDecision d = t.submit(1, none(), forwarded());
    CHECK(d.outcome == SendOutcome::BUG_CHECK);
    CHECK(d.bug_check == kAlreadySent);
    CHECK(t.sent_count() == 1);
  }
  SECTION("still pended in a stopped target") {
    IoTarget t(2, TargetState::STOPPED);
    REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::PENDED);
    SendDecision d = t.submit(1, none(), forwarded());
    CHECK(d.outcome == SendOutcome::BUG_CHECK);
    CHECK(d.bug_check == kAlreadySent);
    CHECK(t.pended_count() == 1);
  }
  SECTION("bug check comes before the verifier's checks") {
    IoTarget t(4);
    SendContext c = forwarded();
    c.outstanding = true;
    c.verifier = true;
    c.remaining_stack_locations = 1;
    CHECK(t.submit(1, none(), c).outcome == SendOutcome::BUG_CHECK);
  }
}

TEST_CASE("2.2: a request completed back can be sent again") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  t.completed(1);
  CHECK_FALSE(t.is_sent(1));
  CHECK(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
}

TEST_CASE("2.2 step 5b / 11.1: under the verifier too few stack locations fail STATUS_REQUEST_NOT_ACCEPTED") {
  IoTarget t(2, TargetState::PURGED);  // the verifier runs before the state check
  SendContext c = forwarded();
  c.verifier = true;
  c.remaining_stack_locations = 1;
  check_failed(t.submit(1, none(), c), STATUS_REQUEST_NOT_ACCEPTED);

  IoTarget started(2);
  check_failed(started.submit(1, none(), c), STATUS_REQUEST_NOT_ACCEPTED);
  c.remaining_stack_locations = 2;
  CHECK(started.submit(1, none(), c).outcome == SendOutcome::SENT);
  // Without the verifier the short IRP is sent (and bug checks 0x35 further down).
  SendContext no_verifier = forwarded();
  no_verifier.remaining_stack_locations = 0;
  CHECK(started.submit(2, none(), no_verifier).outcome == SendOutcome::SENT);
}

TEST_CASE("2.2 step 5b: under the verifier an unformatted request fails STATUS_REQUEST_NOT_ACCEPTED") {
  IoTarget t(1);
  SendContext c = forwarded();
  c.remaining_stack_locations = 5;
  c.next_location_formatted = false;
  CHECK(t.submit(1, none(), c).outcome == SendOutcome::SENT);  // verifier off: not checked
  c.verifier = true;
  check_failed(t.submit(2, none(), c), STATUS_REQUEST_NOT_ACCEPTED);
}

TEST_CASE("2.2 step 5e / 6.1: a canceled mark fails the send with STATUS_CANCELLED, after the state check") {
  SendContext c = forwarded();
  c.canceled_mark = true;
  IoTarget started(2);
  check_failed(started.submit(1, none(), c), STATUS_CANCELLED);
  CHECK(started.sent_count() == 0);
  IoTarget stopped(2, TargetState::STOPPED);
  check_failed(stopped.submit(1, none(), c), STATUS_CANCELLED);
  CHECK(stopped.pended_count() == 0);
  IoTarget purged(2, TargetState::PURGED);
  check_failed(purged.submit(1, none(), c), STATUS_INVALID_DEVICE_STATE);
}

TEST_CASE("2.3: a send timeout arms a timer only when non-zero and the request was sent or pended (case 20)") {
  IoTarget t(2);
  CHECK_FALSE(t.submit(1, timeout(0), forwarded()).start_timer);
  CHECK(t.submit(2, timeout(0.1), forwarded()).start_timer);
  SendOptions value_without_flag;
  value_without_flag.timeout_s = 5;
  CHECK_FALSE(t.submit(3, value_without_flag, forwarded()).start_timer);

  IoTarget stopped(2, TargetState::STOPPED);
  SendDecision pended = stopped.submit(1, timeout(0.1), forwarded());
  CHECK(pended.outcome == SendOutcome::PENDED);
  CHECK(pended.start_timer);

  IoTarget purged(2, TargetState::PURGED);
  check_failed(purged.submit(1, timeout(0.1), forwarded()), STATUS_INVALID_DEVICE_STATE);
}

// ---- 3.1: a new send per target state ----------------------------------------------------------------------------

TEST_CASE("3.1 row Started: sent now, IGNORE_TARGET_STATE goes on the ignored list, SAF sent") {
  IoTarget t(2);
  SendDecision plain = t.submit(1, none(), forwarded());
  CHECK(plain.outcome == SendOutcome::SENT);
  CHECK(plain.status == STATUS_SUCCESS);
  CHECK(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  CHECK(t.submit(3, saf(), forwarded()).outcome == SendOutcome::SENT_UNTRACKED);
  CHECK(t.sent_count() == 2);
  CHECK(t.ignored_count() == 1);
  CHECK(t.is_sent(1));
  CHECK(t.is_sent(2));
  CHECK_FALSE(t.is_sent(3));
}

TEST_CASE("3.1 row Stopped: queued (TRUE), IGNORE_TARGET_STATE sent, SAF sent") {
  IoTarget t(2, TargetState::STOPPED);
  SendDecision plain = t.submit(1, none(), forwarded());
  CHECK(plain.outcome == SendOutcome::PENDED);
  CHECK(plain.status == STATUS_SUCCESS);
  CHECK(t.is_pended(1));
  CHECK_FALSE(t.is_sent(1));
  CHECK(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  CHECK(t.is_sent(2));
  CHECK(t.submit(3, saf(), forwarded()).outcome == SendOutcome::SENT_UNTRACKED);
  CHECK(t.pended_count() == 1);
  CHECK(t.sent_count() == 1);
}

TEST_CASE("3.1 row Stopped: a synchronous send is queued too (case 24)") {
  IoTarget t(2, TargetState::STOPPED);
  SendOptions sync;
  sync.synchronous = true;
  CHECK(t.submit(1, sync, forwarded()).outcome == SendOutcome::PENDED);
  CHECK(t.is_pended(1));
}

TEST_CASE("3.1 row Purged: FALSE 0xC0000184, IGNORE_TARGET_STATE sent, SAF sent") {
  IoTarget t(2, TargetState::PURGED);
  check_failed(t.submit(1, none(), forwarded()), STATUS_INVALID_DEVICE_STATE);
  CHECK(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  CHECK(t.submit(3, saf(), forwarded()).outcome == SendOutcome::SENT_UNTRACKED);
  CHECK(t.sent_count() == 1);
  CHECK(t.ignored_count() == 1);
}

TEST_CASE("3.1 row Closed: FALSE 0xC0000184 with or without IGNORE_TARGET_STATE (case 17)") {
  IoTarget t(2);
  REQUIRE(t.close().cancel.empty());
  REQUIRE(t.state() == TargetState::CLOSED);
  check_failed(t.submit(1, none(), forwarded()), STATUS_INVALID_DEVICE_STATE);
  check_failed(t.submit(2, ignore_state(), forwarded()), STATUS_INVALID_DEVICE_STATE);
  CHECK(t.sent_count() == 0);
}

TEST_CASE("3.1 row Deleted: FALSE 0xC0000184 with or without IGNORE_TARGET_STATE") {
  IoTarget t(2, TargetState::DELETED);
  check_failed(t.submit(1, none(), forwarded()), STATUS_INVALID_DEVICE_STATE);
  check_failed(t.submit(2, ignore_state(), forwarded()), STATUS_INVALID_DEVICE_STATE);
}

TEST_CASE("3.1 row Closed/Deleted: IGNORE_TARGET_STATE is sent during the removal transition only") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  TargetActions a = t.remove();
  REQUIRE(a.wait_for_sent);
  check_failed(t.submit(2, none(), forwarded()), STATUS_INVALID_DEVICE_STATE);
  CHECK(t.submit(3, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  t.completed(1);
  CHECK_FALSE(t.sent_io_drained());  // the removal waits for the ignored list too
  t.completed(3);
  CHECK(t.sent_io_drained());
  check_failed(t.submit(4, ignore_state(), forwarded()), STATUS_INVALID_DEVICE_STATE);
}

// ---- 3.2: state-changing operations ------------------------------------------------------------------------------

TEST_CASE("3.2 row Start: pended requests are resubmitted in FIFO order, timers dropped (case 12)") {
  IoTarget t(2);
  TargetActions stop = t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE_FALSE(stop.wait_for_sent);
  REQUIRE(t.submit(10, none(), forwarded()).outcome == SendOutcome::PENDED);   // A at t=0
  REQUIRE(t.submit(11, timeout(1), forwarded()).outcome == SendOutcome::PENDED);  // B at t=1
  REQUIRE(t.submit(7, none(), forwarded()).outcome == SendOutcome::PENDED);
  CHECK(t.pended_count() == 3);

  TargetActions a = t.start();
  CHECK(a.status == STATUS_SUCCESS);
  CHECK(a.resubmit == Ids{10, 11, 7});
  CHECK(a.cancel.empty());
  CHECK(a.fail_pended.empty());
  CHECK_FALSE(a.wait_for_sent);
  CHECK(t.state() == TargetState::STARTED);
  CHECK(t.pended_count() == 0);
  for (std::uint64_t id : a.resubmit) {
    SendDecision d = t.resubmit(id);
    CHECK(d.outcome == SendOutcome::SENT);
    CHECK_FALSE(d.start_timer);
  }
  CHECK(t.sent_count() == 3);
  CHECK(t.is_sent(11));
}

TEST_CASE("3.2 row Start: allowed from stopped, purged and closed, refused for deleted") {
  for (TargetState s : {TargetState::STOPPED, TargetState::PURGED, TargetState::CLOSED, TargetState::STARTED}) {
    IoTarget t(2, s);
    TargetActions a = t.start();
    CHECK(a.status == STATUS_SUCCESS);
    CHECK(t.state() == TargetState::STARTED);
  }
  IoTarget deleted(2, TargetState::DELETED);
  TargetActions a = deleted.start();
  CHECK(status_name(a.status) == "STATUS_INVALID_DEVICE_STATE");
  CHECK(deleted.state() == TargetState::DELETED);
}

TEST_CASE("3.2 row Start: a request resubmitted after the target stopped again is pended again") {
  IoTarget t(2, TargetState::STOPPED);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions a = t.start();
  REQUIRE(a.resubmit == Ids{1, 2});
  CHECK(t.resubmit(1).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);  // e.g. from request 1's completion routine
  CHECK(t.resubmit(2).outcome == SendOutcome::PENDED);
  CHECK(t.is_pended(2));
}

TEST_CASE("3.2 row Start: resubmission into a purged target or of a canceled request fails") {
  IoTarget t(2, TargetState::STOPPED);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.start().resubmit == Ids{1, 2});
  check_failed(t.resubmit(1, true), STATUS_CANCELLED);
  (void)t.purge(false);
  check_failed(t.resubmit(2), STATUS_INVALID_DEVICE_STATE);
  CHECK(t.sent_count() == 0);
  CHECK(t.pended_count() == 0);
}

TEST_CASE("3.2 row Stop(CancelSentIo): cancels the sent list, not the ignored list, and waits for it (case 14)") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(3, none(), forwarded()).outcome == SendOutcome::SENT);
  TargetActions a = t.stop(StopAction::CANCEL_SENT_IO);
  CHECK(a.status == STATUS_SUCCESS);
  CHECK(a.cancel == Ids{1, 3});
  CHECK(a.fail_pended.empty());
  CHECK(a.wait_for_sent);
  CHECK(t.state() == TargetState::STOPPED);
  CHECK_FALSE(t.sent_io_drained());
  t.completed(2);                    // an ignored request does not end the wait
  CHECK_FALSE(t.sent_io_drained());
  t.completed(1);
  CHECK_FALSE(t.sent_io_drained());
  t.completed(3);
  CHECK(t.sent_io_drained());
  CHECK(t.submit(4, none(), forwarded()).outcome == SendOutcome::PENDED);  // new sends now pend
}

TEST_CASE("3.2 row Stop(WaitForSentIoToComplete): cancels nothing, waits for the sent list (case 15)") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::SENT);
  TargetActions a = t.stop(StopAction::WAIT_FOR_SENT_IO);
  CHECK(a.cancel.empty());
  CHECK(a.wait_for_sent);
  CHECK_FALSE(t.sent_io_drained());
  t.completed(2);
  CHECK_FALSE(t.sent_io_drained());
  t.completed(1);
  CHECK(t.sent_io_drained());
  CHECK(t.state() == TargetState::STOPPED);
}

TEST_CASE("3.2 row Stop(LeaveSentIoPending): returns at once, sent I/O left alone, pended requests stay") {
  IoTarget t(2, TargetState::STOPPED);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.start().resubmit == Ids{1});
  REQUIRE(t.resubmit(1).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(3, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.stop(StopAction::LEAVE_SENT_IO_PENDING).cancel.empty());
  REQUIRE(t.submit(4, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions a = t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  CHECK(a.cancel.empty());
  CHECK(a.fail_pended.empty());
  CHECK_FALSE(a.wait_for_sent);
  CHECK(t.sent_io_drained());
  CHECK(t.sent_count() == 3);
  CHECK(t.is_pended(4));
}

TEST_CASE("3.2 row Stop: with nothing in flight Stop(Cancel/Wait) returns at once") {
  IoTarget t(2);
  REQUIRE(t.submit(1, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  TargetActions a = t.stop(StopAction::CANCEL_SENT_IO);
  CHECK(a.cancel.empty());
  CHECK_FALSE(a.wait_for_sent);
  CHECK(t.sent_io_drained());
}

TEST_CASE("3.2 row Stop: a later Stop(CancelSentIo) cancels what an earlier Stop(Leave) left pending") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE(t.submit(3, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions a = t.stop(StopAction::CANCEL_SENT_IO);
  CHECK(a.cancel == Ids{1, 2});
  CHECK(a.wait_for_sent);
  CHECK(t.is_pended(3));  // pended requests stay queued
}

TEST_CASE("3.2 row Stop: transitions from started, purged and stopped, closed and deleted are left alone") {
  for (TargetState s : {TargetState::STARTED, TargetState::PURGED, TargetState::STOPPED}) {
    IoTarget t(2, s);
    (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
    CHECK(t.state() == TargetState::STOPPED);
  }
  for (TargetState s : {TargetState::CLOSED, TargetState::DELETED}) {
    IoTarget t(2, s);
    (void)t.stop(StopAction::WAIT_FOR_SENT_IO);
    CHECK(t.state() == s);
  }
}

TEST_CASE("3.2 row Purge(PurgeIoAndWait): pended failed FIFO, sent list cancelled, ignored untouched, waits") {
  IoTarget t(2);
  REQUIRE(t.submit(5, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(6, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(4, none(), forwarded()).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE(t.submit(9, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.submit(8, none(), forwarded()).outcome == SendOutcome::PENDED);

  TargetActions a = t.purge(true);
  CHECK(a.status == STATUS_SUCCESS);
  CHECK(a.fail_pended == Ids{9, 8});
  CHECK(a.cancel == Ids{5, 4});
  CHECK(a.resubmit.empty());
  CHECK(a.wait_for_sent);
  CHECK(t.state() == TargetState::PURGED);
  CHECK(t.pended_count() == 0);
  CHECK(t.sent_count() == 3);
  t.completed(5);
  t.completed(6);
  CHECK_FALSE(t.sent_io_drained());
  t.completed(4);
  CHECK(t.sent_io_drained());
  check_failed(t.submit(1, none(), forwarded()), STATUS_INVALID_DEVICE_STATE);
}

TEST_CASE("3.2 row Purge(PurgeIo): same lists, returns at once") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions a = t.purge(false);
  CHECK(a.fail_pended == Ids{2});
  CHECK(a.cancel == Ids{1});
  CHECK_FALSE(a.wait_for_sent);
  CHECK(t.sent_io_drained());
  CHECK(t.state() == TargetState::PURGED);
}

TEST_CASE("3.2 row Purge: transitions from started, stopped and purged, closed and deleted are left alone") {
  for (TargetState s : {TargetState::STARTED, TargetState::STOPPED, TargetState::PURGED}) {
    IoTarget t(2, s);
    (void)t.purge(false);
    CHECK(t.state() == TargetState::PURGED);
  }
  for (TargetState s : {TargetState::CLOSED, TargetState::DELETED}) {
    IoTarget t(2, s);
    (void)t.purge(true);
    CHECK(t.state() == s);
  }
}

TEST_CASE("3.2 row Close: pended failed, ignored then sent list cancelled, waits for all, then stack size 0") {
  IoTarget t(3);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(2, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(3, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(4, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE(t.submit(6, none(), forwarded()).outcome == SendOutcome::PENDED);
  REQUIRE(t.submit(5, none(), forwarded()).outcome == SendOutcome::PENDED);

  TargetActions a = t.close();
  CHECK(a.status == STATUS_SUCCESS);
  CHECK(a.fail_pended == Ids{6, 5});
  CHECK(a.cancel == Ids{2, 4, 1, 3});
  CHECK(a.wait_for_sent);
  CHECK(t.state() == TargetState::CLOSED);
  CHECK(t.stack_size() == 3);  // pointers are cleared only when the last sent request is back
  for (std::uint64_t id : {1, 2, 3}) {
    t.completed(id);
    CHECK_FALSE(t.sent_io_drained());
  }
  t.completed(4);
  CHECK(t.sent_io_drained());
  CHECK(t.stack_size() == 0);
}

TEST_CASE("3.2 row Close: with nothing in flight it returns at once and clears the target") {
  IoTarget t(3);
  TargetActions a = t.close();
  CHECK_FALSE(a.wait_for_sent);
  CHECK(a.cancel.empty());
  CHECK(t.sent_io_drained());
  CHECK(t.stack_size() == 0);
  CHECK(t.state() == TargetState::CLOSED);
}

TEST_CASE("3.2 row Close: closing a deleted target is refused") {
  IoTarget t(3, TargetState::DELETED);
  TargetActions a = t.close();
  CHECK(status_name(a.status) == "STATUS_INVALID_DEVICE_STATE");
  CHECK(t.state() == TargetState::DELETED);
}

TEST_CASE("3.2 row Remove: like Close, to DELETED, and Start is refused afterwards") {
  IoTarget t(2);
  REQUIRE(t.submit(1, ignore_state(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::SENT);
  (void)t.stop(StopAction::LEAVE_SENT_IO_PENDING);
  REQUIRE(t.submit(3, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions a = t.remove();
  CHECK(a.fail_pended == Ids{3});
  CHECK(a.cancel == Ids{1, 2});
  CHECK(a.wait_for_sent);
  CHECK(t.state() == TargetState::DELETED);
  t.completed(2);
  t.completed(1);
  CHECK(t.sent_io_drained());
  CHECK(t.stack_size() == 0);
  CHECK(t.start().status == STATUS_INVALID_DEVICE_STATE);
}

TEST_CASE("3.2 notes: Start, Close and Remove during a waiting Stop must be retried once it drained") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  REQUIRE(t.stop(StopAction::WAIT_FOR_SENT_IO).wait_for_sent);
  REQUIRE(t.submit(2, none(), forwarded()).outcome == SendOutcome::PENDED);
  TargetActions s = t.start();
  CHECK(s.retry);
  CHECK(s.resubmit.empty());
  CHECK(t.state() == TargetState::STOPPED);
  CHECK(t.close().retry);
  CHECK(t.remove().retry);
  CHECK(t.state() == TargetState::STOPPED);
  t.completed(1);
  REQUIRE(t.sent_io_drained());
  TargetActions again = t.start();
  CHECK_FALSE(again.retry);
  CHECK(again.resubmit == Ids{2});
}

// ---- 3.2 notes / 6.1: cancelling a pended request ----------------------------------------------------------------

TEST_CASE("6.1: cancelling a pended request removes it, the rest keep their FIFO order") {
  IoTarget t(2, TargetState::STOPPED);
  for (std::uint64_t id : {1, 2, 3})
    REQUIRE(t.submit(id, none(), forwarded()).outcome == SendOutcome::PENDED);
  CHECK(t.cancel_pended(2));
  CHECK_FALSE(t.cancel_pended(2));
  CHECK_FALSE(t.is_pended(2));
  CHECK(t.pended_count() == 2);
  CHECK(t.start().resubmit == Ids{1, 3});
}

TEST_CASE("6.1: cancel_pended is false for a sent request and leaves it tracked") {
  IoTarget t(2);
  REQUIRE(t.submit(1, none(), forwarded()).outcome == SendOutcome::SENT);
  CHECK_FALSE(t.cancel_pended(1));
  CHECK(t.is_sent(1));
  CHECK_FALSE(t.cancel_pended(99));
}

// ---- 4: WdfRequestChangeTarget -----------------------------------------------------------------------------------

TEST_CASE("4 step 2: ChangeTarget to a closed target fails STATUS_INVALID_DEVICE_STATE (case 17)") {
  IoTarget t(3);
  (void)t.close();
  bool reallocate = true;
  CHECK(status_name(t.change_target(true, true, 5, &reallocate)) == "STATUS_INVALID_DEVICE_STATE");
  CHECK_FALSE(reallocate);
  IoTarget deleted(3, TargetState::DELETED);
  CHECK(deleted.change_target(false, true, 0, nullptr) == STATUS_INVALID_DEVICE_STATE);
}

TEST_CASE("4 step 3: ChangeTarget with enough stack locations succeeds without a new IRP, in any open state") {
  for (TargetState s : {TargetState::STARTED, TargetState::STOPPED, TargetState::PURGED}) {
    IoTarget t(3, s);
    bool reallocate = true;
    CHECK(t.change_target(true, false, 3, &reallocate) == STATUS_SUCCESS);
    CHECK_FALSE(reallocate);
    reallocate = true;
    CHECK(t.change_target(true, true, 4, &reallocate) == STATUS_SUCCESS);  // framework-owned but big enough
    CHECK_FALSE(reallocate);
  }
}

TEST_CASE("4 step 4: ChangeTarget of a framework-owned or IRP-less request reallocates the IRP") {
  IoTarget t(3);
  bool reallocate = false;
  CHECK(t.change_target(true, true, 2, &reallocate) == STATUS_SUCCESS);
  CHECK(reallocate);
  reallocate = false;
  CHECK(t.change_target(false, false, 0, &reallocate) == STATUS_SUCCESS);
  CHECK(reallocate);
}

TEST_CASE("4 step 5: ChangeTarget of a short queue-presented IRP fails STATUS_REQUEST_NOT_ACCEPTED") {
  IoTarget t(3);
  bool reallocate = true;
  CHECK(status_name(t.change_target(true, false, 2, &reallocate)) == "STATUS_REQUEST_NOT_ACCEPTED");
  CHECK_FALSE(reallocate);
}

TEST_CASE("3: target state names") {
  CHECK(target_state_name(TargetState::STARTED) == "STARTED");
  CHECK(target_state_name(TargetState::STOPPED) == "STOPPED");
  CHECK(target_state_name(TargetState::PURGED) == "PURGED");
  CHECK(target_state_name(TargetState::CLOSED) == "CLOSED");
  CHECK(target_state_name(TargetState::DELETED) == "DELETED");
}
