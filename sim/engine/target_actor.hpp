// The SimGrid shell around one local I/O target: takes WdfRequestSend from its driver and calls the next-lower
// driver; takes the completion walk's arrival at its IoCompletion routine and calls its driver's completion routine.
#pragma once
#include <string>

#include "models/target_model.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class TargetActor {
public:
  TargetActor(World& world, std::uint32_t index, std::string name, std::uint32_t owner_driver,
              std::uint32_t lower_driver)
      : world_(world), name_(std::move(name)), model_(index, owner_driver, lower_driver), inbox_(&world.hops) {}
  void operator()();
  Inbox<TargetMessage>& inbox() { return inbox_; }
  const models::TargetModel& model() const { return model_; }

private:
  void send(core::Request& request);
  void completed(core::Request& request);
  World& world_;
  std::string name_;  // "upper->lower", as in reports
  models::TargetModel model_;
  Inbox<TargetMessage> inbox_;
  TimerQueue<core::Request*> timers_;  // send timeouts arrive with issue 3; empty for now
};

}  // namespace irpsim::engine
