#include "sim/engine/device_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

void DeviceActor::operator()() {
  run_actor_loop(
      inbox_, timers_,
      [this](DeviceMessage&& message) {
        std::visit(Overloaded{[this](HardwareSubmit& m) {
                     if (auto job = model_.arrive(*m.request, simgrid::s4u::Engine::get_clock()))
                       started(*job);
                   }},
                   message);
      },
      [this](const models::HardwareJob& job) { finished(job); }, [] { return true; });
}

void DeviceActor::started(const models::HardwareJob& job) {
  world_.log(core::IrpEventKind::HARDWARE_STARTED, *job.request->irp, world_.scenario.devices[index_].name);
  timers_.schedule(job.finishes_s(), job);
}

void DeviceActor::finished(const models::HardwareJob& job) {
  const double now = simgrid::s4u::Engine::get_clock();
  world_.log(core::IrpEventKind::HARDWARE_DONE, *job.request->irp, world_.scenario.devices[index_].name, job.status,
             job.information);
  world_.recorder.device_visited(stats::DeviceVisit{index_, job.request->type, job.started_s - job.arrived_s,
                                                    job.service_s, job.request->irp->measured});
  world_.drivers[job.request->driver]->inbox().post(HardwareCompletion{job.request, job.status, job.information});
  if (auto next = model_.channel_freed(now))
    started(*next);
}

}  // namespace irpsim::engine
