// Whole simulations of the framework's conformance cases that involve time (wdf-semantics.md section 12): target
// states and scheduled state changes, send timeouts, synchronous sends, cancellation of sent and queued requests,
// and manual queues. Each test records the per-IRP event log in memory and asserts the exact statuses, simulated
// times and orders the spec's table gives. Times are in milliseconds in the comments, seconds in the code.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenario_builder.hpp"

using namespace irpsim;
using core::IrpEventKind;
using scenario::PolicySpec;
using scenario::TargetEventSpec;
using test::Builder;

namespace {

constexpr double ms = 1e-3;

struct Event {
  double time_s;
  std::uint64_t irp;
  IrpEventKind kind;
  std::string at;
  core::NtStatus status;
};

struct Trace final : core::IrpEventSink {
  std::vector<Event> events;
  void record(const core::IrpEvent& e) override {
    events.push_back(Event{e.time_s, e.irp_id, e.kind, std::string(e.at), e.status});
  }
  // The events of one IRP of a kind, in order.
  std::vector<Event> of(std::uint64_t irp, IrpEventKind kind) const {
    std::vector<Event> out;
    for (const auto& e : events)
      if (e.irp == irp && e.kind == kind)
        out.push_back(e);
    return out;
  }
  // The IRPs of the events of a kind (at one driver, target or device, if given), in order.
  std::vector<std::uint64_t> irps_in_order(IrpEventKind kind, const std::string& at = "") const {
    std::vector<std::uint64_t> out;
    for (const auto& e : events)
      if (e.kind == kind && (at.empty() || e.at == at))
        out.push_back(e.irp);
    return out;
  }
  const Event& completed(std::uint64_t irp) const {
    for (const auto& e : events)
      if (e.irp == irp && e.kind == IrpEventKind::IRP_COMPLETED)
        return e;
    FAIL("IRP " << irp << " never completed");
    return events.front();
  }
};

engine::SimulationResult run(const scenario::Scenario& s, Trace& trace) {
  engine::RunOptions options;
  options.irp_log = &trace;
  return engine::simulate(s, options);
}

// A function driver forwarding to a bus driver over a device with a constant service time; `n` reads arriving at
// 1, 2, 3 ... ms (a fixed-rate open loop of 1000/s).
Builder two_layers(double service_s, int n, int channels = 4) {
  Builder b(2);
  b.device(test::constant(service_s), channels).open_fixed(1000).requests(static_cast<std::uint64_t>(n));
  return b;
}

PolicySpec& upper_policy(Builder& b) { return *b.s.drivers[0].default_policy; }

void add_event(Builder& b, double at_s, TargetEventSpec::Op op,
               TargetEventSpec::SentIo sent_io = TargetEventSpec::SentIo::CANCEL) {
  TargetEventSpec e;
  e.at_s = at_s;
  e.driver = 0;
  e.target = scenario::kLocalTarget;
  e.op = op;
  e.sent_io = sent_io;
  b.s.events.push_back(e);
}

}  // namespace

TEST_CASE("case 12: sends to a stopped target pend in order and are resubmitted FIFO by the start") {
  Builder b = two_layers(10 * ms, 2);
  add_event(b, 0, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::LEAVE_PENDING);
  add_event(b, 100 * ms, TargetEventSpec::Op::START);
  Trace t;
  const auto r = run(b.s, t);
  CHECK(r.accounting.completed == 2);
  CHECK(t.of(0, IrpEventKind::PENDED).at(0).time_s == Approx(1 * ms));
  CHECK(t.of(1, IrpEventKind::PENDED).at(0).time_s == Approx(2 * ms));
  CHECK(t.irps_in_order(IrpEventKind::RESUBMITTED) == std::vector<std::uint64_t>{0, 1});
  CHECK(t.of(0, IrpEventKind::HARDWARE_STARTED).at(0).time_s == Approx(100 * ms));  // nothing before the start
  CHECK(t.irps_in_order(IrpEventKind::COMPLETION_ROUTINE, "driver0") == std::vector<std::uint64_t>{0, 1});  // CR1
  CHECK(t.completed(0).time_s == Approx(110 * ms));
  CHECK(t.completed(1).time_s == Approx(110 * ms));
  CHECK(t.completed(1).status == core::STATUS_SUCCESS);
}

TEST_CASE("case 14: stop with cancel-sent-I/O cancels what is in a cancelable device, later sends pend") {
  Builder b = two_layers(100 * ms, 3);
  b.s.devices[0].cancelable = true;
  b.s.workloads[0].rate_per_s = 1000;
  add_event(b, 2.5 * ms, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::CANCEL);
  add_event(b, 50 * ms, TargetEventSpec::Op::START);
  Trace t;
  const auto r = run(b.s, t);
  CHECK(r.accounting.completed == 3);
  // A and B were in the device: cancelled at the stop, both routines see STATUS_CANCELLED.
  CHECK(t.completed(0).status == core::STATUS_CANCELLED);
  CHECK(t.completed(0).time_s == Approx(2.5 * ms));
  CHECK(t.completed(1).status == core::STATUS_CANCELLED);
  // C arrived after the stop: pended (TRUE), delivered at the start, served in full.
  CHECK(t.of(2, IrpEventKind::PENDED).at(0).time_s == Approx(3 * ms));
  CHECK(t.completed(2).status == core::STATUS_SUCCESS);
  CHECK(t.completed(2).time_s == Approx(150 * ms));
}

TEST_CASE("case 15: stop waiting for sent I/O cancels nothing, a start during the wait runs when it has drained") {
  Builder b = two_layers(30 * ms, 2);
  b.s.devices[0].cancelable = true;
  add_event(b, 1.5 * ms, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::WAIT);
  add_event(b, 5 * ms, TargetEventSpec::Op::START);
  Trace t;
  run(b.s, t);
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
  CHECK(t.completed(0).time_s == Approx(31 * ms));
  // B pended at 2 ms; the start waited for the stop, which returned when A completed at 31 ms.
  CHECK(t.of(1, IrpEventKind::RESUBMITTED).at(0).time_s == Approx(31 * ms));
  CHECK(t.completed(1).time_s == Approx(61 * ms));
}

TEST_CASE("purge fails pended requests with STATUS_WDF_DEVICE_REMOVED_NOT_SENT, rewritten at completion") {
  Builder b = two_layers(10 * ms, 2);
  add_event(b, 0, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::LEAVE_PENDING);
  add_event(b, 5 * ms, TargetEventSpec::Op::PURGE);
  Trace t;
  run(b.s, t);
  // The completion routine sees the WDF status; WdfRequestComplete turns it into STATUS_INVALID_DEVICE_REQUEST.
  const auto routine = t.of(0, IrpEventKind::COMPLETION_ROUTINE);
  REQUIRE(routine.size() == 1);
  CHECK(routine[0].status == core::STATUS_WDF_DEVICE_REMOVED_NOT_SENT);
  CHECK(t.completed(0).status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(t.completed(0).time_s == Approx(5 * ms));
  CHECK(t.completed(1).status == core::STATUS_INVALID_DEVICE_REQUEST);
}

TEST_CASE("sends to a purged target fail with STATUS_INVALID_DEVICE_STATE unless they ignore the target state") {
  Builder b = two_layers(10 * ms, 1);
  add_event(b, 0, TargetEventSpec::Op::PURGE);
  Trace t;
  run(b.s, t);
  CHECK(t.completed(0).status == core::STATUS_INVALID_DEVICE_STATE);
  CHECK(t.of(0, IrpEventKind::SEND_FAILED).size() == 1);

  Builder ignoring = two_layers(10 * ms, 1);
  add_event(ignoring, 0, TargetEventSpec::Op::PURGE);
  upper_policy(ignoring).send.ignore_target_state = true;
  Trace t2;
  run(ignoring.s, t2);
  CHECK(t2.completed(0).status == core::STATUS_SUCCESS);
}

TEST_CASE("case 18: an asynchronous send times out: the cancelled request completes with STATUS_IO_TIMEOUT") {
  Builder b = two_layers(1.0, 1);
  b.s.devices[0].cancelable = true;
  upper_policy(b).send.timeout_s = 100 * ms;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::TIMED_OUT).at(0).time_s == Approx(101 * ms));
  CHECK(t.completed(0).status == core::STATUS_IO_TIMEOUT);
  CHECK(t.completed(0).time_s == Approx(101 * ms));
}

TEST_CASE("a device that cannot cancel keeps a timed-out request until it finishes, with its own status") {
  Builder b = two_layers(300 * ms, 1);
  upper_policy(b).send.timeout_s = 100 * ms;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::CANCEL_REQUESTED).size() == 1);
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
  CHECK(t.completed(0).time_s == Approx(301 * ms));
}

TEST_CASE("case 20: a timeout of zero means no timer") {
  Builder b = two_layers(300 * ms, 1);
  b.s.devices[0].cancelable = true;
  upper_policy(b).send.timeout_s = 0.0;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::TIMED_OUT).empty());
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
}

TEST_CASE("case 21: a synchronous send with a completion routine returns with the lower status") {
  Builder b = two_layers(10 * ms, 1);
  b.s.devices[0].error_rate = 1;
  b.s.devices[0].error_status = core::STATUS_INVALID_DEVICE_REQUEST;
  upper_policy(b).send.synchronous = true;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::COMPLETION_ROUTINE).at(1).time_s == Approx(11 * ms));  // the upper driver's routine
  CHECK(t.completed(0).status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(t.completed(0).time_s == Approx(11 * ms));
}

TEST_CASE("case 22: a synchronous send with a timeout on a cancelable device returns STATUS_IO_TIMEOUT") {
  Builder b = two_layers(1.0, 1);
  b.s.devices[0].cancelable = true;
  upper_policy(b).send.synchronous = true;
  upper_policy(b).send.timeout_s = 100 * ms;
  Trace t;
  run(b.s, t);
  CHECK(t.completed(0).status == core::STATUS_IO_TIMEOUT);
  CHECK(t.completed(0).time_s == Approx(101 * ms));
}

TEST_CASE("case 24: a synchronous send to a stopped target waits for the start") {
  Builder b = two_layers(10 * ms, 1);
  upper_policy(b).send.synchronous = true;
  add_event(b, 0, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::LEAVE_PENDING);
  add_event(b, 200 * ms, TargetEventSpec::Op::START);
  Trace t;
  run(b.s, t);
  CHECK(t.completed(0).time_s == Approx(210 * ms));
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
}

TEST_CASE("case 26: cancelling a send that already came back changes nothing and the routine runs once") {
  Builder b = two_layers(10 * ms, 1);
  b.s.devices[0].cancelable = true;
  upper_policy(b).cancel_after_s = 50 * ms;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::CANCEL_REQUESTED).empty());
  CHECK(t.of(0, IrpEventKind::COMPLETION_ROUTINE).size() == 2);  // the bus driver's and the upper driver's
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
}

TEST_CASE("case 27: cancelling a request a lower driver owns only sets the Cancel bit and it completes normally") {
  Builder b(2);
  b.device(test::constant(10 * ms)).open_fixed(1000).requests(1);
  upper_policy(b).cancel_after_s = 5 * ms;
  // The lower driver owns the request for 20 ms (a complete policy: presented, not cancelable).
  b.s.drivers[1].role = scenario::DriverRole::FUNCTION;
  PolicySpec hold;
  hold.action = PolicySpec::Action::COMPLETE;
  hold.status = core::STATUS_SUCCESS;
  hold.delay_s = 20 * ms;
  b.s.drivers[1].default_policy = hold;
  Trace t;
  run(b.s, t);
  CHECK(t.of(0, IrpEventKind::CANCEL_REQUESTED).at(0).time_s == Approx(6 * ms));
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
  CHECK(t.completed(0).time_s == Approx(21 * ms));
}

TEST_CASE("case 28: a request waiting in a lower driver's busy sequential queue is cancelled by its framework") {
  Builder b(2);
  b.device(test::constant(10 * ms)).open_fixed(1000).requests(2);
  upper_policy(b).cancel_after_s = 5 * ms;
  b.s.drivers[1].role = scenario::DriverRole::FUNCTION;
  b.s.drivers[1].queues[0].dispatch = scenario::DispatchKind::SEQUENTIAL;
  PolicySpec hold;
  hold.action = PolicySpec::Action::COMPLETE;
  hold.status = core::STATUS_SUCCESS;
  hold.delay_s = 20 * ms;
  b.s.drivers[1].default_policy = hold;
  Trace t;
  run(b.s, t);
  // X (IRP 0) is presented and owned: not cancelable, completes at 21 ms.
  CHECK(t.completed(0).status == core::STATUS_SUCCESS);
  CHECK(t.completed(0).time_s == Approx(21 * ms));
  // A (IRP 1) waits behind it and is cancelled at 7 ms without ever being presented.
  CHECK(t.of(1, IrpEventKind::PRESENTED).size() == 1);  // presented only to the upper driver
  CHECK(t.completed(1).status == core::STATUS_CANCELLED);
  CHECK(t.completed(1).time_s == Approx(7 * ms));
}

TEST_CASE("a workload cancelling its own requests: a cancelable device completes them with STATUS_CANCELLED") {
  Builder b = two_layers(50 * ms, 10);
  b.s.devices[0].cancelable = true;
  b.s.workloads[0].cancel_share = 1;
  b.s.workloads[0].cancel_after_s = 5 * ms;
  Trace t;
  const auto r = run(b.s, t);
  CHECK(r.accounting.completed == 10);
  for (std::uint64_t irp = 0; irp < 10; ++irp) {
    CHECK(t.completed(irp).status == core::STATUS_CANCELLED);
    CHECK(t.completed(irp).time_s == Approx(static_cast<double>(irp + 1) * ms + 5 * ms));
  }
}

TEST_CASE("a manual queue presents requests when the driver retrieves them, on its polling grid") {
  Builder b = two_layers(1 * ms, 3);
  b.s.workloads[0].rate_per_s = 4000;  // arrivals at 0.25, 0.5, 0.75 ms
  auto& q = b.s.drivers[0].queues[0];
  q.dispatch = scenario::DispatchKind::MANUAL;
  q.retrieve_interval_s = 2 * ms;
  q.max_retrieved = 2;
  Trace t;
  run(b.s, t);
  // Retrieved at 2 ms (two of them: max_retrieved), the third at the next poll after one completes (4 ms).
  auto presented_at = [&](std::uint64_t irp) { return t.of(irp, IrpEventKind::PRESENTED).at(0).time_s; };
  CHECK(presented_at(0) == Approx(2 * ms));
  CHECK(presented_at(1) == Approx(2 * ms));
  CHECK(presented_at(2) == Approx(4 * ms));
  CHECK(t.completed(2).time_s == Approx(5 * ms));
}

TEST_CASE("a request its driver never completes is reported as REQUEST_NEVER_COMPLETED and listed as stuck") {
  Builder b = two_layers(1 * ms, 1);
  upper_policy(b).mistake = scenario::Mistake::NEVER_COMPLETE;
  Trace t;
  const auto r = run(b.s, t);
  REQUIRE(r.accounting.stuck.size() == 1);
  bool reported = false;
  for (const auto& v : r.accounting.violations)
    reported = reported || v.name.find("REQUEST_NEVER_COMPLETED") != std::string::npos;
  CHECK(reported);
}

TEST_CASE("timers of a completed send never fire on the request that reuses its object") {
  // One request at a time, each back in 100 us: a 150 us timeout and a 150 us cancel-after must never hit.
  Builder b(2);
  b.device(test::constant(100e-6)).closed(1).requests(100);
  b.s.devices[0].cancelable = true;
  upper_policy(b).send.timeout_s = 150e-6;
  upper_policy(b).cancel_after_s = 150e-6;
  Trace t;
  const auto r = run(b.s, t);
  CHECK(r.accounting.completed == 100);
  CHECK(t.irps_in_order(IrpEventKind::TIMED_OUT).empty());
  CHECK(t.irps_in_order(IrpEventKind::CANCEL_REQUESTED).empty());
}

namespace {

// Driver 0 ("router", a function driver) sits alone in its stack over device 0 and has one remote target per extra
// stack; each extra stack is a bus driver over its own device with `service_s`. Workload: 1000/s fixed reads of 4 KiB
// at offsets 0, 4K, 8K, ... (sequential).
Builder router_over(int extra_stacks, double service_s, int n) {
  Builder b(1);
  b.device(test::constant(service_s), 64).open_fixed(1000).requests(static_cast<std::uint64_t>(n));
  auto& s = b.s;
  s.drivers[0].role = scenario::DriverRole::FUNCTION;
  s.drivers[0].name = "router";
  for (int k = 0; k < extra_stacks; ++k) {
    scenario::DeviceSpec dev = s.devices[0];
    dev.name = "disk" + std::to_string(k);
    s.devices.push_back(dev);
    scenario::DriverSpec pdo;
    pdo.name = "pdo" + std::to_string(k);
    pdo.role = scenario::DriverRole::BUS;
    scenario::QueueSpec q;
    q.name = "default";
    q.is_default = true;
    pdo.queues.push_back(q);
    pdo.default_policy = PolicySpec{};
    s.drivers.push_back(pdo);
    s.stacks.push_back(scenario::StackSpec{"stack" + std::to_string(k), {s.drivers.size() - 1}, s.devices.size() - 1});
    s.drivers[0].remote_targets.push_back(scenario::RemoteTargetSpec{"r" + std::to_string(k), s.stacks.size() - 1});
  }
  return b;
}

std::vector<std::string> routed_to(const Trace& t) {
  std::vector<std::string> out;
  for (const auto& e : t.events)
    if (e.kind == IrpEventKind::HARDWARE_STARTED)
      out.push_back(e.at);
  return out;
}

}  // namespace

TEST_CASE("route round robin sends created copies to the remote targets in turn") {
  Builder b = router_over(3, 1e-3, 6);
  PolicySpec& p = upper_policy(b);
  p.action = PolicySpec::Action::ROUTE;
  p.targets = {1, 2, 3};
  p.create_request = true;
  Trace t;
  const auto r = run(b.s, t);
  CHECK(r.accounting.completed == 6);
  CHECK(routed_to(t) == std::vector<std::string>{"disk0", "disk1", "disk2", "disk0", "disk1", "disk2"});
  CHECK(t.completed(5).status == core::STATUS_SUCCESS);
  CHECK(t.completed(5).time_s == Approx(7 * ms));
}

TEST_CASE("route by stripe picks the target from the offset") {
  Builder b = router_over(2, 1e-3, 6);
  b.s.workloads[0].mix[0].size_bytes = 4096;
  PolicySpec& p = upper_policy(b);
  p.action = PolicySpec::Action::ROUTE;
  p.targets = {1, 2};
  p.create_request = true;
  p.route_by = PolicySpec::RouteBy::STRIPE;
  p.stripe_bytes = 8192;  // offsets 0, 4K -> disk0; 8K, 12K -> disk1; 16K, 20K -> disk0
  Trace t;
  run(b.s, t);
  CHECK(routed_to(t) == std::vector<std::string>{"disk0", "disk0", "disk1", "disk1", "disk0", "disk0"});
}

TEST_CASE("route to the least outstanding target avoids the busy one") {
  // Two remote disks: the first takes 10 ms, the second 0.5 ms (back before the next arrival, 1 ms later).
  Builder b = router_over(2, 0.5e-3, 5);
  b.s.devices[1].latency.fill(test::constant(10e-3));
  PolicySpec& p = upper_policy(b);
  p.action = PolicySpec::Action::ROUTE;
  p.targets = {1, 2};
  p.create_request = true;
  p.route_by = PolicySpec::RouteBy::LEAST_OUTSTANDING;
  Trace t;
  run(b.s, t);
  // IRP 0 -> disk0 (a tie goes to the first target); disk0 is then busy until 11 ms, so the rest go to disk1.
  CHECK(routed_to(t) == std::vector<std::string>{"disk0", "disk1", "disk1", "disk1", "disk1"});
}

TEST_CASE("route of a received request to a deeper remote stack is refused by ChangeTarget") {
  Builder b = router_over(1, 1e-3, 1);
  // Make the remote stack two drivers deep: the received IRP (one location left for the router) cannot fit.
  auto& s = b.s;
  scenario::DriverSpec filter = s.drivers[1];
  filter.name = "remote-filter";
  filter.role = scenario::DriverRole::FILTER;
  s.drivers.push_back(filter);
  s.stacks[1].layers = {s.drivers.size() - 1, 1};
  PolicySpec& p = upper_policy(b);
  p.action = PolicySpec::Action::ROUTE;
  p.targets = {1};
  Trace t;
  run(b.s, t);
  CHECK(t.completed(0).status == core::STATUS_REQUEST_NOT_ACCEPTED);
  CHECK(t.of(0, IrpEventKind::SENT).empty());
}

TEST_CASE("removal fails pended requests and every later send with STATUS_INVALID_DEVICE_STATE") {
  Builder b = two_layers(10 * ms, 3);
  add_event(b, 0, TargetEventSpec::Op::STOP, TargetEventSpec::SentIo::LEAVE_PENDING);
  add_event(b, 2.5 * ms, TargetEventSpec::Op::REMOVE);
  Trace t;
  run(b.s, t);
  // A and B pended, failed by the removal (rewritten from STATUS_WDF_DEVICE_REMOVED_NOT_SENT).
  CHECK(t.completed(0).status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(t.completed(1).time_s == Approx(2.5 * ms));
  // C arrives at a Deleted target.
  CHECK(t.completed(2).status == core::STATUS_INVALID_DEVICE_STATE);
  CHECK(t.of(2, IrpEventKind::SEND_FAILED).size() == 1);
}
