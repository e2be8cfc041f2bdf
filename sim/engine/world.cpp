#include "sim/engine/world.hpp"

#include <simgrid/s4u/Engine.hpp>

namespace irpsim::engine {

IssueControl::IssueControl(const scenario::Scenario& s)
    : limit_(s.stop.requests.value_or(std::numeric_limits<std::uint64_t>::max())),
      stop_time_s_(s.stop.time_s.value_or(std::numeric_limits<double>::infinity())),
      warmup_requests_(s.warmup.requests),
      warmup_time_s_(s.warmup.time_s) {}

bool IssueControl::may_issue(double now) const { return issued_ < limit_ && now < stop_time_s_; }

IssueControl::Ticket IssueControl::take(double now) {
  const std::uint64_t ordinal = issued_++;
  return Ticket{ordinal, ordinal >= warmup_requests_ && now >= warmup_time_s_};
}

void World::add_violation(const core::Irp& irp, std::string name, std::string driver, std::string detail) {
  violations.push_back(report::Violation{irp.id(), std::move(name), std::move(driver),
                                         simgrid::s4u::Engine::get_clock(), std::move(detail)});
}

}  // namespace irpsim::engine
