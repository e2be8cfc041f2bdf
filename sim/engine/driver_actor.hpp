// The SimGrid shell around one driver model: receives IRPs and completions, runs the model, turns its requests into
// CPU executions on the driver's host, timers and messages to the neighbouring actors, and records each layer visit.
// All framework and policy decisions are in models::DriverModel. One driver is one actor: its CPU work is serialised,
// and drivers on the same host share the host's cores through SimGrid's CPU model. A CPU cost is a duration on the
// reference core (scenario::kReferenceCoreFlops): the actor executes that many flops on its host.
#pragma once
#include <simgrid/s4u/Host.hpp>

#include "models/driver_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class DriverActor final : public models::DriverEnvironment {
public:
  // lower: index of the driver below (auto-forward destination); device: the hardware below a bus driver.
  DriverActor(World& world, std::uint32_t index, std::uint32_t target, std::uint32_t lower_driver,
              std::uint32_t device);
  void operator()();
  Inbox<DriverMessage>& inbox() { return inbox_; }
  const models::DriverModel& model() const { return model_; }

  // models::DriverEnvironment
  double now() const override;
  void compute(double cpu_s) override;
  void call_lower_driver(core::Irp& irp) override;
  void send_to_target(core::Request& request) override;
  void send_to_hardware(core::Request& request) override;
  void start_timer(double delay_s, core::Request& request) override;
  void deliver_completion(core::Irp& irp, core::CompletionRoutine routine) override;
  void irp_completed(core::Irp& irp) override;
  void request_finished(const core::Request& request) override;
  void irp_passed_through(const core::Irp& irp) override;
  void violation(core::Irp& irp, std::string_view name, std::string detail) override;
  bool tracing() const override { return world_.irp_log != nullptr; }
  void trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status, std::uint64_t information) override;

private:
  World& world_;
  models::DriverModel model_;
  std::uint32_t target_, lower_driver_, device_;
  Inbox<DriverMessage> inbox_;
  TimerQueue<core::Request*> timers_;
};

}  // namespace irpsim::engine
