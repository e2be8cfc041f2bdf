// Whole-stack behaviour with answers known exactly: CPU time sums and sharing, the per-layer breakdown, queues,
// local completion, framework completion of unsupported types, device errors, completion order, and how a broken
// stack is reported (violation + stuck IRP) instead of crashing.
#include <catch2/catch.hpp>

#include "scenario_builder.hpp"

using namespace irpsim;
using core::RequestType;
using test::Builder;

namespace {

engine::SimulationResult run(const scenario::Scenario& s) { return engine::simulate(s, engine::RunOptions{}); }

void set_cpu(scenario::DriverSpec& d, double dispatch_s, double completion_s) {
  d.default_policy->dispatch_cpu = test::constant(dispatch_s);
  d.default_policy->completion_cpu = test::constant(completion_s);
}

const stats::LayerStats& layer(const engine::SimulationResult& r, std::size_t driver, RequestType t) {
  return r.recorder.layers().at(driver).at(core::index_of(t));
}

// Two independent single-driver stacks on one host; each driver spends `cpu_s` per request.
scenario::Scenario two_stacks_sharing_a_host(int cores, double cpu_s) {
  Builder b(1, cores);
  b.device(test::constant(0)).closed(1).requests(20'000);
  auto& s = b.s;
  set_cpu(s.drivers[0], cpu_s, 0);
  s.devices.push_back(s.devices[0]);
  s.devices[1].name = "dev2";
  s.drivers.push_back(s.drivers[0]);
  s.drivers[1].name = "driver-b";
  s.stacks.push_back(scenario::StackSpec{"stack-b", {1}, 1});
  s.workloads.push_back(s.workloads[0]);
  s.workloads[1].name = "load-b";
  s.workloads[1].stack = 1;
  // Each workload's thread submits from a core of its own where there are two: the dispatch runs on that core.
  s.workloads[1].cpus = {cores > 1 ? 1 : 0};
  return s;
}

}  // namespace

TEST_CASE("at zero load the latency is exactly the sum of CPU costs and the device time") {
  Builder b(3);
  b.device(test::constant(100e-6)).closed(1).requests(100);
  set_cpu(b.s.drivers[0], 1e-6, 2e-6);
  set_cpu(b.s.drivers[1], 3e-6, 4e-6);
  set_cpu(b.s.drivers[2], 5e-6, 6e-6);
  const auto r = run(b.s);
  const auto m = test::measure(r);
  CHECK(m.min_latency_s == Approx(121e-6).margin(1e-9));
  CHECK(m.max_latency_s == Approx(121e-6).margin(1e-9));
  // Per layer: the top driver's own time is its two CPU costs; below it, everything else.
  const auto& top = layer(r, 0, RequestType::READ);
  CHECK(top.requests == 100);
  CHECK(top.in_layer.mean_ns() == Approx(3000).margin(1));
  CHECK(top.below.mean_ns() == Approx(118000).margin(1));
  CHECK(top.queue_wait.mean_ns() == Approx(0).margin(1));
  const auto& bus = layer(r, 2, RequestType::READ);
  CHECK(bus.in_layer.mean_ns() == Approx(11000).margin(1));
  CHECK(bus.below.mean_ns() == Approx(100000).margin(1));
  const auto& dev = r.recorder.devices().at(0).at(core::index_of(RequestType::READ));
  CHECK(dev.service.mean_ns() == Approx(100000).margin(1));
}

TEST_CASE("CPU costs are reference-core durations: a host at twice the reference speed halves them") {
  Builder b(3);
  b.device(test::constant(100e-6)).closed(1).requests(100);
  b.s.hosts[0].speed_flops = 2 * scenario::kReferenceCoreFlops;
  set_cpu(b.s.drivers[0], 1e-6, 2e-6);
  set_cpu(b.s.drivers[1], 3e-6, 4e-6);
  set_cpu(b.s.drivers[2], 5e-6, 6e-6);
  const auto m = test::measure(run(b.s));
  CHECK(m.min_latency_s == Approx(100e-6 + 21e-6 / 2).margin(1e-9));
  CHECK(m.max_latency_s == Approx(100e-6 + 21e-6 / 2).margin(1e-9));
}

TEST_CASE("two drivers on one core share it: each runs at half speed") {
  const auto r = run(two_stacks_sharing_a_host(1, 50e-6));
  CHECK(test::measure(r, 0).throughput_per_s == Approx(10'000).epsilon(0.005));
  CHECK(test::measure(r, 1).throughput_per_s == Approx(10'000).epsilon(0.005));
  CHECK(test::measure(r, 0).mean_latency_s == Approx(100e-6).epsilon(0.005));
}

TEST_CASE("two drivers on two cores do not slow each other down") {
  const auto r = run(two_stacks_sharing_a_host(2, 50e-6));
  CHECK(test::measure(r, 0).throughput_per_s == Approx(20'000).epsilon(0.005));
  CHECK(test::measure(r, 1).throughput_per_s == Approx(20'000).epsilon(0.005));
}

TEST_CASE("a sequential queue in the function driver serialises a 4-channel device exactly") {
  Builder b(2);
  b.device(test::constant(100e-6), 4).closed(8).requests(20'000, 1'000);
  b.s.drivers[0].queues[0].dispatch = scenario::DispatchKind::SEQUENTIAL;
  const auto r = run(b.s);
  const auto m = test::measure(r);
  CHECK(m.throughput_per_s == Approx(10'000).epsilon(0.001));
  CHECK(m.min_latency_s == Approx(800e-6).margin(1e-9));
  CHECK(m.max_latency_s == Approx(800e-6).margin(1e-9));
  // Each request waits for the seven ahead of it in the function driver's queue.
  CHECK(layer(r, 0, RequestType::READ).queue_wait.mean_ns() == Approx(700'000).margin(1));
}

TEST_CASE("the same stack with a parallel queue uses all four channels") {
  Builder b(2);
  b.device(test::constant(100e-6), 4).closed(8).requests(20'000, 1'000);
  const auto m = test::measure(run(b.s));
  CHECK(m.throughput_per_s == Approx(40'000).epsilon(0.001));
  CHECK(m.max_latency_s == Approx(200e-6).margin(1e-9));
}

TEST_CASE("a parallel queue with max_presented 2 keeps two requests in the device") {
  Builder b(2);
  b.device(test::constant(100e-6), 4).closed(8).requests(20'000, 1'000);
  b.s.drivers[0].queues[0].max_presented = 2;
  CHECK(test::measure(run(b.s)).throughput_per_s == Approx(20'000).epsilon(0.001));
}

TEST_CASE("a function driver completes IOCTLs itself and never sends them to the device") {
  Builder b(2);
  b.device(test::constant(100e-6)).closed(1).requests(2'000);
  auto& fdo = b.s.drivers[0];
  scenario::PolicySpec complete;
  complete.action = scenario::PolicySpec::Action::COMPLETE;
  complete.status = core::STATUS_SUCCESS;
  complete.delay_s = 10e-6;
  fdo.policies[core::index_of(RequestType::DEVICE_CONTROL)] = complete;
  b.s.workloads[0].mix = {{RequestType::READ, 4096, 1, 0}, {RequestType::DEVICE_CONTROL, 0, 1, 0x2D1400}};
  const auto r = run(b.s);
  const auto& ioctl = r.recorder.workloads()[0].per_type[core::index_of(RequestType::DEVICE_CONTROL)];
  const auto& read = r.recorder.workloads()[0].per_type[core::index_of(RequestType::READ)];
  REQUIRE(ioctl.requests > 800);
  CHECK(ioctl.requests + read.requests == 2'000);
  CHECK(ioctl.latency.min_ns == 10'000);
  CHECK(ioctl.latency.max_ns == 10'000);
  CHECK(read.latency.min_ns == 100'000);
  CHECK(r.recorder.devices()[0][core::index_of(RequestType::DEVICE_CONTROL)].requests == 0);
  CHECK(ioctl.status_counts.at(core::STATUS_SUCCESS) == ioctl.requests);
}

TEST_CASE("a type with no queue in a function driver completes with STATUS_INVALID_DEVICE_REQUEST at once") {
  Builder b(2);
  b.closed(2).requests(500);
  b.s.drivers[0].queues[0].is_default = false;
  b.s.drivers[0].queues[0].types = {RequestType::READ};
  b.s.workloads[0].mix = {{RequestType::READ, 4096, 1, 0}, {RequestType::INTERNAL_DEVICE_CONTROL, 16, 1, 0}};
  const auto r = run(b.s);
  const auto& internal = r.recorder.workloads()[0].per_type[core::index_of(RequestType::INTERNAL_DEVICE_CONTROL)];
  REQUIRE(internal.requests > 0);
  CHECK(internal.status_counts.at(core::STATUS_INVALID_DEVICE_REQUEST) == internal.requests);
  CHECK(internal.latency.max_ns == 0);
  CHECK(internal.bytes == 0);
}

TEST_CASE("device errors complete with the configured status at the configured rate - and carry no bytes") {
  Builder b(2);
  b.device(test::constant(10e-6), 4).closed(4).requests(100'000);
  b.s.devices[0].error_rate = 0.1;
  b.s.devices[0].error_status = core::STATUS_IO_DEVICE_ERROR;
  const auto r = run(b.s);
  const auto& read = r.recorder.workloads()[0].per_type[core::index_of(RequestType::READ)];
  const double errors = static_cast<double>(read.status_counts.at(core::STATUS_IO_DEVICE_ERROR));
  // Binomial(100000, 0.1): standard deviation 95; 5 standard deviations is 475.
  CHECK(errors == Approx(10'000).margin(475));
  CHECK(read.bytes == (100'000 - static_cast<std::uint64_t>(errors)) * 4096);
}

TEST_CASE("one constant channel completes requests in submission order") {
  Builder b(2);
  b.device(test::constant(50e-6)).closed(8).requests(5'000);
  const auto r = run(b.s);  // keep the result alive: `o` refers into it
  const auto& o = r.recorder.workloads()[0].ordering;
  CHECK(o.out_of_order() == 0);
  CHECK(o.inversions() == 0);
  CHECK(o.max_displacement() == 0);
}

TEST_CASE("several exponential channels complete requests out of submission order") {
  Builder b(2);
  b.device(test::exponential(50e-6), 8).closed(8).requests(5'000);
  const auto r = run(b.s);  // keep the result alive: `o` refers into it
  const auto& o = r.recorder.workloads()[0].ordering;
  CHECK(o.out_of_order() > 500);
  CHECK(o.inversions() >= o.out_of_order());
  CHECK(o.max_displacement() > 0);
}

TEST_CASE("a time stop issues nothing at or after the stop time and drains what is outstanding") {
  Builder b(2);
  b.device(test::constant(100e-6)).open_fixed(10'000);
  b.s.stop.requests.reset();
  b.s.stop.time_s = 0.01;
  const auto r = run(b.s);
  // Arrivals at 0.1 ms, 0.2 ms, ... 9.9 ms: 99 requests; the one due at 10 ms is not issued.
  CHECK(r.accounting.issued == 99);
  CHECK(r.accounting.completed == 99);
  CHECK(r.simulated_s == Approx(0.0099 + 100e-6).margin(1e-9));
}

TEST_CASE("a forward from a function driver at the bottom of a stack is a violation and its IRP is listed as stuck") {
  // The parser refuses such a stack (the bottom must be a bus driver); the engine must still not crash on it.
  Builder b(1);
  b.s.drivers[0].role = scenario::DriverRole::FUNCTION;
  b.closed(2).requests(2);
  const auto r = run(b.s);
  CHECK(r.accounting.issued == 2);
  CHECK(r.accounting.completed == 0);
  REQUIRE(r.accounting.violations.size() == 2);
  CHECK(r.accounting.violations[0].name.find("0x10D") != std::string::npos);
  CHECK(r.accounting.violations[0].driver == "driver0");
  REQUIRE(r.accounting.stuck.size() == 2);
  CHECK(r.accounting.stuck[0].where.find("driver0") != std::string::npos);
  CHECK(r.deadlocked);
}
