// The main loop every actor shares: handle every posted message in the context it was posted in, fire the timers
// that are due, then sleep until the next message or timer. `keep_going` lets a workload leave the loop;
// infrastructure actors never do (they are daemons, ended by SimGrid when the last workload finishes).
// A timer's handler starts with no thread's call and core 0; handlers that know better (a CPU step's end, a driver
// timer armed on a core) set World::calls.current themselves.
#pragma once

#include "sim/engine/inbox.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

template <class Message, class Payload, class OnMessage, class OnTimer, class KeepGoing>
void run_actor_loop(World& world, Inbox<Message>& inbox, TimerQueue<Payload>& timers, OnMessage&& on_message,
                    OnTimer&& on_timer, KeepGoing&& keep_going) {
  while (keep_going()) {
    while (!inbox.empty()) {
      auto entry = inbox.pop();
      world.calls.current = entry.context;
      on_message(std::move(entry.message));
      world.release(entry.context);
    }
    const double now = world.clock.now();
    if (timers.due(now)) {
      while (timers.due(now)) {
        world.calls.current = ExecContext{};
        on_timer(timers.pop());
      }
      continue;
    }
    if (!keep_going())
      break;
    inbox.wait_until(timers.next_time(), world.clock.now());
  }
}

}  // namespace irpsim::engine
