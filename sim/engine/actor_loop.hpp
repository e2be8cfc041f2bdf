// The main loop every actor shares: handle every posted message, fire the timers that are due, then sleep until
// the next message or timer. `keep_going` lets a workload leave the loop; infrastructure actors never do (they are
// daemons, ended by SimGrid when the last workload finishes).
#pragma once

#include "sim/engine/inbox.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

template <class Message, class Payload, class OnMessage, class OnTimer, class KeepGoing>
void run_actor_loop(const Clock& clock, Inbox<Message>& inbox, TimerQueue<Payload>& timers, OnMessage&& on_message,
                    OnTimer&& on_timer, KeepGoing&& keep_going) {
  while (keep_going()) {
    while (!inbox.empty())
      on_message(inbox.pop());
    const double now = clock.now();
    if (timers.due(now)) {
      while (timers.due(now))
        on_timer(timers.pop());
      continue;
    }
    if (!keep_going())
      break;
    inbox.wait_until(timers.next_time(), clock.now());
  }
}

}  // namespace irpsim::engine
