// The actor transport: an in-memory FIFO of typed messages per actor, with SimGrid used only to put the receiving
// actor to sleep and wake it (one semaphore). Posting never blocks and costs no simulated time: IoCallDriver and
// completion hand-offs are synchronous calls in Windows, so the simulated delay of a hop is zero; all simulated time
// comes from CPU executions, policy delays and hardware. This replaces a SimGrid mailbox per actor, whose
// communication machinery costs several microseconds of wall time per hop.
// SimGrid runs one actor at a time, so no locking is needed around the deque.
#pragma once
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Semaphore.hpp>

#include <cstdint>
#include <deque>
#include <limits>
#include <utility>

namespace irpsim::engine {

inline constexpr double kNoDeadline = std::numeric_limits<double>::infinity();

template <class Message> class Inbox {
public:
  explicit Inbox(std::uint64_t* hop_counter) : hops_(hop_counter) {}

  void post(Message message) {
    queue_.push_back(std::move(message));
    ++*hops_;
    if (receiver_waiting_) {
      receiver_waiting_ = false;
      wake_->release();
    }
  }

  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }

  Message pop() {
    Message m = std::move(queue_.front());
    queue_.pop_front();
    return m;
  }

  // Blocks the calling actor (the inbox's owner) until a message is posted or the clock reaches `deadline`.
  // May return early (a stale wake-up); callers loop.
  void wait_until(double deadline) {
    if (!queue_.empty())
      return;
    receiver_waiting_ = true;
    if (deadline == kNoDeadline) {
      wake_->acquire();
    } else {
      const double now = simgrid::s4u::Engine::get_clock();
      if (deadline > now)
        wake_->acquire_timeout(deadline - now);
    }
    receiver_waiting_ = false;
  }

private:
  std::deque<Message> queue_;
  simgrid::s4u::SemaphorePtr wake_ = simgrid::s4u::Semaphore::create(0);
  bool receiver_waiting_ = false;
  std::uint64_t* hops_;
};

}  // namespace irpsim::engine
