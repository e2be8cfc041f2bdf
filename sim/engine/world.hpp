// What the actors of one simulation share: the scenario, the recorder, the routing tables (who posts to whom), the
// issue budget, the hop counter, the hosts' cores and submitting threads, and the violations found. Owned by the Simulation; actors hold a reference.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <simgrid/kernel/Timer.hpp>

#include "models/host_cpu.hpp"
#include "sim/core/irp.hpp"
#include "sim/engine/exec_context.hpp"
#include "sim/engine/halt.hpp"
#include "sim/report/irp_log.hpp"
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
  // True if one more request may be issued at `now` (stop.requests not reached, now < stop.time, and simulated time
  // is not stalled).
  bool may_issue(double now) const;
  // A closed loop whose requests take no simulated time, under a time-only stop, would issue forever at one instant.
  // After this many issues without the clock moving, issuing stops and the run reports it (exit code 3).
  static constexpr std::uint64_t kMaxIssuesPerInstant = 10'000'000;
  bool clock_stalled() const { return issues_at_instant_ >= kMaxIssuesPerInstant; }
  double last_issue_s() const { return last_issue_s_; }
  std::uint64_t issued() const { return issued_; }
  struct Ticket { std::uint64_t irp_id; bool measured; };
  Ticket take(double now);
  bool time_limited() const { return stop_time_s_ < std::numeric_limits<double>::infinity(); }
  double stop_time_s() const { return stop_time_s_; }
  // After a halt (a limit or an interrupt) no request is issued any more.
  void halt() { halted_ = true; }

private:
  std::uint64_t limit_;
  double stop_time_s_;
  std::uint64_t warmup_requests_;
  double warmup_time_s_;
  std::uint64_t issued_ = 0;
  double last_issue_s_ = -1;
  std::uint64_t issues_at_instant_ = 0;
  bool halted_ = false;
};

// The simulated clock, kept by the engine's time-advance signal: actors read it many times per IRP, and
// Engine::get_clock() goes through the engine instance (a measurable share of a hop, issue 4).
class Clock {
public:
  double now() const { return now_s_; }
  void set(double now_s) { now_s_ = now_s; }

private:
  double now_s_ = 0;
};

struct World {
  explicit World(const scenario::Scenario& s, std::size_t target_count)
      : scenario(s),
        recorder(s.workloads.size(), s.drivers.size(), target_count, s.devices.size()),
        issue(s) {}
  const scenario::Scenario& scenario;
  std::uint64_t replication = 0;                // of this run: with the seed, what random streams derive from
  Clock clock;
  stats::Recorder recorder;
  IssueControl issue;
  CallTracker calls;                            // the context being handled, threads' calls in progress, hops
  std::vector<models::HostCpu> hosts;           // per scenario host: its cores and their accounting
  // No CPU cost anywhere (every dispatch, completion, lock hold, ISR and DPC is a constant 0): no core is ever busy,
  // so every step runs at once, in place, and nothing needs the hosts (the fast path of runs without CPU costs).
  bool cpu_free = false;
  std::vector<std::uint32_t> thread_workload;   // per submitting thread (global index): its workload
  // Something carrying `context` has been handled: when it was the last part of a thread's call, the call returns
  // and the thread's workload is told.
  void release(const ExecContext& context);
  std::vector<DriverActor*> drivers;
  std::vector<TargetActor*> targets;
  std::vector<DeviceActor*> devices;
  std::vector<WorkloadActor*> workloads;
  report::Accounting accounting;                // violations as they are found (counted, the first ones listed)
  core::IrpEventSink* irp_log = nullptr;        // the opt-in per-IRP event log; null when none was asked for
  std::vector<std::uint32_t> device_of_driver;  // the hardware below each bus driver (UINT32_MAX for others)
  // Driver-created IRPs are numbered from here, apart from the workloads' 0, 1, 2, ...
  static constexpr std::uint64_t kFirstCreatedIrpId = 1'000'000'000'000;
  std::uint64_t next_created_irp_id = kFirstCreatedIrpId;
  // Driver-created IRPs not yet deleted: the workloads keep the simulation going until they are (a fan-out copy still
  // in a device when the last workload IRP completes is drained, not dropped).
  std::uint64_t created_irps_outstanding = 0;
  // Workload IRPs issued and not yet completed (all workloads), against limits.requests_in_flight.
  std::uint64_t requests_in_flight = 0;
  std::uint64_t max_requests_in_flight = 0;     // 0: no limit
  HaltState halt;
  std::size_t workloads_running = 0;            // workload actors that have not left their loop yet
  simgrid::kernel::timer::Timer* limit_timer = nullptr;  // the simulated-time limit's timer, while pending
  // A workload leaves its loop: the last one removes the simulated-time limit's timer and the ends of CPU steps
  // still running, which would otherwise carry the clock on to their dates.
  void workload_finished();

  // Halts the run (the first reason wins): no more issues, and every workload leaves its loop at once, which ends
  // the simulation (the other actors are daemons). Callable from an actor or from the engine's callbacks.
  void request_halt(Halt reason, std::string detail);
  bool halted() const { return halt.reason != Halt::NONE; }

  // IoCancelIrp by `by` (a workload, driver or target name): sets the IRP's Cancel bit, logs it, and asks the IRP's
  // current holder to run its cancel routine.
  void cancel_irp(core::Irp& irp, std::string_view by);
  // Posts CancelIrp to the actor holding the IRP now (its queue, target, device); nothing once it is done.
  void route_cancel(core::Irp& irp);
  void add_violation(const core::Irp& irp, std::string name, std::string driver, std::string detail);
  void log_related(core::IrpEventKind kind, const core::Irp& irp, std::string_view at, core::NtStatus status,
                   std::uint64_t information, std::uint64_t related) const;
  // Appends one step of `irp` to the event log, if there is one. `at` names the actor's model.
  void log(core::IrpEventKind kind, const core::Irp& irp, std::string_view at, core::NtStatus status,
           std::uint64_t information) const;
  void log(core::IrpEventKind kind, const core::Irp& irp, std::string_view at) const {
    if (irp_log != nullptr)
      log(kind, irp, at, irp.io_status.status, irp.io_status.information);
  }
};

}  // namespace irpsim::engine
