// A framework request object (WDFREQUEST): each KMDF driver that receives an IRP through a queue wraps it in its own
// request; only the IRP moves between drivers (wdf-semantics.md section 9). A driver can also create requests
// (WdfRequestCreate) with IRPs of its own, e.g. to split a request or to send copies to several targets; those
// carry a link to the received request they work for. Holds what WdfRequestSend, the completion routine, cancellation
// and the per-layer breakdown need: the send in progress, its timer generation, the canceled mark, and times.
#pragma once
#include <cstdint>

#include "sim/core/irp.hpp"

namespace irpsim::core {

struct Request {
  enum class State : std::uint8_t { QUEUED, PRESENTED, SENT, COMPLETED };
  Irp* irp = nullptr;
  std::uint32_t driver = 0;
  std::uint32_t queue = 0;
  RequestType type = RequestType::READ;
  State state = State::QUEUED;
  double arrived_s = 0;     // IoCallDriver into the driver
  double presented_s = 0;   // handed to the driver's callback
  double sent_s = -1;       // given to an I/O target (or the hardware); -1 = never
  double returned_s = 0;    // completion routine called (or hardware done)
  double pended_s = -1;     // the time the last send was pended in a stopped target; -1 = not pended
  double send_started_s = 0;  // the send in progress began
  double below_s = 0;       // sum over this request's own sends of the time until each came back (retries apart)
  // The driver's own CPU steps for this request (and its created requests' completion routines): waiting for a core,
  // spinning for locks, computing.
  double core_wait_s = 0;
  double spin_s = 0;
  double cpu_s = 0;
  std::uint32_t core = 0;   // the core of the context that last sent it (a device interrupts there by default)

  // Driver-created requests (WdfRequestCreate): never presented, never completed with WdfRequestComplete; the
  // driver deletes them when their completion routine has run. `parent` is the received request they work for.
  bool driver_created = false;
  Request* parent = nullptr;
  std::uint32_t child_index = 0;          // which chunk / which target of the parent's policy

  // The send in progress.
  std::uint32_t target = 0;               // the engine's global target index of the last send
  std::uint32_t target_number = 0;       // the driver's own number for that target (0 = local)
  bool outstanding = false;               // sent or pended and not completed back (WdfRequestSend would bug check)
  bool has_completion_routine = false;    // set for the send in progress
  bool synchronous = false;               // the send in progress is synchronous
  bool canceled_mark = false;             // WdfRequestCancelSentRequest was called on it (kept until reuse)
  bool cancelled_by_timer = false;        // the send timeout cancelled it: STATUS_CANCELLED becomes STATUS_IO_TIMEOUT
  std::uint64_t send_generation = 0;      // bumped at every send and completion: stale driver timers compare it
  std::uint64_t timeout_generation = 0;   // the target's send-timeout timers: bumped when a timer is dropped
  std::uint32_t attempts = 0;             // sends of the current policy step (retries)

  // A received request working through several sends (split, fan-out, retries): the parent's bookkeeping.
  std::uint32_t children_outstanding = 0;
  std::uint32_t children_started = 0;
  std::uint32_t successes = 0;
  std::uint32_t failures = 0;
  bool first_failure_set = false;
  NtStatus first_failure = STATUS_SUCCESS;
  std::uint64_t information_sum = 0;
  bool parent_completed = false;          // the parent completed (fan-out first/quorum) while children still run
};

}  // namespace irpsim::core
