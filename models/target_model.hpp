// One KMDF I/O target (WDFIOTARGET) between a driver and the device object it sends to: the local target (the
// next-lower device object) or a remote one (the top of another stack). core::IoTarget decides every send and state
// change (wdf-semantics.md sections 2-4); this model carries the decisions out, without SimGrid:
// - SENT: IoCallDriver to the device object below (bug check 0x35 when no stack location is left);
//   PENDED: the request waits in the target, FIFO; SENT_UNTRACKED (send-and-forget): IoCallDriver, nothing kept;
// - the send timeout: on expiry the request is cancelled (a pended one leaves the target with STATUS_IO_TIMEOUT, a
//   sent one gets IoCancelIrp), and a STATUS_CANCELLED completion becomes STATUS_IO_TIMEOUT (section 2.3); a start
//   drops the timers of asynchronous sends it resubmits;
// - scheduled state changes: start (resubmission in FIFO order), stop (cancel, wait for or leave sent I/O), purge,
//   close and removal (pended requests fail with STATUS_WDF_DEVICE_REMOVED_NOT_SENT through the completion routine,
//   sent ones are cancelled); an operation arriving while a stop or purge still waits for sent I/O runs when it
//   has drained;
// - IoCancelIrp on a pended request: it leaves the target with STATUS_CANCELLED (section 3.2 notes).
// Left out: the IRQL rules, WdfIoTargetOpen (a remote target is opened from time 0), query-remove callbacks.
#pragma once
#include <cstdint>
#include <deque>
#include <string_view>
#include <unordered_map>

#include "sim/core/io_target.hpp"
#include "sim/core/irp.hpp"
#include "sim/core/irp_event.hpp"
#include "sim/core/request.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

struct TargetTimer {
  enum class Kind : std::uint8_t { SEND_TIMEOUT, STATE_EVENT };
  Kind kind = Kind::SEND_TIMEOUT;
  core::Request* request = nullptr;      // SEND_TIMEOUT
  std::uint64_t generation = 0;          // SEND_TIMEOUT: must equal the request's timeout_generation
  const scenario::TargetEventSpec* event = nullptr;  // STATE_EVENT
};

class TargetEnvironment {
public:
  virtual ~TargetEnvironment() = default;
  virtual double now() const = 0;
  // IoCallDriver into the device object below (the IRP's location is already decremented).
  virtual void call_lower_driver(core::Irp& irp) = 0;
  // The framework's IoCompletion routine for the owner's request (or its direct call for a request that never left
  // the target): the owner driver runs its completion routine.
  virtual void complete_to_owner(core::Request& request) = 0;
  virtual void cancel_irp(core::Irp& irp) = 0;
  virtual void start_timer(double delay_s, const TargetTimer& timer) = 0;
  virtual void violation(core::Irp& irp, std::string_view name, std::string detail) = 0;
  virtual void trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status) = 0;
  // A request went down through this target after `held_s` pended in it (for the per-layer breakdown).
  virtual void visited(const core::Request& request, double held_s) = 0;
};

class TargetModel {
public:
  // stack_size: StackSize of the device object the target sends to.
  TargetModel(std::uint32_t index, std::uint32_t owner_driver, std::uint32_t lower_driver, int stack_size,
              TargetEnvironment& env);

  // Carries out a send the owner's WdfRequestSend had accepted. `request` is null for send-and-forget.
  void send(core::Irp& irp, core::Request* request, core::SendOutcome outcome, bool start_timer, double timeout_s);
  // The completion walk reached this target's IoCompletion routine for `request`.
  void lower_completed(core::Request& request);
  void timer_fired(const TargetTimer& timer);
  // IoCancelIrp found the IRP here: true if it was pended (it leaves with STATUS_CANCELLED).
  bool cancel(core::Irp& irp);
  void state_event(const scenario::TargetEventSpec& event);

  core::IoTarget& io_target() { return target_; }
  std::uint32_t index() const { return index_; }
  std::uint32_t owner_driver() const { return owner_; }
  std::uint32_t lower_driver() const { return lower_; }

private:
  static core::Request& request_of(std::uint64_t id) { return *reinterpret_cast<core::Request*>(id); }
  static std::uint64_t id_of(const core::Request& r) { return reinterpret_cast<std::uintptr_t>(&r); }
  void call_lower(core::Request* request, core::Irp& irp);
  void pend(core::Request& request);
  // A request that never left the target completes through its owner's completion routine.
  void leave_unsent(core::Request& request, core::NtStatus status);
  void run_after_drain();

  std::uint32_t index_, owner_, lower_;
  TargetEnvironment& env_;
  core::IoTarget target_;
  // Pended requests by IRP, for IoCancelIrp (lookups only; pending is rare, so only it pays for the table).
  std::unordered_map<const core::Irp*, core::Request*> pended_;
  std::deque<const scenario::TargetEventSpec*> deferred_;  // operations waiting for a stop/purge to finish
};

}  // namespace irpsim::models
