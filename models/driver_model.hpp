// One KMDF driver (a filter, function or bus driver's device object) as the framework runs it, without SimGrid.
// The framework side (driver_model.cpp):
// - DispatchStep1: a type no queue takes (or a default queue with no handler for it) is auto-forwarded by a filter
//   (IoSkipCurrentIrpStackLocation + IoCallDriver, no request object, no completion routine) and completed with
//   STATUS_INVALID_DEVICE_REQUEST by a function or bus driver;
// - one request object per received IRP, queued and presented by the queue's rules (core::IoQueue), or retrieved
//   from a manual queue on a timer; at presentation the framework completes zero-length transfers (unless allowed)
//   and handler-less types itself; an IRP cancelled while it waits in a queue (or arriving cancelled) is completed
//   with STATUS_CANCELLED without reaching the driver (section 6.2);
// - WdfRequestComplete: status set (WDF-facility statuses rewritten), Information inherited, the queue slot freed,
//   IoCompleteRequest's walk resumed upward.
// The driver's own code, as its policies say (driver_policies.cpp): forward, complete, split, fan out, route; every
// send through WdfRequestSend with the policy's options, decided by the target's state machine (core::IoTarget);
// completion routines, retries, WdfRequestCancelSentRequest after a delay, driver-created requests and their IRPs,
// and the deliberate mistakes the verifier catches.
// Every piece of the driver's code that costs CPU (the dispatch callback, the completion routine) is a step the
// environment runs on a core (models/host_cpu.hpp); the model goes on when the step has run.
// Left out: EvtIoCanceledOnQueue, WdfRequestMarkCancelable (presented requests are not cancelable), requeueing,
// power-managed queues, buffers.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "models/distribution.hpp"
#include "models/host_cpu.hpp"
#include "models/random.hpp"
#include "sim/core/io_queue.hpp"
#include "sim/core/io_target.hpp"
#include "sim/core/irp.hpp"
#include "sim/core/irp_event.hpp"
#include "sim/core/request.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

// A timer the driver model asks for; the environment hands it back through DriverModel::timer_fired.
struct DriverTimer {
  enum class Kind : std::uint8_t {
    COMPLETE_DELAY,  // a complete policy's delay is over
    CANCEL_SENT,     // WdfRequestCancelSentRequest on a send still outstanding (generation must match)
    RETRY,           // re-send after a failed completion
    RETRIEVE,        // poll a manual queue (request is null; queue says which)
  };
  Kind kind = Kind::COMPLETE_DELAY;
  core::Request* request = nullptr;
  std::uint64_t generation = 0;
  std::uint32_t queue = 0;
};

// A CPU step of the driver's code the model asks for; the environment hands it back through DriverModel::step_done
// once it has run on a core.
struct DriverStep {
  enum class Kind : std::uint8_t {
    DISPATCH,     // the dispatch callback (EvtIoXxx) of a presented request, before its policy acts
    COMPLETION,   // a completion routine, before the driver acts on what came back
  };
  Kind kind = Kind::DISPATCH;
  core::Request* request = nullptr;
};

// What the driver model asks of the world it runs in. The engine's driver actor implements it with SimGrid
// executions and in-memory messages; unit tests implement it with a fake clock and a log.
class DriverEnvironment {
public:
  virtual ~DriverEnvironment() = default;
  virtual double now() const = 0;
  // Runs a CPU step of `cost_s` (reference-core seconds) that takes `locks` at its start (holds in reference-core
  // seconds), on a core of the driver's host: the core of the context the driver's code runs in (the caller's for a
  // dispatch, the DPC's for a completion). Calls DriverModel::step_done when it has run: at once, before returning,
  // when it costs nothing, takes no lock and its core is free; otherwise later, while other events go on.
  virtual void cpu_step(const DriverStep& step, double cost_s, std::vector<LockTake> locks) = 0;
  // True when no code anywhere costs CPU (no core is ever busy): the model then goes on at once, without asking for
  // steps, and only counts them. Asked once, at construction.
  virtual bool cpu_free() const { return false; }
  // IoCallDriver into the next-lower device object; the IRP's location has already been decremented.
  virtual void call_lower_driver(core::Irp& irp) = 0;
  // The state machine of I/O target `target` (the engine's global index): WdfRequestSend decides under the target's
  // lock in the caller's context, so the driver asks it directly.
  virtual core::IoTarget& io_target(std::uint32_t target) = 0;
  // Carries out a send target `target` accepted (SENT, PENDED or SENT_UNTRACKED): the target actor takes it from
  // here. For SENT_UNTRACKED the request object is deleted right after this call: only its IRP may be kept.
  // `timeout_s`: the send's timeout, for the timer the decision may ask for.
  virtual void send_to_target(std::uint32_t target, core::Request& request, const core::SendDecision& decision,
                              double timeout_s) = 0;
  // A bus driver starts its hardware on the request.
  virtual void send_to_hardware(core::Request& request) = 0;
  // An IRP for a request the driver creates (WdfRequestCreate on a target): `stack_size` locations, a fresh id.
  virtual core::Irp& allocate_irp(int stack_size) = 0;
  virtual void free_irp(core::Irp& irp) = 0;
  // IoCancelIrp: sets the Cancel bit and calls the cancel routine of whoever holds the IRP cancelably.
  virtual void cancel_irp(core::Irp& irp) = 0;
  virtual void start_timer(double delay_s, const DriverTimer& timer) = 0;
  // IoCompleteRequest's walk reached the completion routine of a driver above.
  virtual void deliver_completion(core::Irp& irp, core::CompletionRoutine routine) = 0;
  // The walk passed the top of the stack: the IRP is complete for its originator.
  virtual void irp_completed(core::Irp& irp) = 0;
  // The driver completed its request object (called just before the object is recycled).
  virtual void request_finished(const core::Request& request) = 0;
  // The driver passed the IRP on without a request object (filter auto-forward).
  virtual void irp_passed_through(const core::Irp& irp) = 0;
  // Something a bug check would stop: the IRP goes no further.
  virtual void violation(core::Irp& irp, std::string_view name, std::string detail) = 0;
  // Something the framework's verifier reports (a break, a verifier failure, an SDV rule): recorded, and the IRP
  // carries on as the framework lets it.
  virtual void report(const core::Irp& irp, std::string_view name, std::string detail) = 0;
  // The per-IRP event log: tracing() is asked once, at construction, so a run without a log pays one branch.
  virtual bool tracing() const { return false; }
  virtual void trace(core::IrpEventKind, const core::Irp&, core::NtStatus, std::uint64_t, std::uint64_t) {}
};

// Where a driver's numbered targets lead (scenario::kLocalTarget and the remote targets, in order).
struct TargetWiring {
  static constexpr std::uint32_t kHardware = UINT32_MAX;      // a bus driver's local target: its device
  static constexpr std::uint32_t kNoTarget = UINT32_MAX - 1;  // a non-bus driver at the bottom has nothing below
  std::uint32_t global = kHardware;  // the engine's target index
  int stack_size = 1;                // StackSize of the device object the target sends to
};

class DriverModel {
public:
  // CPU costs and lock holds are drawn from the stream "driver/<name>/cpu" of (seed, replication).
  DriverModel(std::uint32_t index, const scenario::DriverSpec& spec, std::vector<TargetWiring> targets,
              bool verifier, DriverEnvironment& env, std::uint64_t seed = 1, std::uint64_t replication = 0);

  // IoCallDriver landed in this driver's dispatch routine (the IRP's current location is this driver's).
  void irp_arrived(core::Irp& irp);
  // A send of this driver came back: the framework's IoCompletion routine ran for it (or, for a request that never
  // left the target, the target completed it); run the driver's completion routine if it set one.
  void send_completed(core::Request& request);
  // The hardware finished a request this bus driver started.
  void hardware_done(core::Request& request, core::NtStatus status, std::uint64_t information);
  void timer_fired(const DriverTimer& timer);
  // A CPU step asked for through DriverEnvironment::cpu_step has run (`timing` says when): its time is charged to
  // the request it ran for, and the driver's code goes on.
  void step_done(const DriverStep& step, const StepTiming& timing);
  // Steps run in place because no code costs CPU (DriverEnvironment::cpu_free): dispatch, completion.
  const std::array<std::uint64_t, 2>& free_steps() const { return free_steps_; }
  // The driver's spin locks, in the order of DriverSpec::locks, with what they have seen.
  const std::vector<SpinLock>& locks() const { return locks_; }
  // IoCancelIrp reached this driver: true if the IRP waited in one of its queues (it is then completed with
  // STATUS_CANCELLED); false if the driver does not hold it cancelably.
  bool cancel_irp(core::Irp& irp);

  std::uint32_t index() const { return index_; }
  const scenario::DriverSpec& spec() const { return spec_; }
  std::size_t requests_in_use() const { return storage_.size() - free_.size(); }
  const core::IoQueue& queue(std::size_t i) const { return queues_[i]; }
  // The request this driver holds for `irp` in a presented (owned) state, for the end-of-run accounting.
  bool owns(const core::Irp& irp) const;

private:
  static constexpr int kNoQueue = -1;

  // driver_model.cpp: the framework.
  const scenario::PolicySpec* handler_for(core::RequestType type) const;
  // A request object from the pool, cleared (its timer generations keep counting across reuse).
  core::Request& take_request();
  core::Request& new_request(core::Irp& irp, int queue);
  void free_request(core::Request& request);
  void present(core::Request& request);
  void present_pending();
  void retrieve(std::uint32_t queue);
  void arm_retrieval(std::uint32_t queue);
  // WdfRequestComplete(WithInformation) on a received request: sets the IRP's IoStatus, frees the queue slot,
  // resumes the walk. A request whose driver-created children still run is recycled when the last one finishes.
  void complete_request(core::Request& request, core::NtStatus status, const std::uint64_t* information);
  // Framework completion of an IRP without a request object (no queue in a function driver).
  void complete_irp_here(core::Irp& irp, core::NtStatus status);
  void continue_completion(core::Irp& irp);
  void note(core::IrpEventKind kind, const core::Irp& irp) {
    if (tracing_)
      env_.trace(kind, irp, irp.io_status.status, irp.io_status.information, core::IrpEvent::kNoIrp);
  }

  // driver_policies.cpp: the driver's callbacks.
  // The dispatch callback: its CPU step, then dispatch_done acts on the policy.
  void run_handler(core::Request& request, const scenario::PolicySpec& policy);
  void dispatch_done(core::Request& request);
  // The completion routine's code after its CPU step.
  void completion_done(core::Request& request);
  // Draws a step's cost and its locks' holds, and asks the environment to run it.
  void run_step(DriverStep::Kind kind, core::Request& request, const scenario::PolicySpec& policy);
  const scenario::PolicySpec& policy_of(const core::Request& request) const;
  void complete_after_delay(core::Request& request);
  // FORWARD and ROUTE with the received request: format, completion routine, send to target number `target`;
  // `change_target` first runs WdfRequestChangeTarget's check (route, fan-out resend, remote targets).
  void send_received(core::Request& request, const scenario::PolicySpec& policy, std::uint32_t target,
                     bool change_target);
  // A driver-created request for `parent` (WdfRequestCreate on the target + WdfIoTargetFormatRequestForXxx).
  void send_created(core::Request& parent, const scenario::PolicySpec& policy, std::uint32_t target,
                    core::RequestType type, std::uint64_t length, std::uint64_t offset, std::uint32_t child_index);
  // WdfRequestSend and what the driver does with its answer.
  void submit(core::Request& request, const scenario::PolicySpec& policy, std::uint32_t target);
  void send_failed(core::Request& request, const scenario::PolicySpec& policy, core::NtStatus status);
  // The driver's completion routine (or the code after a synchronous send) for a received request's own send.
  void received_send_done(core::Request& request, const scenario::PolicySpec& policy);
  // A created request's send came back (or failed): the parent's bookkeeping; the child is deleted.
  void child_done(core::Request& child, core::NtStatus status, std::uint64_t information);
  // One more send of a received request (or of one of its created requests) came back with `status`.
  void count_outcome(core::Request& request, core::NtStatus status, std::uint64_t information);
  // Fan-out re-sending the received request in turn: one target's send is over; decide or go to the next target.
  void resend_step_done(core::Request& request, const scenario::PolicySpec& policy, core::NtStatus status);
  void split_next(core::Request& parent, const scenario::PolicySpec& policy);
  void fan_out_next(core::Request& parent, const scenario::PolicySpec& policy);
  // True when the fan-out's outcome is decided by `complete_on`; `status` then says which way.
  bool fan_out_decided(const core::Request& parent, const scenario::PolicySpec& policy, core::NtStatus* status) const;
  std::uint32_t route_target(const core::Request& request, const scenario::PolicySpec& policy);
  void finish_parent(core::Request& parent, core::NtStatus status, std::uint64_t information);
  std::uint64_t parent_length(const core::Request& request) const;

  std::uint32_t index_;
  const scenario::DriverSpec& spec_;
  std::vector<TargetWiring> targets_;
  bool verifier_;
  DriverEnvironment& env_;
  std::vector<core::IoQueue> queues_;
  scenario::PerType<int> queue_for_type_{};
  std::deque<core::Request> storage_;   // stable addresses; recycled through free_
  std::vector<core::Request*> free_;
  std::deque<core::Request*> to_present_;
  std::vector<std::uint32_t> outstanding_per_target_;  // sends in flight per target number (least-outstanding)
  scenario::PerType<std::uint32_t> round_robin_{};
  std::vector<bool> retrieval_armed_;                  // per queue: a RETRIEVE timer is pending
  bool presenting_ = false;
  bool tracing_;
  // CPU costs: a distribution per policy (the policies of spec_.policies by type, then the default policy).
  struct StepCosts {
    const scenario::PolicySpec* policy;
    Distribution dispatch, completion;
  };
  std::vector<StepCosts> costs_;
  std::vector<SpinLock> locks_;
  std::vector<Distribution> lock_holds_;
  RandomStream cpu_rng_;
  bool cpu_free_;
  std::array<std::uint64_t, 2> free_steps_{};
};

}  // namespace irpsim::models
