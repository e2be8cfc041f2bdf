// What the actors of one simulation share: the scenario, the recorder, the routing tables (who posts to whom), the
// issue budget, the hop counter and the violations found. Owned by the Simulation; actors hold a reference.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/irp.hpp"
#include "sim/report/summary.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/recorder.hpp"

namespace irpsim::engine {

class DriverActor;
class TargetActor;
class DeviceActor;
class WorkloadActor;

// The stop and warm-up rules shared by all workloads: a global count of requests issued, a global IRP id.
class IssueControl {
public:
  explicit IssueControl(const scenario::Scenario& s);
  // True if one more request may be issued at `now` (stop.requests not reached, now < stop.time).
  bool may_issue(double now) const;
  struct Ticket { std::uint64_t irp_id; bool measured; };
  Ticket take(double now);
  bool time_limited() const { return stop_time_s_ < std::numeric_limits<double>::infinity(); }
  double stop_time_s() const { return stop_time_s_; }

private:
  std::uint64_t limit_;
  double stop_time_s_;
  std::uint64_t warmup_requests_;
  double warmup_time_s_;
  std::uint64_t issued_ = 0;
};

struct World {
  explicit World(const scenario::Scenario& s, std::size_t target_count)
      : scenario(s),
        recorder(s.workloads.size(), s.drivers.size(), target_count, s.devices.size()),
        issue(s) {}
  const scenario::Scenario& scenario;
  stats::Recorder recorder;
  IssueControl issue;
  std::uint64_t hops = 0;
  std::vector<DriverActor*> drivers;
  std::vector<TargetActor*> targets;
  std::vector<DeviceActor*> devices;
  std::vector<WorkloadActor*> workloads;
  std::vector<report::Violation> violations;
  void add_violation(const core::Irp& irp, std::string name, std::string driver, std::string detail);
};

}  // namespace irpsim::engine
