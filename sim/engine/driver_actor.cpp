#include "sim/engine/driver_actor.hpp"

#include <simgrid/s4u/Actor.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/device_actor.hpp"
#include "sim/engine/target_actor.hpp"
#include "sim/engine/workload_actor.hpp"

namespace irpsim::engine {

namespace sg4 = simgrid::s4u;

DriverActor::DriverActor(World& world, std::uint32_t index, std::uint32_t lower_driver,
                         std::vector<models::TargetWiring> targets)
    : world_(world),
      lower_driver_(lower_driver),
      device_(world.device_of_driver[index]),
      model_(index, world.scenario.drivers[index], std::move(targets), world.scenario.verifier, *this),
      inbox_(&world.hops) {}

void DriverActor::operator()() {
  run_actor_loop(
      world_.clock, inbox_, timers_,
      [this](DriverMessage&& message) {
        std::visit(Overloaded{
                       [this](IrpArrival& m) { model_.irp_arrived(*m.irp); },
                       [this](SendCompletion& m) { model_.send_completed(*m.request); },
                       [this](HardwareCompletion& m) { model_.hardware_done(*m.request, m.status, m.information); },
                       [this](CancelIrp& m) { cancel(*m.irp); },
                   },
                   message);
      },
      [this](const models::DriverTimer& timer) { model_.timer_fired(timer); }, [] { return true; });
}

void DriverActor::cancel(core::Irp& irp) {
  if (model_.cancel_irp(irp))
    return;
  // Not in one of this driver's queues. If the IRP has moved on since IoCancelIrp was called (it was in transit),
  // follow it; if this driver owns it (presented, not cancelable), only its Cancel bit stays set.
  const auto& where = irp.where;
  using Kind = core::IrpWhereabouts::Kind;
  const bool here = (where.kind == Kind::DRIVER_QUEUE || where.kind == Kind::DRIVER || where.kind == Kind::COMPLETING) &&
                    where.index == model_.index();
  if (!here)
    world_.route_cancel(irp);
}

double DriverActor::now() const { return world_.clock.now(); }

void DriverActor::compute(double cpu_s) {
  if (cpu_s > 0)
    sg4::this_actor::execute(cpu_s * scenario::kReferenceCoreFlops);
}

void DriverActor::call_lower_driver(core::Irp& irp) {
  irp.where = {core::IrpWhereabouts::Kind::DRIVER_QUEUE, lower_driver_};
  world_.drivers[lower_driver_]->inbox().post(IrpArrival{&irp});
}

core::IoTarget& DriverActor::io_target(std::uint32_t target) { return world_.targets[target]->io_target(); }

void DriverActor::send_to_target(std::uint32_t target, core::Request& request, const core::SendDecision& decision,
                                 double timeout_s) {
  const bool untracked = decision.outcome == core::SendOutcome::SENT_UNTRACKED;
  const TargetSend send{request.irp, untracked ? nullptr : &request, decision.outcome, decision.start_timer, timeout_s};
  world_.targets[target]->accept(send);
}

void DriverActor::send_to_hardware(core::Request& request) {
  world_.devices[device_]->inbox().post(HardwareSubmit{&request});
}

core::Irp& DriverActor::allocate_irp(int stack_size) {
  core::Irp* irp;
  if (free_irps_.empty()) {
    irp = &created_irps_.emplace_back();
  } else {
    irp = free_irps_.back();
    free_irps_.pop_back();
  }
  irp->allocate(world_.next_created_irp_id++, stack_size, core::StackLocation{});
  ++world_.created_irps_outstanding;
  return *irp;
}

void DriverActor::free_irp(core::Irp& irp) {
  irp.where = {core::IrpWhereabouts::Kind::DONE, 0};
  free_irps_.push_back(&irp);
  if (--world_.created_irps_outstanding == 0)
    for (WorkloadActor* workload : world_.workloads)
      workload->inbox().post(CreatedIrpsDrained{});
}

void DriverActor::cancel_irp(core::Irp& irp) { world_.cancel_irp(irp, model_.spec().name); }

void DriverActor::start_timer(double delay_s, const models::DriverTimer& timer) {
  timers_.schedule(now() + delay_s, timer);
}

void DriverActor::deliver_completion(core::Irp&, core::CompletionRoutine routine) {
  world_.targets[routine.target]->completed_below(*routine.request);
}

void DriverActor::irp_completed(core::Irp& irp) {
  // A created request sent without a completion routine walks past its top: nobody is told (section 2.3).
  if (irp.driver_created)
    return;
  world_.workloads[irp.workload]->inbox().post(IrpDone{&irp});
}

void DriverActor::request_finished(const core::Request& r) {
  const double t = now();
  // Below: the time its own sends were out (a retry's delay is the driver's own); for a request working through
  // created requests, from the first of them sent to the last one back.
  const double below = r.children_started > 0 ? (r.sent_s >= 0 ? r.returned_s - r.sent_s : 0.0) : r.below_s;
  const double queue_wait = r.presented_s - r.arrived_s;
  world_.recorder.layer_visited(stats::LayerVisit{model_.index(), r.type, queue_wait,
                                                  (t - r.arrived_s) - queue_wait - below, below, false,
                                                  r.irp->measured});
}

void DriverActor::irp_passed_through(const core::Irp& irp) {
  world_.recorder.layer_visited(stats::LayerVisit{model_.index(), irp.type, 0, 0, 0, true, irp.measured});
}

void DriverActor::trace(core::IrpEventKind kind, const core::Irp& irp, core::NtStatus status,
                        std::uint64_t information, std::uint64_t related) {
  world_.log_related(kind, irp, model_.spec().name, status, information, related);
}

void DriverActor::violation(core::Irp& irp, std::string_view name, std::string detail) {
  irp.where = {core::IrpWhereabouts::Kind::TERMINATED, model_.index()};
  world_.add_violation(irp, std::string(name), model_.spec().name, std::move(detail));
}

void DriverActor::report(const core::Irp& irp, std::string_view name, std::string detail) {
  world_.add_violation(irp, std::string(name), model_.spec().name, std::move(detail));
}

}  // namespace irpsim::engine
