// A workload on top of a stack, acting as the I/O manager: allocates IRPs with the top device's StackSize, fills
// the first stack location, calls the top driver, and takes completed IRPs back. Closed loop: keeps queue_depth
// requests outstanding, with an optional think time between a completion and the next issue. Open loop: issues at
// scheduled arrival times whatever is outstanding; latency counts from the scheduled arrival (no coordinated
// omission). Cancels the share of its requests the scenario asks for (IoCancelIrp a fixed time after issue, if the
// IRP is still outstanding). A trace workload takes its requests from a recorded trace (models::TraceSource):
// open loop at the recorded times, or closed loop. Stops issuing at the scenario's stop rule or the end of its
// trace, and ends when all its IRPs are back.
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
  WorkloadActor(World& world, std::uint32_t index, std::uint32_t top_driver, int top_stack_size, std::uint64_t seed,
                std::uint64_t replication);
  void operator()();
  Inbox<WorkloadMessage>& inbox() { return inbox_; }
  // IRPs issued and not completed (for the end-of-run accounting).
  std::vector<const core::Irp*> outstanding() const;

private:
  // Issues the workload's next request at issued_s; false when a closed trace replay has no more.
  bool issue_next(double issued_s);
  void issue(double issued_s, const models::IssuedRequest& r);
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
  };
  TimerQueue<Timer> timers_;
  std::uint64_t pending_issues_ = 0;  // ISSUE timers not yet fired
  std::deque<core::Irp> pool_;       // stable addresses, reused
  std::vector<char> in_use_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t outstanding_ = 0;
  std::uint64_t next_ordinal_ = 0;
};

}  // namespace irpsim::engine
