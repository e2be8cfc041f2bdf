#include "sim/engine/driver_actor.hpp"

#include <simgrid/s4u/Actor.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/device_actor.hpp"
#include "sim/engine/target_actor.hpp"
#include "sim/engine/workload_actor.hpp"

namespace irpsim::engine {

namespace sg4 = simgrid::s4u;

DriverActor::DriverActor(World& world, std::uint32_t index, std::uint32_t target, std::uint32_t lower_driver,
                         std::uint32_t device)
    : world_(world),
      model_(index, world.scenario.drivers[index], target, *this),
      target_(target),
      lower_driver_(lower_driver),
      device_(device),
      inbox_(&world.hops) {}

void DriverActor::operator()() {
  run_actor_loop(
      inbox_, timers_,
      [this](DriverMessage&& message) {
        std::visit(Overloaded{
                       [this](IrpArrival& m) { model_.irp_arrived(*m.irp); },
                       [this](CompletionRoutineCall& m) { model_.completion_routine(*m.request); },
                       [this](HardwareCompletion& m) { model_.hardware_done(*m.request, m.status, m.information); },
                   },
                   message);
      },
      [this](core::Request* request) { model_.timer_fired(*request); }, [] { return true; });
}

double DriverActor::now() const { return sg4::Engine::get_clock(); }

void DriverActor::compute(double cpu_s) {
  if (cpu_s > 0)
    sg4::this_actor::execute(cpu_s * scenario::kReferenceCoreFlops);
}

void DriverActor::call_lower_driver(core::Irp& irp) {
  irp.where = {core::IrpWhereabouts::Kind::DRIVER_QUEUE, lower_driver_};
  world_.drivers[lower_driver_]->inbox().post(IrpArrival{&irp});
}

void DriverActor::send_to_target(core::Request& request) {
  world_.targets[target_]->inbox().post(SendRequest{&request});
}

void DriverActor::send_to_hardware(core::Request& request) {
  world_.devices[device_]->inbox().post(HardwareSubmit{&request});
}

void DriverActor::start_timer(double delay_s, core::Request& request) {
  timers_.schedule(now() + delay_s, &request);
}

void DriverActor::deliver_completion(core::Irp&, core::CompletionRoutine routine) {
  world_.targets[routine.target]->inbox().post(LowerCompleted{routine.request});
}

void DriverActor::irp_completed(core::Irp& irp) { world_.workloads[irp.workload]->inbox().post(IrpDone{&irp}); }

void DriverActor::request_finished(const core::Request& r) {
  const double t = now();
  const double below = r.sent_s >= 0 ? r.returned_s - r.sent_s : 0.0;
  const double queue_wait = r.presented_s - r.arrived_s;
  world_.recorder.layer_visited(stats::LayerVisit{model_.index(), r.type, queue_wait,
                                                  (t - r.arrived_s) - queue_wait - below, below, false,
                                                  r.irp->measured});
}

void DriverActor::irp_passed_through(const core::Irp& irp) {
  world_.recorder.layer_visited(stats::LayerVisit{model_.index(), irp.type, 0, 0, 0, true, irp.measured});
}

void DriverActor::trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status,
                        std::uint64_t information) {
  world_.log(kind, irp, model_.spec().name, status, information);
}

void DriverActor::violation(core::Irp& irp, std::string_view name, std::string detail) {
  irp.where = {core::IrpWhereabouts::Kind::TERMINATED, model_.index()};
  world_.add_violation(irp, std::string(name), model_.spec().name, std::move(detail));
}

}  // namespace irpsim::engine
