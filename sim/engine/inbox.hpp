// The actor transport: an in-memory FIFO of typed messages per actor, each with the execution context it was posted
// in (exec_context.hpp), with SimGrid used only to put the receiving
// actor to sleep and wake it (suspend/resume, plus a kernel timer when it also waits for a deadline). Posting never
// blocks and costs no simulated time: IoCallDriver and completion hand-offs are synchronous calls in Windows, so the
// simulated delay of a hop is zero; all simulated time comes from CPU executions, policy delays, timers and
// hardware. This replaces a SimGrid mailbox per actor, whose communication machinery costs several microseconds of
// wall time per hop. SimGrid runs one actor at a time, so no locking is needed around the deque.
#pragma once
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/kernel/Timer.hpp>

#include <cstdint>
#include <deque>
#include <limits>
#include <utility>

#include "sim/engine/exec_context.hpp"

namespace irpsim::engine {

inline constexpr double kNoDeadline = std::numeric_limits<double>::infinity();

template <class Message> class Inbox {
public:
  struct Entry {
    Message message;
    ExecContext context;                 // the context it was posted in: its handler runs in it
  };
  explicit Inbox(CallTracker* calls) : calls_(calls) {}

  // Posts in the context of the event being handled.
  void post(Message message) { post(std::move(message), calls_->current); }
  void post(Message message, const ExecContext& context) {
    queue_.push_back(Entry{std::move(message), context});
    calls_->hold(context);
    ++calls_->hops;
    if (waiting_ == Waiting::SUSPENDED) {
      waiting_ = Waiting::NO;
      owner_->resume();
    }
  }

  // Wakes the owner if it is waiting, without a message: its timers changed from outside its own context (a CPU
  // step's end, run by the engine, armed one of them).
  void wake() {
    if (waiting_ == Waiting::SUSPENDED) {
      waiting_ = Waiting::NO;
      owner_->resume();
    }
  }

  bool empty() const { return queue_.empty(); }
  std::size_t size() const { return queue_.size(); }

  Entry pop() {
    Entry m = std::move(queue_.front());
    queue_.pop_front();
    return m;
  }

  // Blocks the calling actor (the inbox's owner) until a message is posted or the clock reaches `deadline`.
  // May return early (a stale wake-up); callers loop. The actor suspends itself and a post resumes it: the cheapest
  // wake-up SimGrid has (no activity object, nothing in the resource models); a deadline adds a kernel timer.
  void wait_until(double deadline, double now) {
    if (!queue_.empty() || deadline <= now)
      return;
    if (owner_ == nullptr)
      owner_ = simgrid::s4u::Actor::self();
    waiting_ = Waiting::SUSPENDED;
    if (deadline == kNoDeadline) {
      simgrid::s4u::this_actor::suspend();
    } else {
      // A kernel timer resumes the actor at the deadline unless a post does first. It is removed on every way out
      // of the wait, including SimGrid killing a daemon actor while it is suspended here.
      DeadlineTimer timer(*this, deadline);
      simgrid::s4u::this_actor::suspend();
    }
    waiting_ = Waiting::NO;
  }

private:
  std::deque<Entry> queue_;
  enum class Waiting { NO, SUSPENDED };
  // Resumes the suspended owner at a simulated date (a SimGrid kernel timer: a heap entry, no activity and nothing
  // for the resource models to solve, unlike a semaphore or sleep with a timeout).
  class DeadlineTimer {
  public:
    DeadlineTimer(Inbox& inbox, double date)
        : timer_(simgrid::kernel::timer::Timer::set(date, [this, &inbox] {
            timer_ = nullptr;  // the engine deletes a timer once it has run
            if (inbox.waiting_ == Waiting::SUSPENDED) {
              inbox.waiting_ = Waiting::NO;
              inbox.owner_->resume();
            }
          })) {}
    ~DeadlineTimer() {
      if (timer_ != nullptr)
        timer_->remove();
    }
    DeadlineTimer(const DeadlineTimer&) = delete;
    DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  private:
    simgrid::kernel::timer::Timer* timer_;
  };
  Waiting waiting_ = Waiting::NO;
  simgrid::s4u::Actor* owner_ = nullptr;  // set at the first wait; the inbox's actor outlives the inbox's use
  CallTracker* calls_;
};

}  // namespace irpsim::engine
