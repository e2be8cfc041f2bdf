// The SimGrid shell around one driver model: receives IRPs, send completions and cancels, runs the model, turns its
// CPU steps into work on a core of the driver's host (models::HostCpu: the core of the context the code runs in,
// see exec_context.hpp), timers and messages to the neighbouring actors, and records each layer visit. All framework
// and policy decisions are in models::DriverModel. A CPU step does not block the actor: several steps of one driver
// run at once on different cores, and the driver goes on with other events while they run. A step's end is a
// SimGrid kernel timer whose callback runs the driver's code that follows, in the engine's context (step_timers.hpp):
// no actor is switched to for it, which keeps a CPU step about as cheap as a hop. A CPU cost is a duration on the
// reference core (scenario::kReferenceCoreFlops), divided by the host's speed over it.
// WdfRequestSend asks the target's state machine directly (the framework decides under the target's lock in the
// caller's context); the IRP itself then travels through the target actor.
#pragma once
#include <deque>
#include <vector>

#include "models/driver_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/step_timers.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class DriverActor final : public models::DriverEnvironment, public models::StepOwner {
public:
  // lower: index of the driver below (auto-forward destination); targets: where the driver's numbered targets lead.
  DriverActor(World& world, std::uint32_t index, std::uint32_t lower_driver, std::vector<models::TargetWiring> targets);
  void operator()();
  Inbox<DriverMessage>& inbox() { return inbox_; }
  const models::DriverModel& model() const { return model_; }

  // models::DriverEnvironment
  double now() const override;
  void cpu_step(const models::DriverStep& step, double cost_s, std::vector<models::LockTake> locks) override;
  void call_lower_driver(core::Irp& irp) override;
  core::IoTarget& io_target(std::uint32_t target) override;
  void send_to_target(std::uint32_t target, core::Request& request, const core::SendDecision& decision,
                      double timeout_s) override;
  void send_to_hardware(core::Request& request) override;
  core::Irp& allocate_irp(int stack_size) override;
  void free_irp(core::Irp& irp) override;
  void cancel_irp(core::Irp& irp) override;
  void start_timer(double delay_s, const models::DriverTimer& timer) override;
  void deliver_completion(core::Irp& irp, core::CompletionRoutine routine) override;
  void irp_completed(core::Irp& irp) override;
  void request_finished(const core::Request& request) override;
  void irp_passed_through(const core::Irp& irp) override;
  void violation(core::Irp& irp, std::string_view name, std::string detail) override;
  void report(const core::Irp& irp, std::string_view name, std::string detail) override;
  bool tracing() const override { return world_.irp_log != nullptr; }
  bool cpu_free() const override { return world_.cpu_free; }
  void trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status, std::uint64_t information,
             std::uint64_t related) override;

  // models::StepOwner: a step that waited for its core has started (called from whichever actor freed the core).
  void step_started(std::uint64_t slot, const models::StepTiming& timing) override;
  // Removes the timers of steps still running (the simulation is over).
  void cancel_steps() { step_timers_.cancel_all(); }
  // What the driver's steps have cost, for the reports.
  stats::DriverCpuUsage cpu_usage() const {
    stats::DriverCpuUsage usage = cpu_;
    usage.dispatch.steps += model_.free_steps()[0];
    usage.completion.steps += model_.free_steps()[1];
    return usage;
  }

private:
  void cancel(core::Irp& irp);
  // A CPU step in progress: what to do when it has run, and the context it runs in.
  struct RunningStep {
    models::DriverStep step;
    ExecContext context;
    std::uint32_t core = 0;
    models::StepTiming timing;
  };
  // The model's timers, each armed in a context on a core.
  struct Timer {
    models::DriverTimer timer;
    std::uint32_t core = 0;
  };
  void step_finished(std::uint32_t slot);
  void account(const models::DriverStep& step, const models::StepTiming& timing);
  World& world_;
  std::uint32_t lower_driver_;
  std::uint32_t device_;
  models::DriverModel model_;
  Inbox<DriverMessage> inbox_;
  TimerQueue<Timer> timers_;
  models::HostCpu& host_;
  std::vector<RunningStep> running_;       // slots, reused through free_steps_
  std::vector<std::uint32_t> free_steps_;
  StepTimers step_timers_;                 // the ends of the running steps
  bool in_step_end_ = false;               // running a step's end, outside the actor's own context
  stats::DriverCpuUsage cpu_;
  std::deque<core::Irp> created_irps_;     // IRPs of driver-created requests: stable addresses, reused
  std::vector<core::Irp*> free_irps_;
};

}  // namespace irpsim::engine
