// The CPU execution model against closed forms (scenarios/README.md, "Where CPU work runs"): a dispatch runs on the
// submitting thread's core, which stays busy (and the thread with it) until the call returns; each core is a
// first-come-first-served run-to-completion station; a spin lock is a FIFO single-server station whose customers hold
// their cores; completions run in the DPC of the device's interrupt on the interrupt core. Each TEST_CASE runs one
// simulation (SimGrid allows one engine per process) and derives its expected figures next to it.
#include <catch2/catch.hpp>

#include <cmath>

#include "accounting_checks.hpp"
#include "scenario_builder.hpp"
#include "sim/scenario/parser.hpp"

using namespace irpsim;
using core::RequestType;
using test::Builder;
using test::check_all_accounted;

namespace {

engine::SimulationResult run(const scenario::Scenario& s) { return engine::simulate(s, engine::RunOptions{}); }

// A function driver that completes every request in its dispatch callback after `dispatch` of CPU, above a bus
// driver that never sees a request: the stack is CPU-bound. `threads` submit on as many cores.
Builder cpu_bound(int cores, std::uint32_t threads, scenario::DistributionSpec dispatch) {
  Builder b(2, cores);
  scenario::PolicySpec complete;
  complete.action = scenario::PolicySpec::Action::COMPLETE;
  complete.status = core::STATUS_SUCCESS;
  complete.dispatch_cpu = dispatch;
  b.s.drivers[0].default_policy = complete;
  b.s.workloads[0].threads = threads;
  return b;
}

void add_lock(Builder& b, double hold_s) {
  scenario::LockSpec lock;
  lock.name = "queue-lock";
  lock.hold = test::constant(hold_s);
  lock.dispatch = true;
  b.s.drivers[0].locks.push_back(lock);
}

// Mean number of requests outstanding over the measured window, from Little's law's other side: the time-average
// of the number in system is the sum of latencies over the window's length.
double mean_outstanding(const engine::SimulationResult& r) {
  const auto& w = r.recorder.workloads()[0];
  double latency_sum_s = 0;
  for (const auto& t : w.per_type)
    latency_sum_s += t.latency.sum_ns * 1e-9;
  return latency_sum_s / (w.last_measured_completion_s - w.first_measured_issue_s);
}

}  // namespace

// c threads on c cores, each busy for its call: c independent single-core stations, each with one request at a
// time (the request completes inside the call), so X = c / D and every latency is exactly D; Little: N = X R = c.
TEST_CASE("cpu: four threads on four cores run a 20us dispatch at 200,000 IOPS, latency 20us") {
  Builder b = cpu_bound(4, 4, test::constant(20e-6));
  b.closed(8).requests(100'000, 1'000);
  const auto r = run(b.s);
  check_all_accounted(r, 100'000);
  const auto m = test::measure(r);
  CHECK(m.throughput_per_s == Approx(4 / 20e-6).epsilon(0.001));
  CHECK(m.min_latency_s == Approx(20e-6).margin(1e-9));
  CHECK(m.max_latency_s == Approx(20e-6).margin(1e-9));
  CHECK(mean_outstanding(r) == Approx(4).epsilon(0.002));
  // Each core did a quarter of the dispatch work.
  const auto& cores = r.recorder.cpu().hosts.at(0).cores;
  REQUIRE(cores.size() == 4);
  for (const auto& c : cores)
    CHECK(c.steps == Approx(25'000).epsilon(0.01));
  // The whole latency is submission: the request completed inside the call.
  const auto& read = r.recorder.workloads()[0].per_type[core::index_of(RequestType::READ)];
  CHECK(read.submission.mean_ns() == Approx(20'000).margin(1));
  CHECK(read.completion_latency().max_ns == 0);
}

TEST_CASE("cpu: one thread runs the same driver at 50,000 IOPS whatever its queue depth") {
  Builder b = cpu_bound(4, 1, test::constant(20e-6));
  b.closed(32).requests(20'000, 100);
  const auto r = run(b.s);
  check_all_accounted(r, 20'000);
  const auto m = test::measure(r);
  CHECK(m.throughput_per_s == Approx(1 / 20e-6).epsilon(0.001));
  CHECK(m.max_latency_s == Approx(20e-6).margin(1e-9));
  CHECK(mean_outstanding(r) == Approx(1).epsilon(0.002));
}

// Exponential dispatch: each thread is a renewal process with mean cycle E[D]: X = c / E[D], mean latency E[D].
// 200,000 draws: relative standard error of the mean 0.22%; tolerance 1%.
TEST_CASE("cpu: exponential dispatch costs on four threads give X = c / E[D] and mean latency E[D]") {
  Builder b = cpu_bound(4, 4, test::exponential(10e-6));
  b.closed(2).requests(200'000, 1'000);
  const auto r = run(b.s);
  check_all_accounted(r, 200'000);
  const auto m = test::measure(r);
  CHECK(m.throughput_per_s == Approx(4 / 10e-6).epsilon(0.01));
  CHECK(m.mean_latency_s == Approx(10e-6).epsilon(0.01));
}

// An open loop on one thread: arrivals wait for the thread, which serves one call at a time: an M/M/1 station.
// rho = 0.5: W = 1 / (mu - lambda) = 20us. Standard error ~0.5% with 400k requests (see test_queueing.cpp); 3%.
TEST_CASE("cpu: an open loop on one submitting thread is an M/M/1 station with the dispatch as service") {
  Builder b = cpu_bound(4, 1, test::exponential(10e-6));
  b.open_poisson(50'000).requests(400'000, 10'000);
  const auto r = run(b.s);
  check_all_accounted(r, 400'000);
  CHECK(test::measure(r).mean_latency_s == Approx(1 / (1 / 10e-6 - 50'000)).epsilon(0.03));
}

// The same with a constant dispatch: M/D/1, W = D + rho D / (2 (1 - rho)); rho = 0.6: 17.5us.
TEST_CASE("cpu: an open loop on one thread with a constant dispatch is an M/D/1 station") {
  Builder b = cpu_bound(4, 1, test::constant(10e-6));
  b.open_poisson(60'000).requests(400'000, 10'000);
  const auto r = run(b.s);
  check_all_accounted(r, 400'000);
  const double d = 10e-6, rho = 0.6;
  CHECK(test::measure(r).mean_latency_s == Approx(d + rho * d / (2 * (1 - rho))).epsilon(0.03));
  // The wait is for the thread: the breakdown has it (M/D/1's Wq), and with the driver's own time it adds up to the
  // latency exactly.
  const auto& read = r.recorder.workloads()[0].per_type[core::index_of(RequestType::READ)];
  CHECK(read.thread_wait.mean_ns() * 1e-9 == Approx(rho * d / (2 * (1 - rho))).epsilon(0.05));
  const auto& driver = r.recorder.layers()[0][core::index_of(RequestType::READ)];
  CHECK(read.thread_wait.mean_ns() + driver.queue_wait.mean_ns() + driver.in_layer.mean_ns() ==
        Approx(read.latency.mean_ns()).margin(1));
  CHECK(driver.cpu.mean_ns() == Approx(10'000).margin(1));
}

// Poisson arrivals given to c threads in turn: each thread sees Erlang-c gaps (rate lambda / c) and serves
// exponential dispatches: an E_c/M/1 station. With sigma the root in (0, 1) of sigma = (lambda / (lambda +
// mu (1 - sigma)))^c (the Laplace transform of the gap at mu (1 - sigma)), the mean sojourn is 1 / (mu (1 - sigma)).
TEST_CASE("cpu: Poisson arrivals spread over four threads make each an E4/M/1 station") {
  const double lambda = 300'000, mu = 1 / 10e-6;
  const int c = 4;
  Builder b = cpu_bound(c, c, test::exponential(1 / mu));
  b.open_poisson(lambda).requests(400'000, 10'000);
  const auto r = run(b.s);
  check_all_accounted(r, 400'000);
  double sigma = 0.5;
  for (int i = 0; i < 200; ++i)
    sigma = std::pow(lambda / (lambda + mu * (1 - sigma)), c);
  const double expected = 1 / (mu * (1 - sigma));
  CHECK(expected < 1 / (mu - lambda / c));  // smoother than Poisson arrivals to the same thread
  CHECK(test::measure(r).mean_latency_s == Approx(expected).epsilon(0.03));
}

// A spin lock held for H at the start of every dispatch of D: each thread cycles through the lock (a FIFO
// single-server station) and its own core, so X = min(c / (D + H), 1 / H) exactly with constant costs.
TEST_CASE("cpu: with a 1us lock hold four threads still scale linearly: X = c / (D + H)") {
  Builder b = cpu_bound(8, 4, test::constant(4e-6));
  add_lock(b, 1e-6);
  b.closed(1).requests(100'000, 1'000);
  const auto r = run(b.s);
  check_all_accounted(r, 100'000);
  CHECK(test::measure(r).throughput_per_s == Approx(4 / 5e-6).epsilon(0.002));
}

TEST_CASE("cpu: eight threads on a 1us lock hit its bound: X = 1 / H, and the lock wait keeps the cores busy") {
  Builder b = cpu_bound(8, 8, test::constant(4e-6));
  add_lock(b, 1e-6);
  b.closed(1).requests(100'000, 1'000);
  const auto r = run(b.s);
  check_all_accounted(r, 100'000);
  CHECK(test::measure(r).throughput_per_s == Approx(1 / 1e-6).epsilon(0.002));
  // In steady state each cycle of 8 us per thread is 1 us held, 4 us of its own and 3 us spinning.
  const auto& lock = r.recorder.cpu().drivers.at(0).locks.at(0);
  CHECK(lock.acquisitions == 100'000);
  CHECK(lock.wait_s / static_cast<double>(lock.acquisitions) == Approx(3e-6).epsilon(0.01));
  double spin = 0;
  for (const auto& core : r.recorder.cpu().hosts.at(0).cores)
    spin += core.spin_s;
  CHECK(spin == Approx(lock.wait_s).epsilon(1e-9));
}

// A sequential queue presents one request at a time, whatever the threads and cores: X = 1 / D.
TEST_CASE("cpu: a sequential queue bounds a CPU-bound driver at 1 / D whatever the cores") {
  Builder b = cpu_bound(4, 4, test::constant(5e-6));
  b.s.drivers[0].queues[0].dispatch = scenario::DispatchKind::SEQUENTIAL;
  b.closed(1).requests(50'000, 1'000);
  const auto r = run(b.s);
  check_all_accounted(r, 50'000);
  CHECK(test::measure(r).throughput_per_s == Approx(1 / 5e-6).epsilon(0.002));
}

// Dispatch D on the thread's core, then a one-channel device of S: X = min(c / (D + S), 1 / S).
TEST_CASE("cpu: one thread over a one-channel device runs at 1 / (D + S)") {
  Builder b(2, 8);
  b.device(test::constant(10e-6)).closed(1).requests(20'000, 100);
  b.s.drivers[0].default_policy->dispatch_cpu = test::constant(2e-6);
  const auto r = run(b.s);
  check_all_accounted(r, 20'000);
  CHECK(test::measure(r).throughput_per_s == Approx(1 / 12e-6).epsilon(0.002));
}

TEST_CASE("cpu: eight threads over a one-channel device are bound by the device at 1 / S") {
  Builder b(2, 8);
  b.device(test::constant(10e-6)).closed(1).requests(50'000, 1'000);
  b.s.drivers[0].default_policy->dispatch_cpu = test::constant(2e-6);
  b.s.workloads[0].threads = 8;
  const auto r = run(b.s);
  check_all_accounted(r, 50'000);
  CHECK(test::measure(r).throughput_per_s == Approx(1 / 10e-6).epsilon(0.002));
}

// A lock taken by every dispatch, with nothing else to wait for (no dispatch cost, a thread and core per few
// arrivals): requests reach the lock as a Poisson stream, so its wait is M/D/1's: rho H / (2 (1 - rho)).
TEST_CASE("cpu: a spin lock is a single-server station: its mean wait is M/D/1's") {
  const double hold = 1e-6, lambda = 600'000;
  Builder b = cpu_bound(256, 256, test::constant(0));
  add_lock(b, hold);
  b.open_poisson(lambda).requests(400'000, 10'000);
  const auto r = run(b.s);
  check_all_accounted(r, 400'000);
  const auto& lock = r.recorder.cpu().drivers.at(0).locks.at(0);
  const double rho = lambda * hold;
  CHECK(lock.wait_s / static_cast<double>(lock.acquisitions) == Approx(rho * hold / (2 * (1 - rho))).epsilon(0.04));
}

// At zero load every part of a request's life is known: the thread's call runs the three dispatches down to the
// device (submission latency), then the device, the interrupt (ISR, DPC) and the three completion routines in the
// DPC on the submitting core (completion latency). The layer breakdown accounts for every nanosecond.
TEST_CASE("cpu: submission and completion latency split at the call's return, and the breakdown adds up") {
  Builder b(3, 4);
  b.device(test::constant(100e-6)).closed(1).requests(1'000);
  const double dispatch[] = {1e-6, 2e-6, 1e-6}, completion[] = {0.5e-6, 1e-6, 1e-6};
  for (int d = 0; d < 3; ++d) {
    b.s.drivers[static_cast<std::size_t>(d)].default_policy->dispatch_cpu = test::constant(dispatch[d]);
    b.s.drivers[static_cast<std::size_t>(d)].default_policy->completion_cpu = test::constant(completion[d]);
  }
  b.s.devices[0].interrupt.isr = test::constant(2e-6);
  b.s.devices[0].interrupt.dpc = test::constant(3e-6);
  b.s.workloads[0].cpus = {2};
  const auto r = run(b.s);
  check_all_accounted(r, 1'000);
  const auto& read = r.recorder.workloads()[0].per_type[core::index_of(RequestType::READ)];
  CHECK(read.submission.min_ns == 4'000);
  CHECK(read.submission.max_ns == 4'000);
  CHECK(read.completion_latency().min_ns == 107'500);  // 100 device + 2 ISR + 3 DPC + 0.5 + 1 + 1 completion routines
  CHECK(read.completion_latency().max_ns == 107'500);
  CHECK(read.latency.mean_ns() == Approx(111'500).margin(1));
  // Everything ran on core 2, the thread's, where the interrupt came too (storport with MSI-X).
  const auto& cores = r.recorder.cpu().hosts.at(0).cores;
  for (std::size_t c = 0; c < cores.size(); ++c)
    CHECK((cores[c].steps > 0) == (c == 2));
  CHECK(cores[2].busy_s[2] == Approx(1'000 * 2e-6).epsilon(1e-9));  // ISR
  CHECK(cores[2].busy_s[3] == Approx(1'000 * 3e-6).epsilon(1e-9));  // DPC
  // The breakdown: each driver's own time (queue wait + in layer) plus the device's wait, service and interrupt.
  double accounted_ns = 0;
  for (std::size_t d = 0; d < 3; ++d) {
    const auto& l = r.recorder.layers()[d][core::index_of(RequestType::READ)];
    accounted_ns += l.queue_wait.mean_ns() + l.in_layer.mean_ns();
    CHECK(l.cpu.mean_ns() == Approx((dispatch[d] + completion[d]) * 1e9).margin(1));
    CHECK(l.core_wait.max_ns == 0);
  }
  const auto& dev = r.recorder.devices()[0][core::index_of(RequestType::READ)];
  CHECK(dev.interrupt.mean_ns() == Approx(5'000).margin(1));
  accounted_ns += dev.queue_wait.mean_ns() + dev.service.mean_ns() + dev.interrupt.mean_ns();
  CHECK(accounted_ns == Approx(read.latency.mean_ns()).margin(1));
}

// Interrupts steered to one core: its DPCs and the completion routines in them queue behind each other there,
// while the submitting threads' cores only dispatch.
TEST_CASE("cpu: interrupts steered to core 0 put every ISR, DPC and completion routine on it") {
  Builder b(2, 4);
  b.device(test::constant(50e-6), 8).closed(2).requests(20'000, 100);
  b.s.drivers[0].default_policy->dispatch_cpu = test::constant(2e-6);
  b.s.drivers[0].default_policy->completion_cpu = test::constant(3e-6);
  b.s.devices[0].interrupt.submitting_core = false;
  b.s.devices[0].interrupt.cores = {0};
  b.s.devices[0].interrupt.dpc = test::constant(1e-6);
  b.s.workloads[0].threads = 3;
  b.s.workloads[0].cpus = {1, 2, 3};
  const auto r = run(b.s);
  check_all_accounted(r, 20'000);
  const auto& cores = r.recorder.cpu().hosts.at(0).cores;
  CHECK(cores[0].busy_s[0] == 0);                                  // no dispatch on core 0
  CHECK(cores[0].busy_s[1] == Approx(20'000 * 3e-6).epsilon(1e-6));  // every completion routine
  CHECK(cores[0].busy_s[3] == Approx(20'000 * 1e-6).epsilon(1e-6));  // every DPC
  for (std::size_t c = 1; c < 4; ++c)
    CHECK(cores[c].busy_s[1] == 0);
}

// The fast path is untouched: R1 (scenarios/bench/r1.json, no CPU costs) gives the simulated figures it gave before
// the CPU model existed, to the last digit. The figures are those of `irpsim run` on R1 with stop.requests 50,000,
// built from commit 69a097d (the last one without the model); nothing in them is derived from the code under test.
TEST_CASE("cpu: without CPU costs R1 gives exactly the figures it gave before the CPU model") {
  scenario::Scenario s = scenario::load_scenario_file(std::string(IRPSIM_SOURCE_DIR) + "/scenarios/bench/r1.json");
  s.stop.requests = 50'000;
  const auto r = run(s);
  check_all_accounted(r, 50'000);
  const auto& w = r.recorder.workloads()[0];
  const auto& read = w.per_type[core::index_of(RequestType::READ)];
  CHECK(read.latency.count == 40'000);
  CHECK(read.latency.min_ns == 136'665);
  CHECK(read.latency.max_ns == 1'471'515);
  CHECK(std::round(read.latency.mean_ns() * 1000) == 399'472'607);
  CHECK(std::llround(read.latency.percentile_ns(99)) == 776'192);  // summary.json rounds to the nanosecond
  CHECK(w.ordering.inversions() == 174'839);
  CHECK(w.ordering.max_displacement() == 77);
  CHECK(std::llround(r.simulated_s * 1e9) == 625'812'686);
}

// A halt while CPU steps are running (here at 1.5 ms, in the middle of 1 ms dispatches on four cores): the run ends at
// the limit, the steps' pending ends are dropped with the actors, and the requests still in their calls are counted
// as in flight.
TEST_CASE("cpu: a simulated-time limit in the middle of CPU steps halts the run there") {
  Builder b = cpu_bound(4, 4, test::constant(1e-3));
  b.closed(1).requests(1'000);
  engine::RunOptions options;
  options.max_simulated_s = 1.5e-3;
  const auto r = engine::simulate(b.s, options);
  CHECK(r.halt.reason == engine::Halt::SIMULATED_TIME_LIMIT);
  CHECK(r.simulated_s == Approx(1.5e-3));
  CHECK(r.accounting.completed == 4);  // one dispatch per thread finished at 1 ms
  CHECK(r.accounting.issued == 8);
  CHECK(r.accounting.in_flight == 4);
}
