#include "sim/engine/target_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

TargetActor::TargetActor(World& world, std::uint32_t index, std::string name, std::uint32_t owner_driver,
                         std::uint32_t lower_driver, int stack_size,
                         std::vector<const scenario::TargetEventSpec*> events)
    : world_(world),
      name_(std::move(name)),
      model_(index, owner_driver, lower_driver, stack_size, *this),
      events_(std::move(events)),
      inbox_(&world.calls) {}

void TargetActor::operator()() {
  for (const scenario::TargetEventSpec* event : events_)
    timers_.schedule(event->at_s, models::TargetTimer{models::TargetTimer::Kind::STATE_EVENT, nullptr, 0, event});
  run_actor_loop(
      world_, inbox_, timers_,
      [this](TargetMessage&& message) {
        std::visit(Overloaded{
                       [this](TargetSend& m) { model_.send(*m.irp, m.request, m.outcome, m.start_timer, m.timeout_s); },
                       [this](CancelIrp& m) { cancel(*m.irp); },
                   },
                   message);
      },
      [this](const models::TargetTimer& timer) { model_.timer_fired(timer); }, [] { return true; });
}

void TargetActor::accept(const TargetSend& m) {
  if (m.start_timer)
    inbox_.post(m);  // the timer belongs in this actor's own queue, which only it may wait on
  else
    model_.send(*m.irp, m.request, m.outcome, false, 0);
}

void TargetActor::cancel(core::Irp& irp) {
  if (model_.cancel(irp))
    return;
  const auto& where = irp.where;
  if (!(where.kind == core::IrpWhereabouts::Kind::TARGET && where.index == model_.index()))
    world_.route_cancel(irp);  // it moved on while the cancel was on its way: follow it
}

double TargetActor::now() const { return world_.clock.now(); }

void TargetActor::call_lower_driver(core::Irp& irp) {
  world_.drivers[model_.lower_driver()]->inbox().post(IrpArrival{&irp});
}

void TargetActor::complete_to_owner(core::Request& request) {
  world_.drivers[model_.owner_driver()]->inbox().post(SendCompletion{&request});
}

void TargetActor::cancel_irp(core::Irp& irp) { world_.cancel_irp(irp, name_); }

void TargetActor::start_timer(double delay_s, const models::TargetTimer& timer) {
  timers_.schedule(now() + delay_s, timer);
}

void TargetActor::violation(core::Irp& irp, std::string_view name, std::string detail) {
  world_.add_violation(irp, std::string(name), world_.scenario.drivers[model_.owner_driver()].name, std::move(detail));
}

void TargetActor::trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status) {
  world_.log(kind, irp, name_, status, irp.io_status.information);
}

void TargetActor::visited(const core::Request& request, double held_s) {
  world_.recorder.target_visited(stats::TargetVisit{model_.index(), request.type, held_s, request.irp->measured});
}

}  // namespace irpsim::engine
