// The SimGrid shell around one driver model: receives IRPs, send completions and cancels, runs the model, turns its
// requests into CPU executions on the driver's host, timers and messages to the neighbouring actors, and records each
// layer visit. All framework and policy decisions are in models::DriverModel. One driver is one actor: its CPU work
// is serialised, and drivers on the same host share the host's cores through SimGrid's CPU model. A CPU cost is a
// duration on the reference core (scenario::kReferenceCoreFlops): the actor executes that many flops on its host.
// WdfRequestSend asks the target's state machine directly (the framework decides under the target's lock in the
// caller's context); the IRP itself then travels through the target actor.
#pragma once
#include <deque>
#include <vector>

#include "models/driver_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class DriverActor final : public models::DriverEnvironment {
public:
  // lower: index of the driver below (auto-forward destination); targets: where the driver's numbered targets lead.
  DriverActor(World& world, std::uint32_t index, std::uint32_t lower_driver, std::vector<models::TargetWiring> targets);
  void operator()();
  Inbox<DriverMessage>& inbox() { return inbox_; }
  const models::DriverModel& model() const { return model_; }

  // models::DriverEnvironment
  double now() const override;
  void compute(double cpu_s) override;
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
  void trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status, std::uint64_t information,
             std::uint64_t related) override;

private:
  void cancel(core::Irp& irp);
  World& world_;
  std::uint32_t lower_driver_;
  std::uint32_t device_;
  models::DriverModel model_;
  Inbox<DriverMessage> inbox_;
  TimerQueue<models::DriverTimer> timers_;
  std::deque<core::Irp> created_irps_;     // IRPs of driver-created requests: stable addresses, reused
  std::vector<core::Irp*> free_irps_;
};

}  // namespace irpsim::engine
