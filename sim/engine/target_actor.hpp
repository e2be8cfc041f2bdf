// The SimGrid shell around one I/O target model (models::TargetModel): passes down the IRPs its driver's
// WdfRequestSend accepted, brings the completion walk's arrival at its IoCompletion routine back to its driver, runs
// send timeouts and the scenario's scheduled state changes for this target, and answers IoCancelIrp for requests
// pended in it. Sends without a timeout and completions are carried out in the calling driver's context (see
// accept()); the actor wakes for timers, state changes and cancels.
#pragma once
#include <string>
#include <vector>

#include "models/target_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class TargetActor final : public models::TargetEnvironment {
public:
  // events: the scenario's state changes for this target, in time order.
  TargetActor(World& world, std::uint32_t index, std::string name, std::uint32_t owner_driver,
              std::uint32_t lower_driver, int stack_size, std::vector<const scenario::TargetEventSpec*> events);
  void operator()();
  Inbox<TargetMessage>& inbox() { return inbox_; }
  core::IoTarget& io_target() { return model_.io_target(); }

  // The two calls a driver makes into its target, in the driver's own context (as WdfRequestSend and the
  // framework's IoCompletion routine run in the caller's thread in Windows). Only what needs the target's own time
  // (a send that arms a timeout) goes through the actor's inbox; the rest is carried out at once, and the IRP goes on
  // to the next actor as a message. This spares two hops per target per IRP on the fast path.
  void accept(const TargetSend& send);
  void completed_below(core::Request& request) { model_.lower_completed(request); }

  // models::TargetEnvironment
  double now() const override;
  void call_lower_driver(core::Irp& irp) override;
  void complete_to_owner(core::Request& request) override;
  void cancel_irp(core::Irp& irp) override;
  void start_timer(double delay_s, const models::TargetTimer& timer) override;
  void violation(core::Irp& irp, std::string_view name, std::string detail) override;
  void trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status) override;
  void visited(const core::Request& request, double held_s) override;

private:
  void cancel(core::Irp& irp);
  World& world_;
  std::string name_;  // "upper->lower" or "driver->remote target", as in reports
  models::TargetModel model_;
  std::vector<const scenario::TargetEventSpec*> events_;
  Inbox<TargetMessage> inbox_;
  TimerQueue<models::TargetTimer> timers_;
};

}  // namespace irpsim::engine
