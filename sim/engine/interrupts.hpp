// Ctrl-C (SIGINT) and SIGTERM during a simulation: instead of SimGrid's handler (which prints the actors and exits),
// a handler that only records the signal; the engine's halt watch sees it at the next time advance and halts the
// run, whose partial results the caller then writes. The handlers are installed for the lifetime of the guard, after
// the SimGrid engine has installed its own, and reset themselves: a second Ctrl-C ends the process at once.
#pragma once
#include <csignal>

namespace irpsim::engine {

class InterruptGuard {
public:
  InterruptGuard();   // installs the handlers and clears the recorded signal
  ~InterruptGuard();  // restores the handlers that were there before
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  // The signal received since construction (SIGINT or SIGTERM), or 0.
  static int received();

private:
  struct sigaction old_int_ {}, old_term_ {};
};

}  // namespace irpsim::engine
