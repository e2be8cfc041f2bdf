#include "sim/engine/device_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

DeviceActor::DeviceActor(World& world, std::uint32_t index, std::uint64_t seed, std::uint64_t replication)
    : world_(world),
      index_(index),
      spec_(world.scenario.devices[index]),
      model_(spec_, seed, replication),
      inbox_(&world.calls),
      host_(world.hosts[spec_.host]),
      isr_(spec_.interrupt.isr),
      dpc_(spec_.interrupt.dpc),
      interrupt_rng_(seed, replication, "device/" + spec_.name + "/interrupt") {}

void DeviceActor::operator()() {
  run_actor_loop(
      world_, inbox_, timers_,
      [this](DeviceMessage&& message) {
        std::visit(Overloaded{[this](HardwareSubmit& m) { submit(*m.request); },
                              [this](CancelIrp& m) { cancel(*m.irp); }},
                   message);
      },
      [this](const models::HardwareJob& job) { finished(job); },
      [] { return true; });
}

void DeviceActor::submit(core::Request& request) {
  const double now = world_.clock.now();
  if (request.irp->cancel && model_.cancelable()) {
    // A cancelable device checks the Cancel bit when it takes the request: already cancelled, done at once.
    complete_cancelled(request);
    return;
  }
  if (auto job = model_.arrive(request, now))
    started(*job);
}

void DeviceActor::cancel(core::Irp& irp) {
  models::HardwareJob job;
  const double now = world_.clock.now();
  switch (model_.cancel(irp, &job)) {
    case models::DeviceModel::CancelResult::CANCELLED_WAITING:
      // Its wait counts in the breakdown; it was never served.
      world_.recorder.device_visited(
          stats::DeviceVisit{index_, job.request->type, now - job.arrived_s, 0.0, 0.0, job.request->irp->measured});
      complete_cancelled(*job.request);
      return;
    case models::DeviceModel::CancelResult::CANCELLED_IN_SERVICE:
      // Served until the cancel: that part of the service counts, and so does the channel it held.
      world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                        now - job.started_s, 0.0, job.request->irp->measured});
      complete_cancelled(*job.request);
      if (auto next = model_.channel_freed(now))
        started(*next);
      return;
    case models::DeviceModel::CancelResult::NOT_CANCELABLE:
      return;  // no cancel routine: only the Cancel bit is set
    case models::DeviceModel::CancelResult::NOT_HERE:
      if (irp.where.kind != core::IrpWhereabouts::Kind::DEVICE)
        world_.route_cancel(irp);  // it moved on while the cancel was on its way
      return;
  }
}

void DeviceActor::complete_cancelled(core::Request& request) {
  world_.log(core::IrpEventKind::HARDWARE_DONE, *request.irp, spec_.name, core::STATUS_CANCELLED, 0);
  world_.drivers[request.driver]->inbox().post(HardwareCompletion{&request, core::STATUS_CANCELLED, 0});
}

void DeviceActor::started(const models::HardwareJob& job) {
  world_.log(core::IrpEventKind::HARDWARE_STARTED, *job.request->irp, spec_.name);
  timers_.schedule(job.finishes_s(), job);
}

void DeviceActor::finished(const models::HardwareJob& job) {
  if (!model_.finish(job))
    return;  // cancelled while in service: completed and its channel freed then
  const double now = world_.clock.now();
  world_.log(core::IrpEventKind::HARDWARE_DONE, *job.request->irp, spec_.name, job.status, job.information);
  if (auto next = model_.channel_freed(now))
    started(*next);
  // The completion interrupt.
  const auto& interrupt = spec_.interrupt;
  ++interrupts_.interrupts;
  if (world_.cpu_free) {
    // Nothing costs CPU: the ISR and DPC run at once; the bus driver's completion goes on in the device's context.
    world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                      job.service_s, 0.0, job.request->irp->measured});
    world_.drivers[job.request->driver]->inbox().post(HardwareCompletion{job.request, job.status, job.information});
    return;
  }
  std::uint32_t core = job.request->core;
  if (!interrupt.submitting_core) {
    core = static_cast<std::uint32_t>(interrupt.cores[next_interrupt_core_]);
    next_interrupt_core_ = (next_interrupt_core_ + 1) % static_cast<std::uint32_t>(interrupt.cores.size());
  }
  std::uint32_t slot;
  if (free_interrupts_.empty()) {
    slot = static_cast<std::uint32_t>(interrupts_in_progress_.size());
    interrupts_in_progress_.emplace_back();
  } else {
    slot = free_interrupts_.back();
    free_interrupts_.pop_back();
  }
  interrupts_in_progress_[slot] = Interrupt{job, core % host_.cores(), false, false, now, {}};
  run_interrupt_step(slot);
}

void DeviceActor::run_interrupt_step(std::uint32_t slot) {
  Interrupt& in = interrupts_in_progress_[slot];
  const double now = world_.clock.now();
  const models::Distribution& cost = in.in_dpc ? dpc_ : isr_;
  const double cost_s = cost.is_constant_zero() ? 0.0 : host_.on_host(cost.sample(interrupt_rng_));
  in.on_core = !(cost_s == 0 && host_.idle(in.core, now));
  if (!in.on_core) {
    in.timing = models::StepTiming{now, now, 0, now};
    interrupt_step_done(slot);
    return;
  }
  models::StepTiming timing;
  const auto work = in.in_dpc ? models::CpuWork::DPC : models::CpuWork::ISR;
  if (host_.submit(models::CpuStep{work, in.core, cost_s, {}, this, slot}, now, &timing))
    step_started(slot, timing);
}

void DeviceActor::step_started(std::uint64_t slot, const models::StepTiming& timing) {
  const auto s = static_cast<std::uint32_t>(slot);
  interrupts_in_progress_[s].timing = timing;
  if (world_.workloads_running == 0)
    return;  // the simulation is over: nothing may run later (the actors are being killed)
  step_timers_.start(s, timing.finished_s, [this, s] {
    const ExecContext outer = world_.calls.current;
    world_.calls.current = ExecContext{interrupts_in_progress_[s].core, ExecContext::kNoThread};
    interrupt_step_done(s);
    world_.calls.current = outer;
  });
}

void DeviceActor::interrupt_step_done(std::uint32_t slot) {
  Interrupt& in = interrupts_in_progress_[slot];
  const double now = world_.clock.now();
  if (in.on_core)
    host_.finish(in.core, now);  // the step held the core: the next one waiting for it starts now
  interrupts_.core_wait_s += in.timing.core_wait_s();
  (in.in_dpc ? interrupts_.dpc_s : interrupts_.isr_s) += in.timing.cpu_s();
  if (!in.in_dpc) {
    in.in_dpc = true;  // the ISR queued its DPC on the same core
    run_interrupt_step(slot);
    return;
  }
  interrupt_done(slot);
}

void DeviceActor::interrupt_done(std::uint32_t slot) {
  const Interrupt in = interrupts_in_progress_[slot];
  free_interrupts_.push_back(slot);
  const double now = world_.clock.now();
  const models::HardwareJob& job = in.job;
  world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                    job.service_s, now - in.raised_s, job.request->irp->measured});
  // The DPC calls the bus driver's completion: everything it runs, runs in the DPC on the interrupt core.
  world_.drivers[job.request->driver]->inbox().post(HardwareCompletion{job.request, job.status, job.information},
                                                    ExecContext{in.core, ExecContext::kNoThread});
}

}  // namespace irpsim::engine
