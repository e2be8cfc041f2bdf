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
      inbox_(&world.hops) {
  if (spec_.trace)
    trace_.emplace(*spec_.trace);  // here, not in the actor's body: a TraceFileError reaches simulate()'s caller
}

void WorkloadActor::operator()() {
  if (scenario::is_closed_loop(spec_.kind)) {
    for (std::uint32_t i = 0; i < spec_.queue_depth && world_.issue.may_issue(0.0); ++i)
      if (!issue_next(0.0))
        break;
  } else {
    schedule_next_arrival();
  }
  run_actor_loop(
      world_.clock, inbox_, timers_,
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
        --pending_issues_;
        if (!world_.issue.may_issue(timer.scheduled_s))
          return;
        issue_next(timer.scheduled_s);
        if (!scenario::is_closed_loop(spec_.kind))
          schedule_next_arrival();
      },
      // Cancel timers of IRPs that completed do not keep the workload (and the simulation) going; a halt ends it.
      [this] {
        return !world_.halted() &&
               (outstanding_ > 0 || pending_issues_ > 0 || world_.created_irps_outstanding > 0);
      });
  world_.workload_finished();
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

bool WorkloadActor::issue_next(double issued_s) {
  if (!trace_) {
    issue(issued_s, model_.next_request());
  } else if (scenario::is_closed_loop(spec_.kind)) {
    auto next = trace_->next();
    if (!next)
      return false;
    issue(issued_s, next->request);
  } else {
    issue(issued_s, scheduled_request_);
  }
  return true;
}

void WorkloadActor::issue(double issued_s, const models::IssuedRequest& r) {
  const IssueControl::Ticket ticket = world_.issue.take(issued_s);
  core::Irp& irp = allocate_irp();
  irp.allocate(ticket.irp_id, top_stack_size_, core::StackLocation{r.type, r.length, r.offset, r.ioctl_code, {}});
  irp.type = r.type;
  irp.length = r.length;
  irp.offset = r.offset;
  irp.workload = index_;
  irp.submission_ordinal = next_ordinal_++;
  irp.issued_s = issued_s;
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
  world_.drivers[top_driver_]->inbox().post(IrpArrival{&irp});
}

void WorkloadActor::completed(core::Irp& irp) {
  const double now = world_.clock.now();
  world_.log(core::IrpEventKind::IRP_COMPLETED, irp, spec_.name);
  world_.recorder.irp_completed(stats::IrpCompletion{index_, irp.type, irp.length, irp.io_status.status,
                                                     irp.io_status.information, irp.issued_s, now,
                                                     irp.submission_ordinal, irp.measured});
  in_use_[irp.pool_slot] = 0;
  free_slots_.push_back(irp.pool_slot);
  --outstanding_;
  --world_.requests_in_flight;
  if (scenario::is_closed_loop(spec_.kind) && world_.issue.may_issue(now)) {
    if (model_.thinks()) {
      const double at = now + model_.next_think_time_s();
      timers_.schedule(at, Timer{at});
      ++pending_issues_;
    } else {
      issue_next(now);
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
