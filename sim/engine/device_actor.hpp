// The SimGrid shell around one hardware device model: starts requests on free channels, sleeps until the next
// finishes, and raises its completion interrupt: on the interrupt core (the core that submitted the request, or the
// scenario's interrupt cores in turn) of the host of the bus driver above, the ISR runs, then the DPC, and the DPC
// hands the request back to the bus driver, whose completion routine (and every one above it in the same walk) runs
// in the DPC's context on that core. Answers IoCancelIrp when the device is cancelable: the cancel routine completes
// the request at once, in the canceller's context, with no interrupt.
#pragma once
#include <vector>

#include "models/device_model.hpp"
#include "models/distribution.hpp"
#include "models/host_cpu.hpp"
#include "models/random.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/step_timers.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class DeviceActor final : public models::StepOwner {
public:
  DeviceActor(World& world, std::uint32_t index, std::uint64_t seed, std::uint64_t replication);
  void operator()();
  Inbox<DeviceMessage>& inbox() { return inbox_; }
  const models::DeviceModel& model() const { return model_; }
  const stats::InterruptTotals& interrupts() const { return interrupts_; }
  // models::StepOwner: an ISR or DPC that waited for its core has started.
  void step_started(std::uint64_t slot, const models::StepTiming& timing) override;
  // Removes the timers of interrupt steps still running (the simulation is over).
  void cancel_steps() { step_timers_.cancel_all(); }

private:
  // A completion interrupt in progress: the finished job, its core, and whether its ISR or its DPC is running.
  struct Interrupt {
    models::HardwareJob job;
    std::uint32_t core = 0;
    bool in_dpc = false;
    bool on_core = false;                   // the running step went through the core's queue (not free and inline)
    double raised_s = 0;
    models::StepTiming timing;
  };

  void submit(core::Request& request);
  void cancel(core::Irp& irp);
  void complete_cancelled(core::Request& request);
  void started(const models::HardwareJob& job);
  void finished(const models::HardwareJob& job);
  // Runs the ISR (then the DPC) of interrupt `slot` on its core; when both have run, the DPC completes the request.
  void run_interrupt_step(std::uint32_t slot);
  void interrupt_step_done(std::uint32_t slot);
  void interrupt_done(std::uint32_t slot);

  World& world_;
  std::uint32_t index_;
  const scenario::DeviceSpec& spec_;
  models::DeviceModel model_;
  Inbox<DeviceMessage> inbox_;
  TimerQueue<models::HardwareJob> timers_;  // the ends of the jobs in service
  StepTimers step_timers_;                   // the ends of running ISRs and DPCs (per interrupt slot)
  models::HostCpu& host_;
  models::Distribution isr_, dpc_;
  models::RandomStream interrupt_rng_;
  std::uint32_t next_interrupt_core_ = 0;  // round robin over spec.interrupt.cores
  std::vector<Interrupt> interrupts_in_progress_;
  std::vector<std::uint32_t> free_interrupts_;
  stats::InterruptTotals interrupts_;
};

}  // namespace irpsim::engine
