// The SimGrid shell around one I/O target model (models::TargetModel): takes the sends its driver's WdfRequestSend
// accepted and passes the IRPs down, takes the completion walk's arrival at its IoCompletion routine back to its
// driver, runs send timeouts and the scenario's scheduled state changes for this target, and answers IoCancelIrp
// for requests pended in it.
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
