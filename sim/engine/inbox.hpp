// The actor transport: an in-memory FIFO of typed messages per actor, with SimGrid used only to put the receiving
// actor to sleep and wake it (suspend/resume, or a semaphore when it also waits for a timer). Posting never blocks
// and costs no simulated time: IoCallDriver and completion hand-offs are synchronous calls in Windows, so the
// simulated delay of a hop is zero; all simulated time comes from CPU executions, policy delays, timers and
// hardware. This replaces a SimGrid mailbox per actor, whose communication machinery costs several microseconds of
// wall time per hop. SimGrid runs one actor at a time, so no locking is needed around the deque.
#pragma once
#include <simgrid/s4u/Actor.hpp>
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
    switch (waiting_) {
      case Waiting::SUSPENDED:
        waiting_ = Waiting::NO;
        owner_->resume();
        break;
      case Waiting::ON_SEMAPHORE:
        waiting_ = Waiting::NO;
        wake_->release();
        break;
      case Waiting::NO:
        break;
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
  // May return early (a stale wake-up); callers loop. Without a deadline the actor suspends itself and a post
  // resumes it: the cheapest wake-up SimGrid has (no activity object, no timer in the model). With a deadline it
  // waits on its semaphore with a timeout.
  void wait_until(double deadline, double now) {
    if (!queue_.empty())
      return;
    if (deadline == kNoDeadline) {
      if (owner_ == nullptr)
        owner_ = simgrid::s4u::Actor::self();
      waiting_ = Waiting::SUSPENDED;
      simgrid::s4u::this_actor::suspend();
    } else {
      if (deadline > now) {
        waiting_ = Waiting::ON_SEMAPHORE;
        wake_->acquire_timeout(deadline - now);
      }
    }
    waiting_ = Waiting::NO;
  }

private:
  std::deque<Message> queue_;
  enum class Waiting { NO, SUSPENDED, ON_SEMAPHORE };
  simgrid::s4u::SemaphorePtr wake_ = simgrid::s4u::Semaphore::create(0);
  Waiting waiting_ = Waiting::NO;
  simgrid::s4u::Actor* owner_ = nullptr;  // set at the first wait; the inbox's actor outlives the inbox's use
  std::uint64_t* hops_;
};

}  // namespace irpsim::engine
