#include "sim/engine/device_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

void DeviceActor::operator()() {
  run_actor_loop(
      world_.clock, inbox_, timers_,
      [this](DeviceMessage&& message) {
        std::visit(Overloaded{[this](HardwareSubmit& m) { submit(*m.request); },
                              [this](CancelIrp& m) { cancel(*m.irp); }},
                   message);
      },
      [this](const models::HardwareJob& job) { finished(job); }, [] { return true; });
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
          stats::DeviceVisit{index_, job.request->type, now - job.arrived_s, 0.0, job.request->irp->measured});
      complete_cancelled(*job.request);
      return;
    case models::DeviceModel::CancelResult::CANCELLED_IN_SERVICE:
      // Served until the cancel: that part of the service counts, and so does the channel it held.
      world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                        now - job.started_s, job.request->irp->measured});
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
  world_.log(core::IrpEventKind::HARDWARE_DONE, *request.irp, world_.scenario.devices[index_].name,
             core::STATUS_CANCELLED, 0);
  world_.drivers[request.driver]->inbox().post(HardwareCompletion{&request, core::STATUS_CANCELLED, 0});
}

void DeviceActor::started(const models::HardwareJob& job) {
  world_.log(core::IrpEventKind::HARDWARE_STARTED, *job.request->irp, world_.scenario.devices[index_].name);
  timers_.schedule(job.finishes_s(), job);
}

void DeviceActor::finished(const models::HardwareJob& job) {
  if (!model_.finish(job))
    return;  // cancelled while in service: completed and its channel freed then
  const double now = world_.clock.now();
  world_.log(core::IrpEventKind::HARDWARE_DONE, *job.request->irp, world_.scenario.devices[index_].name, job.status,
             job.information);
  world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                    job.service_s, job.request->irp->measured});
  world_.drivers[job.request->driver]->inbox().post(HardwareCompletion{job.request, job.status, job.information});
  if (auto next = model_.channel_freed(now))
    started(*next);
}

}  // namespace irpsim::engine
