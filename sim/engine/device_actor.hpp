// The SimGrid shell around one hardware device model: starts requests on free channels, sleeps until the next
// finishes, and posts each finished request back to the bus driver that started it (its "interrupt"); answers
// IoCancelIrp when the device is cancelable.
#pragma once
#include "models/device_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class DeviceActor {
public:
  DeviceActor(World& world, std::uint32_t index, std::uint64_t seed, std::uint64_t replication)
      : world_(world), index_(index), model_(world.scenario.devices[index], seed, replication),
        inbox_(&world.hops) {}
  void operator()();
  Inbox<DeviceMessage>& inbox() { return inbox_; }
  const models::DeviceModel& model() const { return model_; }

private:
  void submit(core::Request& request);
  void cancel(core::Irp& irp);
  void complete_cancelled(core::Request& request);
  void started(const models::HardwareJob& job);
  void finished(const models::HardwareJob& job);
  World& world_;
  std::uint32_t index_;
  models::DeviceModel model_;
  Inbox<DeviceMessage> inbox_;
  TimerQueue<models::HardwareJob> timers_;
};

}  // namespace irpsim::engine
