#include "sim/engine/target_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

void TargetActor::operator()() {
  run_actor_loop(
      inbox_, timers_,
      [this](TargetMessage&& message) {
        std::visit(Overloaded{
                       [this](SendRequest& m) { send(*m.request); },
                       [this](LowerCompleted& m) { completed(*m.request); },
                   },
                   message);
      },
      [](core::Request*) {}, [] { return true; });
}

void TargetActor::send(core::Request& request) {
  core::Irp& irp = *request.irp;
  if (model_.send(request) == models::TargetModel::SendResult::NO_STACK_LOCATION) {
    irp.where = {core::IrpWhereabouts::Kind::TERMINATED, model_.owner_driver()};
    world_.add_violation(irp, "NO_MORE_IRP_STACK_LOCATIONS (bug check 0x35)",
                         world_.scenario.drivers[model_.owner_driver()].name,
                         "IoCallDriver from the I/O target found no stack location left");
    return;
  }
  world_.recorder.target_visited(stats::TargetVisit{model_.index(), request.type, 0.0, irp.measured});
  world_.log(core::IrpEventKind::SENT, irp, name_);
  irp.where = {core::IrpWhereabouts::Kind::DRIVER_QUEUE, model_.lower_driver()};
  world_.drivers[model_.lower_driver()]->inbox().post(IrpArrival{&irp});
}

void TargetActor::completed(core::Request& request) {
  model_.completed(request);
  world_.drivers[model_.owner_driver()]->inbox().post(CompletionRoutineCall{&request});
}

}  // namespace irpsim::engine
