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
      model_(index, world.scenario.drivers[index], std::move(targets), world.scenario.verifier, *this,
             world.scenario.seed, world.replication),
      inbox_(&world.calls),
      host_(world.hosts[world.scenario.drivers[index].host]) {}

void DriverActor::operator()() {
  run_actor_loop(
      world_, inbox_, timers_,
      [this](DriverMessage&& message) {
        std::visit(Overloaded{
                       [this](IrpArrival& m) { model_.irp_arrived(*m.irp); },
                       [this](SendCompletion& m) { model_.send_completed(*m.request); },
                       [this](HardwareCompletion& m) { model_.hardware_done(*m.request, m.status, m.information); },
                       [this](CancelIrp& m) { cancel(*m.irp); },
                   },
                   message);
      },
      [this](const Timer& timer) {
        world_.calls.current = ExecContext{timer.core, ExecContext::kNoThread};
        model_.timer_fired(timer.timer);
      },
      [] { return true; });
}

void DriverActor::cpu_step(const models::DriverStep& step, double cost_s, std::vector<models::LockTake> locks) {
  const ExecContext context = world_.calls.current;
  const std::uint32_t core = context.core % host_.cores();
  const double now = world_.clock.now();
  const double cost = host_.on_host(cost_s);
  if (cost == 0 && locks.empty() && host_.idle(core, now)) {
    // Free code on a free core: no time passes, the driver goes on at once (and a scenario without CPU costs runs
    // exactly as it would without a CPU model).
    const models::StepTiming timing{now, now, 0, now};
    account(step, timing);
    model_.step_done(step, timing);
    return;
  }
  for (models::LockTake& take : locks)
    take.hold_s = host_.on_host(take.hold_s);
  std::uint32_t slot;
  if (free_steps_.empty()) {
    slot = static_cast<std::uint32_t>(running_.size());
    running_.emplace_back();
  } else {
    slot = free_steps_.back();
    free_steps_.pop_back();
  }
  running_[slot] = RunningStep{step, context, core, {}};
  world_.calls.hold(context);  // the step is part of the call it runs in
  const auto work = step.kind == models::DriverStep::Kind::DISPATCH ? models::CpuWork::DISPATCH
                                                                    : models::CpuWork::COMPLETION;
  models::StepTiming timing;
  if (host_.submit(models::CpuStep{work, core, cost, std::move(locks), this, slot}, now, &timing))
    step_started(slot, timing);
}

void DriverActor::step_started(std::uint64_t slot, const models::StepTiming& timing) {
  const auto s = static_cast<std::uint32_t>(slot);
  running_[s].timing = timing;
  if (world_.workloads_running == 0)
    return;  // the simulation is over: nothing may run later (the actors are being killed)
  step_timers_.start(s, timing.finished_s, [this, s] { step_finished(s); });
}

void DriverActor::step_finished(std::uint32_t slot) {
  const RunningStep running = running_[slot];
  free_steps_.push_back(slot);
  const ExecContext outer = world_.calls.current;
  const bool nested = in_step_end_;
  in_step_end_ = true;
  world_.calls.current = running.context;
  host_.finish(running.core, world_.clock.now());  // the next step waiting for this core starts now
  account(running.step, running.timing);
  model_.step_done(running.step, running.timing);
  world_.release(running.context);
  world_.calls.current = outer;
  in_step_end_ = nested;
}

void DriverActor::account(const models::DriverStep& step, const models::StepTiming& timing) {
  stats::StepTotals& t = step.kind == models::DriverStep::Kind::DISPATCH ? cpu_.dispatch : cpu_.completion;
  ++t.steps;
  t.cpu_s += timing.cpu_s();
  t.core_wait_s += timing.core_wait_s();
  t.spin_s += timing.spin_s;
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
  request.core = world_.calls.current.core;  // where the device interrupts by default (storport with MSI-X)
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
  timers_.schedule(now() + delay_s, Timer{timer, world_.calls.current.core});
  if (in_step_end_)
    inbox_.wake();  // the actor may be asleep until a later deadline: it must see this timer
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
                                                  (t - r.arrived_s) - queue_wait - below, below, r.core_wait_s,
                                                  r.spin_s, r.cpu_s, false, r.irp->measured});
}

void DriverActor::irp_passed_through(const core::Irp& irp) {
  world_.recorder.layer_visited(stats::LayerVisit{model_.index(), irp.type, 0, 0, 0, 0, 0, 0, true, irp.measured});
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
