// Where the code an event runs executes: a core of the host (the submitting thread's core down a synchronous call
// chain, the interrupt core in a DPC) and, while it is part of a submitting thread's IoCallDriver, which thread.
// Every message and CPU step carries the context it was posted or submitted in, and a thread's call is in progress
// while anything carrying it is: CallTracker counts those, and the call returns (the thread is free, the request's
// submission latency ends) when the count falls to zero.
#pragma once
#include <cstdint>
#include <vector>

namespace irpsim::engine {

struct ExecContext {
  static constexpr std::uint32_t kNoThread = UINT32_MAX;
  std::uint32_t core = 0;                // index of a core of the host the code runs on (taken modulo its cores)
  std::uint32_t thread = kNoThread;      // the submitting thread whose call this is part of, if any
};

class CallTracker {
public:
  // The context of the event being handled: actors run one at a time and a handler never blocks, so one value
  // serves every actor.
  ExecContext current;
  std::uint64_t hops = 0;

  void add_thread() { in_progress_.push_back(0); }
  void hold(const ExecContext& c) {
    if (c.thread != ExecContext::kNoThread)
      ++in_progress_[c.thread];
  }
  // True when this was the last thing the thread's call was waiting for: the call has returned.
  [[nodiscard]] bool release(const ExecContext& c) {
    return c.thread != ExecContext::kNoThread && --in_progress_[c.thread] == 0;
  }

private:
  std::vector<std::uint32_t> in_progress_;  // per thread: messages and CPU steps carrying its call
};

}  // namespace irpsim::engine
