#include "sim/engine/workload_actor.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor_loop.hpp"
#include "sim/engine/driver_actor.hpp"

namespace irpsim::engine {

namespace sg4 = simgrid::s4u;

WorkloadActor::WorkloadActor(World& world, std::uint32_t index, std::uint32_t top_driver, int top_stack_size,
                             std::uint64_t seed, std::uint64_t replication)
    : world_(world),
      spec_(world.scenario.workloads[index]),
      index_(index),
      top_driver_(top_driver),
      top_stack_size_(top_stack_size),
      model_(spec_, seed, replication),
      inbox_(&world.calls) {
  if (spec_.trace)
    trace_.emplace(*spec_.trace);  // here, not in the actor's body: a TraceFileError reaches simulate()'s caller
  const auto host_cores = static_cast<std::uint32_t>(world.scenario.hosts[spec_.host].cores);
  first_thread_ = static_cast<std::uint32_t>(world.thread_workload.size());
  for (std::uint32_t i = 0; i < spec_.threads; ++i) {
    Thread t;
    t.global = first_thread_ + i;
    t.core = spec_.cpus.empty() ? i % host_cores : static_cast<std::uint32_t>(spec_.cpus[i % spec_.cpus.size()]);
    threads_.push_back(std::move(t));
    world.thread_workload.push_back(index);
    world.calls.add_thread();
  }
}

void WorkloadActor::operator()() {
  if (scenario::is_closed_loop(spec_.kind)) {
    for (Thread& t : threads_)
      t.owed = spec_.queue_depth;
    for (std::uint32_t t = 0; t < threads_.size(); ++t)
      try_issue(t);
  } else {
    schedule_next_arrival();
  }
  run_actor_loop(
      world_, inbox_, timers_,
      [this](WorkloadMessage&& message) {
        std::visit(Overloaded{[this](IrpDone& m) { completed(*m.irp); }, [](CreatedIrpsDrained&) {},
                              [](HaltRequested&) {}},
                   message);
      },
      [this](const Timer& timer) {
        if (timer.irp != nullptr) {
          if (in_use_[timer.irp->pool_slot] && timer.irp->id() == timer.irp_id && !timer.irp->done())
            world_.cancel_irp(*timer.irp, spec_.name);
          return;
        }
        if (scenario::is_closed_loop(spec_.kind)) {
          // A think time is over: the thread owes one more request.
          --pending_issues_;
          ++threads_[timer.thread].owed;
          try_issue(timer.thread);
          return;
        }
        if (!world_.issue.may_issue(timer.scheduled_s)) {
          --pending_issues_;
          return;
        }
        const std::uint32_t t = next_thread_;
        next_thread_ = (next_thread_ + 1) % static_cast<std::uint32_t>(threads_.size());
        threads_[t].arrivals.push_back(Arrival{timer.scheduled_s, scheduled_request_});
        try_issue(t);  // first: the stop rule then counts this request when the next arrival is scheduled
        schedule_next_arrival();
      },
      [this] { return keep_going(); });
  world_.workload_finished();
}

void WorkloadActor::try_issue(std::uint32_t t) {
  Thread& thread = threads_[t];
  if (thread.busy)
    return;
  if (scenario::is_closed_loop(spec_.kind)) {
    const double now = world_.clock.now();
    if (thread.owed == 0 || !world_.issue.may_issue(now))
      return;
    --thread.owed;
    if (!issue_next(now, t))
      thread.owed = 0;  // the trace has no more requests
    return;
  }
  if (thread.first == thread.arrivals.size())
    return;
  if (!world_.issue.may_issue(thread.arrivals[thread.first].scheduled_s)) {
    // The stop rule was reached while these waited for the thread: they are never issued.
    pending_issues_ -= thread.arrivals.size() - thread.first;
    thread.arrivals.clear();
    thread.first = 0;
    return;
  }
  const Arrival arrival = thread.arrivals[thread.first++];
  if (thread.first == thread.arrivals.size()) {
    thread.arrivals.clear();
    thread.first = 0;
  } else if (thread.first >= 1024 && 2 * thread.first >= thread.arrivals.size()) {
    // A thread that never catches up: drop the issued half, so memory follows the arrivals waiting.
    thread.arrivals.erase(thread.arrivals.begin(), thread.arrivals.begin() + static_cast<std::ptrdiff_t>(thread.first));
    thread.first = 0;
  }
  --pending_issues_;
  issue(arrival.scheduled_s, trace_ ? arrival.request : model_.next_request(), t);
}

void WorkloadActor::call_returned(std::uint32_t global_thread) {
  Thread& thread = threads_[global_thread - first_thread_];
  thread.busy = false;
  --busy_threads_;
  if (thread.irp != nullptr && in_use_[thread.irp->pool_slot] && thread.irp->id() == thread.irp_id)
    thread.irp->call_returned_s = world_.clock.now();
  thread.irp = nullptr;
  const double next_timer = timers_.next_time();
  try_issue(global_thread - first_thread_);
  if (timers_.next_time() < next_timer || !keep_going())
    inbox_.wake();  // asleep until a later deadline, or with nothing left to wait for
}

// Cancel timers of IRPs that completed do not keep the workload (and the simulation) going; a halt ends it.
bool WorkloadActor::keep_going() const {
  return !world_.halted() &&
         (outstanding_ > 0 || pending_issues_ > 0 || busy_threads_ > 0 || world_.created_irps_outstanding > 0);
}

void WorkloadActor::schedule_next_arrival() {
  double at;
  if (trace_) {
    auto next = trace_->next();
    if (!next)
      return;  // the trace has no more requests
    at = next->issue_time_s;
    scheduled_request_ = next->request;
  } else {
    at = model_.next_arrival_s();
  }
  if (world_.issue.may_issue(at)) {
    timers_.schedule(at, Timer{at});
    ++pending_issues_;
  }
}

core::Irp& WorkloadActor::allocate_irp() {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(pool_.size());
    pool_.emplace_back();
    in_use_.push_back(0);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  in_use_[slot] = 1;
  core::Irp& irp = pool_[slot];
  irp.pool_slot = slot;
  return irp;
}

bool WorkloadActor::issue_next(double issued_s, std::uint32_t t) {
  if (!trace_) {
    issue(issued_s, model_.next_request(), t);
  } else {
    auto next = trace_->next();
    if (!next)
      return false;
    issue(issued_s, next->request, t);
  }
  return true;
}

void WorkloadActor::issue(double issued_s, const models::IssuedRequest& r, std::uint32_t t) {
  const IssueControl::Ticket ticket = world_.issue.take(issued_s);
  core::Irp& irp = allocate_irp();
  irp.allocate(ticket.irp_id, top_stack_size_, core::StackLocation{r.type, r.length, r.offset, r.ioctl_code, {}});
  irp.type = r.type;
  irp.length = r.length;
  irp.offset = r.offset;
  irp.workload = index_;
  irp.submission_ordinal = next_ordinal_++;
  irp.issued_s = issued_s;
  irp.called_s = world_.clock.now();
  irp.call_returned_s = -1;
  irp.thread = t;
  irp.measured = ticket.measured;
  ++outstanding_;
  if (++world_.requests_in_flight > world_.max_requests_in_flight && world_.max_requests_in_flight != 0)
    world_.request_halt(Halt::IN_FLIGHT_LIMIT,
                        "more than " + std::to_string(world_.max_requests_in_flight) +
                            " requests were in flight at once (limits.requests_in_flight): the stack cannot keep up "
                            "with the workload");
  world_.recorder.irp_issued(index_, irp.submission_ordinal, issued_s, irp.measured);
  world_.log(core::IrpEventKind::ISSUED, irp, spec_.name);
  if (model_.cancels_next())
    timers_.schedule(issued_s + spec_.cancel_after_s, Timer{0, &irp, irp.id()});
  const bool called = irp.call_driver();  // IoCallDriver(top device): the first location becomes current
  (void)called;                           // a fresh IRP always has its first location
  irp.where = {core::IrpWhereabouts::Kind::DRIVER_QUEUE, top_driver_};
  // The thread's IoCallDriver: the top driver's dispatch runs on the thread's core, in its call.
  Thread& thread = threads_[t];
  thread.busy = true;
  ++busy_threads_;
  thread.irp = &irp;
  thread.irp_id = irp.id();
  world_.drivers[top_driver_]->inbox().post(IrpArrival{&irp}, ExecContext{thread.core, thread.global});
}

void WorkloadActor::completed(core::Irp& irp) {
  const double now = world_.clock.now();
  world_.log(core::IrpEventKind::IRP_COMPLETED, irp, spec_.name);
  // Completed inside the call: the submission ends here (fio's clat is then 0).
  const double submitted = irp.call_returned_s >= 0 ? irp.call_returned_s : now;
  world_.recorder.irp_completed(stats::IrpCompletion{index_, irp.type, irp.length, irp.io_status.status,
                                                     irp.io_status.information, irp.issued_s, submitted, now,
                                                     irp.submission_ordinal, irp.measured,
                                                     irp.called_s - irp.issued_s});
  in_use_[irp.pool_slot] = 0;
  free_slots_.push_back(irp.pool_slot);
  --outstanding_;
  --world_.requests_in_flight;
  if (scenario::is_closed_loop(spec_.kind) && world_.issue.may_issue(now)) {
    const std::uint32_t t = irp.thread;
    if (model_.thinks()) {
      const double at = now + model_.next_think_time_s();
      timers_.schedule(at, Timer{at, nullptr, 0, t});
      ++pending_issues_;
    } else {
      ++threads_[t].owed;
      try_issue(t);
    }
  }
}

std::vector<const core::Irp*> WorkloadActor::outstanding() const {
  std::vector<const core::Irp*> out;
  for (std::size_t i = 0; i < pool_.size(); ++i)
    if (in_use_[i])
      out.push_back(&pool_[i]);
  return out;
}

}  // namespace irpsim::engine
