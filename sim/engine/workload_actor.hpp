// A workload on top of a stack, acting as the I/O manager: allocates IRPs with the top device's StackSize, fills
// the first stack location, calls the top driver, and takes completed IRPs back. Closed loop: keeps queue_depth
// requests outstanding, with an optional think time between a completion and the next issue. Open loop: issues at
// scheduled arrival times whatever is outstanding; latency counts from the scheduled arrival (no coordinated
// omission). Cancels the share of its requests the scenario asks for (IoCancelIrp a fixed time after issue, if the
// IRP is still outstanding). A trace workload takes its requests from a recorded trace (models::TraceSource):
// open loop at the recorded times, or closed loop. Stops issuing at the scenario's stop rule or the end of its
// trace, and ends when all its IRPs are back.
// Requests are submitted by the workload's threads, each on a core of the workload's host: a thread calls the top
// driver in its own context (exec_context.hpp) and is busy until that call returns, so it issues one request at a
// time; a closed loop keeps queue_depth requests outstanding per thread, an open loop or a recorded replay gives its
// arrivals to the threads in turn, and an arrival for a busy thread waits for it (its latency still counts from the
// scheduled arrival).
#pragma once
#include <deque>
#include <optional>
#include <vector>

#include "models/trace_source.hpp"
#include "models/workload_model.hpp"
#include "sim/core/irp.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/messages.hpp"
#include "sim/engine/timer_queue.hpp"
#include "sim/engine/world.hpp"

namespace irpsim::engine {

class WorkloadActor {
public:
  // Registers the workload's threads in world.calls and world.thread_workload.
  WorkloadActor(World& world, std::uint32_t index, std::uint32_t top_driver, int top_stack_size, std::uint64_t seed,
                std::uint64_t replication);
  void operator()();
  Inbox<WorkloadMessage>& inbox() { return inbox_; }
  // Thread `global_thread`'s IoCallDriver returned (World::release, from whichever actor or engine callback handled
  // the last part of the call): the thread is free, and issues what it owes. Wakes the actor if it must see a new
  // timer or leave its loop.
  void call_returned(std::uint32_t global_thread);
  // IRPs issued and not completed (for the end-of-run accounting).
  std::vector<const core::Irp*> outstanding() const;

private:
  struct Arrival {
    double scheduled_s = 0;
    models::IssuedRequest request;       // recorded replays: the request; others draw theirs at issue
  };
  struct Thread {
    std::uint32_t global = 0;            // index among all threads (World::thread_workload)
    std::uint32_t core = 0;
    bool busy = false;                   // its IoCallDriver has not returned yet
    core::Irp* irp = nullptr;            // the IRP of that call, and its id (pool slots are reused)
    std::uint64_t irp_id = 0;
    std::uint32_t owed = 0;              // closed loops: requests to issue when free
    // Open loops: arrivals waiting for the thread, from arrivals[first] on. A vector, not a deque: a thread that never
    // waits costs no allocation (a deque allocates when constructed, and a workload may have 65,536 threads).
    std::vector<Arrival> arrivals;
    std::size_t first = 0;
  };
  // Issues what thread t has to issue while it is free.
  void try_issue(std::uint32_t t);
  bool keep_going() const;
  // Closed loops: issues the next request at issued_s from thread t; false when a trace has no more.
  bool issue_next(double issued_s, std::uint32_t t);
  void issue(double issued_s, const models::IssuedRequest& r, std::uint32_t t);
  void completed(core::Irp& irp);
  void schedule_next_arrival();
  core::Irp& allocate_irp();

  World& world_;
  const scenario::WorkloadSpec& spec_;
  std::uint32_t index_;
  std::uint32_t top_driver_;
  int top_stack_size_;
  models::WorkloadModel model_;
  std::optional<models::TraceSource> trace_;          // trace workloads
  models::IssuedRequest scheduled_request_;           // a recorded replay's request for its pending ISSUE timer
  Inbox<WorkloadMessage> inbox_;
  struct Timer {
    double scheduled_s = 0;          // ISSUE: the scheduled issue time
    core::Irp* irp = nullptr;        // CANCEL: the IRP to cancel if it is still outstanding ...
    std::uint64_t irp_id = 0;        // ... and still the same IRP (pool slots are reused)
    std::uint32_t thread = 0;        // ISSUE of a closed loop's think time: the thread that thinks
  };
  TimerQueue<Timer> timers_;
  std::uint64_t pending_issues_ = 0;  // ISSUE timers not yet fired, and arrivals waiting for their thread
  std::vector<Thread> threads_;
  std::uint32_t first_thread_ = 0;    // global index of threads_[0]
  std::uint32_t next_thread_ = 0;     // open loops: the thread the next arrival goes to
  std::uint32_t busy_threads_ = 0;
  std::deque<core::Irp> pool_;       // stable addresses, reused
  std::vector<char> in_use_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t outstanding_ = 0;
  std::uint64_t next_ordinal_ = 0;
};

}  // namespace irpsim::engine
