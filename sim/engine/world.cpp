#include "sim/engine/world.hpp"

#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/device_actor.hpp"
#include "sim/engine/driver_actor.hpp"
#include "sim/engine/target_actor.hpp"
#include "sim/engine/workload_actor.hpp"

namespace irpsim::engine {

IssueControl::IssueControl(const scenario::Scenario& s)
    : limit_(s.stop.requests.value_or(std::numeric_limits<std::uint64_t>::max())),
      stop_time_s_(s.stop.time_s.value_or(std::numeric_limits<double>::infinity())),
      warmup_requests_(s.warmup.requests),
      warmup_time_s_(s.warmup.time_s) {}

bool IssueControl::may_issue(double now) const {
  return !halted_ && issued_ < limit_ && now < stop_time_s_ && !(now == last_issue_s_ && clock_stalled());
}

IssueControl::Ticket IssueControl::take(double now) {
  issues_at_instant_ = now == last_issue_s_ ? issues_at_instant_ + 1 : 1;
  last_issue_s_ = now;
  const std::uint64_t ordinal = issued_++;
  return Ticket{ordinal, ordinal >= warmup_requests_ && now >= warmup_time_s_};
}

std::string_view halt_name(Halt h) {
  switch (h) {
    case Halt::NONE: return "";
    case Halt::SIMULATED_TIME_LIMIT: return "simulated_time_limit";
    case Halt::WALL_TIME_LIMIT: return "wall_time_limit";
    case Halt::IN_FLIGHT_LIMIT: return "requests_in_flight_limit";
    case Halt::INTERRUPTED: return "interrupted";
  }
  return "";
}

void World::request_halt(Halt reason, std::string detail) {
  if (halted())
    return;
  halt = HaltState{reason, clock.now(), std::move(detail)};
  issue.halt();
  for (WorkloadActor* w : workloads)
    w->inbox().post(HaltRequested{});
}

void World::release(const ExecContext& context) {
  // Told at once rather than by a message: the call returns in the middle of another actor's work (the device
  // taking the request, the top driver queueing it), and a message would cost a hop and a wake-up per request.
  if (calls.release(context))
    workloads[thread_workload[context.thread]]->call_returned(context.thread);
}

void World::workload_finished() {
  if (--workloads_running != 0)
    return;
  // The last workload is leaving: timers still pending would carry the clock on to their dates.
  if (limit_timer != nullptr) {
    limit_timer->remove();
    limit_timer = nullptr;
  }
  for (DriverActor* d : drivers)
    d->cancel_steps();
  for (DeviceActor* d : devices)
    d->cancel_steps();
}

void World::add_violation(const core::Irp& irp, std::string name, std::string driver, std::string detail) {
  log(core::IrpEventKind::VIOLATION, irp, driver);
  accounting.add(report::Violation{irp.id(), std::move(name), std::move(driver),
                                         clock.now(), std::move(detail)});
}

void World::log(core::IrpEventKind kind, const core::Irp& irp, std::string_view at, core::NtStatus status,
                std::uint64_t information) const {
  log_related(kind, irp, at, status, information, core::IrpEvent::kNoIrp);
}

void World::log_related(core::IrpEventKind kind, const core::Irp& irp, std::string_view at, core::NtStatus status,
                        std::uint64_t information, std::uint64_t related) const {
  if (irp_log == nullptr)
    return;
  irp_log->record(
      core::IrpEvent{clock.now(), irp.id(), kind, at, irp.type, irp.length, irp.offset, status, information, related});
}

void World::cancel_irp(core::Irp& irp, std::string_view by) {
  irp.cancel = true;
  log(core::IrpEventKind::CANCEL_REQUESTED, irp, by);
  route_cancel(irp);
}

void World::route_cancel(core::Irp& irp) {
  using Kind = core::IrpWhereabouts::Kind;
  const auto& where = irp.where;
  switch (where.kind) {
    case Kind::DRIVER_QUEUE:
    case Kind::DRIVER:
    case Kind::COMPLETING:
      drivers[where.index]->inbox().post(CancelIrp{&irp});
      return;
    case Kind::TARGET:
      targets[where.index]->inbox().post(CancelIrp{&irp});
      return;
    case Kind::DEVICE:
      devices[device_of_driver[where.index]]->inbox().post(CancelIrp{&irp});
      return;
    case Kind::ISSUING:
    case Kind::DONE:
    case Kind::TERMINATED:
      return;
  }
}

}  // namespace irpsim::engine
