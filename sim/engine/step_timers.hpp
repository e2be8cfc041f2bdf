// The ends of an actor's running CPU steps, as SimGrid kernel timers. A kernel timer's callback runs in the engine's
// own context when the clock reaches its date, so a step's end costs no switch into the actor and back (the dearest
// part of waking an actor). The callback may post messages and arm the actor's own timers (the actor is then woken
// to see them), but never blocks. Timers still pending when the simulation ends are removed: they would carry the
// clock on and run code of actors that are gone.
#pragma once
#include <simgrid/kernel/Timer.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace irpsim::engine {

class StepTimers {
public:
  StepTimers() = default;
  StepTimers(const StepTimers&) = delete;
  StepTimers& operator=(const StepTimers&) = delete;
  ~StepTimers() { cancel_all(); }

  // Runs `on_end` at simulated date `at_s` for step `slot` (a slot has one timer at a time).
  template <class Callback> void start(std::uint32_t slot, double at_s, Callback on_end) {
    if (timers_.size() <= slot)
      timers_.resize(slot + 1, nullptr);
    timers_[slot] = simgrid::kernel::timer::Timer::set(at_s, [this, slot, on_end = std::move(on_end)] {
      timers_[slot] = nullptr;  // the engine deletes a timer once it has run
      on_end();
    });
  }
  void cancel_all() {
    for (auto*& timer : timers_)
      if (timer != nullptr) {
        timer->remove();
        timer = nullptr;
      }
  }

private:
  std::vector<simgrid::kernel::timer::Timer*> timers_;  // per slot; null when the slot's step is not running
};

}  // namespace irpsim::engine
