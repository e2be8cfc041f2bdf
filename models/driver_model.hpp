// One KMDF driver (a filter, function or bus driver's device object) as the framework runs it, without SimGrid:
// - DispatchStep1: a type no queue takes (or a default queue with no handler for it) is auto-forwarded by a filter
//   (IoSkipCurrentIrpStackLocation + IoCallDriver, no request object, no completion routine) and completed with
//   STATUS_INVALID_DEVICE_REQUEST by a function or bus driver;
// - one request object per received IRP, queued and presented by the queue's rules (core::IoQueue); at presentation
//   the framework completes zero-length transfers (unless allowed) and handler-less types itself;
// - the policies: forward (format using current type, completion routine, asynchronous send through the local I/O
//   target; a bus driver hands the request to its hardware device instead) and complete (after a delay);
// - the completion routine completing the request with the status from below (or the policy's), Information
//   inherited, WDF-facility statuses rewritten, then IoCompleteRequest's walk resumed upward.
// Left out here (see issue 3): synchronous/timeout/send-and-forget sends, driver-created requests, cancellation,
// manual queues, I/O target states.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/io_queue.hpp"
#include "sim/core/irp.hpp"
#include "sim/core/irp_event.hpp"
#include "sim/core/request.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

// What the driver model asks of the world it runs in. The engine's driver actor implements it with SimGrid
// executions and in-memory messages; unit tests implement it with a fake clock and a log.
class DriverEnvironment {
public:
  virtual ~DriverEnvironment() = default;
  virtual double now() const = 0;
  // Runs CPU work on the driver's host; returns when it is done (the clock has advanced).
  virtual void compute(double cpu_s) = 0;
  // IoCallDriver into the next-lower device object; the IRP's location has already been decremented.
  virtual void call_lower_driver(core::Irp& irp) = 0;
  // WdfRequestSend (asynchronous) through the driver's local I/O target.
  virtual void send_to_target(core::Request& request) = 0;
  // A bus driver starts its hardware on the request.
  virtual void send_to_hardware(core::Request& request) = 0;
  virtual void start_timer(double delay_s, core::Request& request) = 0;
  // IoCompleteRequest's walk reached the completion routine of a driver above.
  virtual void deliver_completion(core::Irp& irp, core::CompletionRoutine routine) = 0;
  // The walk passed the top of the stack: the IRP is complete for its originator.
  virtual void irp_completed(core::Irp& irp) = 0;
  // The driver completed its request object (called just before the object is recycled).
  virtual void request_finished(const core::Request& request) = 0;
  // The driver passed the IRP on without a request object (filter auto-forward).
  virtual void irp_passed_through(const core::Irp& irp) = 0;
  // Something the framework's verifier (or a bug check) would stop; the IRP goes no further.
  virtual void violation(core::Irp& irp, std::string_view name, std::string detail) = 0;
  // The per-IRP event log: tracing() is asked once, at construction, so a run without a log pays one branch.
  virtual bool tracing() const { return false; }
  virtual void trace(core::IrpEventKind, const core::Irp&, core::NtStatus, std::uint64_t) {}
};

class DriverModel {
public:
  // target: index of the driver's local I/O target (unused for a bus driver, whose forward goes to hardware).
  DriverModel(std::uint32_t index, const scenario::DriverSpec& spec, std::uint32_t target, DriverEnvironment& env);

  // IoCallDriver landed in this driver's dispatch routine (the IRP's current location is this driver's).
  void irp_arrived(core::Irp& irp);
  // The framework's IoCompletion routine ran for a request this driver sent: run the driver's completion routine.
  void completion_routine(core::Request& request);
  // The hardware finished a request this bus driver started.
  void hardware_done(core::Request& request, core::NtStatus status, std::uint64_t information);
  // A policy's delay has elapsed.
  void timer_fired(core::Request& request);

  std::uint32_t index() const { return index_; }
  const scenario::DriverSpec& spec() const { return spec_; }
  std::size_t requests_in_use() const { return storage_.size() - free_.size(); }
  const core::IoQueue& queue(std::size_t i) const { return queues_[i]; }

private:
  static constexpr int kNoQueue = -1;
  const scenario::PolicySpec* handler_for(core::RequestType type) const;
  core::Request& new_request(core::Irp& irp, int queue);
  void present(core::Request& request);
  void run_handler(core::Request& request, const scenario::PolicySpec& policy);
  void forward(core::Request& request);
  // WdfRequestComplete(WithInformation): sets the IRP's IoStatus, frees the queue slot, resumes the walk.
  void complete_request(core::Request& request, core::NtStatus status, const std::uint64_t* information);
  // Framework completion of an IRP without a request object (no queue in a function driver).
  void complete_irp_here(core::Irp& irp, core::NtStatus status);
  void continue_completion(core::Irp& irp);
  // Presents queued requests one after another (not recursively: a long queue must not deepen the stack).
  void present_pending();
  // Logs one step of the IRP with its current IoStatus (or the given status and Information).
  void note(core::IrpEventKind kind, const core::Irp& irp) {
    if (tracing_)
      env_.trace(kind, irp, irp.io_status.status, irp.io_status.information);
  }

  std::uint32_t index_;
  const scenario::DriverSpec& spec_;
  std::uint32_t target_;
  DriverEnvironment& env_;
  std::vector<core::IoQueue> queues_;
  scenario::PerType<int> queue_for_type_{};
  std::deque<core::Request> storage_;   // stable addresses; recycled through free_
  std::vector<core::Request*> free_;
  std::deque<core::Request*> to_present_;
  bool presenting_ = false;
  bool tracing_;
};

}  // namespace irpsim::models
