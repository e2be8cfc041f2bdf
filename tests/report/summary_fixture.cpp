#include "summary_fixture.hpp"

namespace irpsim::test {
namespace {

using core::RequestType;

scenario::Scenario make_scenario() {
  scenario::Scenario sc;
  sc.name = "quickstart";
  sc.description = "a filter over a function driver over a bus driver, one SSD";
  sc.seed = 42;
  sc.hosts.push_back({"host0", 4, 1e9});
  scenario::DeviceSpec dev;
  dev.name = "ssd0";
  dev.channels = 2;
  sc.devices.push_back(dev);
  for (auto [name, role] : {std::pair{"upper-filter", scenario::DriverRole::FILTER},
                            std::pair{"fdo", scenario::DriverRole::FUNCTION},
                            std::pair{"pdo", scenario::DriverRole::BUS}}) {
    scenario::DriverSpec d;
    d.name = name;
    d.role = role;
    sc.drivers.push_back(d);
  }
  sc.stacks.push_back({"disk", {0, 1, 2}, 0});
  scenario::WorkloadSpec app;
  app.name = "app";
  app.kind = scenario::WorkloadSpec::Kind::CLOSED;
  app.queue_depth = 4;
  sc.workloads.push_back(app);
  scenario::WorkloadSpec bg;
  bg.name = "bg";
  bg.kind = scenario::WorkloadSpec::Kind::OPEN_POISSON;
  bg.rate_per_s = 2000;
  sc.workloads.push_back(bg);
  sc.stop.requests = 800;
  sc.warmup.requests = 20;
  return sc;
}

// One request through the stack. Reads stop in the filter (request object), writes pass through it.
void record_request(stats::Recorder& r, std::uint32_t workload, std::uint64_t i, double issued_s, bool measured,
                    bool cpu) {
  const RequestType type = i % 3 == 2 ? RequestType::WRITE : RequestType::READ;
  const double filter_qw = 0.5e-6, filter_in = 1e-6, filter_target = 0.1e-6;
  const double fdo_qw = 1e-6 + 1e-7 * static_cast<double>(i % 5), fdo_in = 2e-6, fdo_target = 0.2e-6;
  const double pdo_in = 1e-6;
  // The CPU parts of in_layer (core wait, lock spin, CPU); the rest is each driver's own delay.
  const double k = cpu ? 1.0 : 0.0;
  const double filter_cw = 0.1e-6 * k, filter_cpu = 0.6e-6 * k;                      // own delay 300 ns
  const double fdo_cw = 0.2e-6 * k, fdo_spin = 0.1e-6 * k, fdo_cpu = 1.5e-6 * k;     // own delay 200 ns
  const double pdo_cw = 0.1e-6 * k, pdo_spin = 0.05e-6 * k, pdo_cpu = 0.6e-6 * k;    // own delay 250 ns
  // With CPU costs 4 us of the device's time is its interrupt, so the end-to-end latency is the same either way.
  const double interrupt = 4e-6 * k;
  const double dev_qw = 3e-6 * static_cast<double>(i % 4),
               service = 50e-6 + 1e-6 * static_cast<double>(i % 7) - interrupt;
  const double dev_total = dev_qw + service + interrupt;
  const double pdo_below = dev_total;
  const double fdo_below = fdo_target + pdo_in + pdo_below;
  const bool filtered = type == RequestType::READ;
  double e2e = fdo_qw + fdo_in + fdo_below;
  if (filtered)
    e2e += filter_qw + filter_in + filter_target;

  // Field by field, so the visits do not depend on the order the recorder declares them in.
  stats::DeviceVisit dv;
  dv.device = 0;
  dv.type = type;
  dv.queue_wait_s = dev_qw;
  dv.service_s = service;
  dv.interrupt_s = interrupt;
  dv.measured = measured;
  r.device_visited(dv);
  auto layer = [&](std::uint32_t driver, double qw, double in, double cw, double spin, double cpu_s, double below) {
    stats::LayerVisit v;
    v.driver = driver;
    v.type = type;
    v.queue_wait_s = qw;
    v.in_layer_s = in;
    v.core_wait_s = cw;
    v.spin_s = spin;
    v.cpu_s = cpu_s;
    v.below_s = below;
    v.measured = measured;
    return v;
  };
  r.layer_visited(layer(2, 0, pdo_in, pdo_cw, pdo_spin, pdo_cpu, pdo_below));
  r.target_visited({1, type, fdo_target, measured});
  r.layer_visited(layer(1, fdo_qw, fdo_in, fdo_cw, fdo_spin, fdo_cpu, fdo_below));
  if (filtered) {
    r.target_visited({0, type, filter_target, measured});
    r.layer_visited(layer(0, filter_qw, filter_in, filter_cw, 0, filter_cpu, fdo_qw + fdo_in + fdo_below + filter_target));
  } else {
    stats::LayerVisit v = layer(0, 0, 0, 0, 0, 0, 0);
    v.passed_through = true;
    r.layer_visited(v);
  }

  stats::IrpCompletion c;
  c.workload = workload;
  c.type = type;
  c.length_bytes = 4096;
  const bool fails = i % 50 == 7;
  c.status = fails ? core::STATUS_DEVICE_DATA_ERROR : core::STATUS_SUCCESS;
  c.information_bytes = fails ? 0 : 4096;
  c.issued_s = issued_s;
  c.submitted_s = issued_s + (cpu ? 3e-6 + 1e-6 * static_cast<double>(i % 2) : 0.0);
  c.completed_s = issued_s + e2e;
  c.submission_ordinal = i;
  c.measured = measured;
  r.irp_completed(c);
}

// recorder.cpu() as the engine fills it at the end of the run; with `cpu` false, only counts.
stats::CpuUsage fixture_cpu(bool cpu) {
  const double k = cpu ? 1.0 : 0.0;
  stats::CpuUsage u;
  stats::HostCpuUsage host;
  host.name = "host0";
  //                 dispatch      completion    isr        dpc          spin        steps
  host.cores.push_back({{0.004 * k, 0.002 * k, 0.001 * k, 0.002 * k}, 0.001 * k, 1000});
  host.cores.push_back({{0.003 * k, 0.001 * k, 0, 0}, 0.001 * k, 600});
  host.cores.push_back({{0.0025 * k, 0, 0, 0}, 0, 250});
  host.cores.push_back({{0, 0, 0, 0}, 0, 0});
  host.timeline_bucket_s = cpu ? 0.01 : 0.001;
  if (cpu)
    host.timeline_busy_s = {0.004, 0.006, 0.002, 0.0035, 0.002};
  u.hosts.push_back(host);
  stats::DriverCpuUsage filter, fdo, pdo;
  //               steps  cpu            core wait        spin
  filter.dispatch = {500, 0.0003 * k, 0.00005 * k, 0};
  filter.completion = {500, 0.0002 * k, 0, 0};
  fdo.dispatch = {800, 0.0012 * k, 0.00016 * k, 0.00008 * k};
  fdo.completion = {800, 0.0004 * k, 0.00004 * k, 0};
  fdo.locks.push_back({"fdo-queue-lock", 1600, 0.0008 * k, 0.00008 * k});
  pdo.dispatch = {800, 0.00048 * k, 0.00008 * k, 0.00004 * k};
  u.drivers = {filter, fdo, pdo};
  u.devices.push_back({800, 0.0008 * k, 0.0016 * k, 0.0008 * k});
  return u;
}

}  // namespace

SummaryFixture make_empty_fixture() {
  SummaryFixture f;
  f.scenario = make_scenario();
  f.recorder = stats::Recorder(f.scenario.workloads.size(), f.scenario.drivers.size(), 2, f.scenario.devices.size());
  f.targets = {{"upper-filter->fdo", 0}, {"fdo->pdo", 1}};
  f.run_info.scenario_file = "scenarios/quickstart.json";
  return f;
}

SummaryFixture make_summary_fixture(std::uint64_t requests, bool cpu) {
  SummaryFixture f = make_empty_fixture();
  stats::Recorder& r = f.recorder;
  r.cpu() = fixture_cpu(cpu);
  // "app": issued in order, completed in order.
  for (std::uint64_t i = 0; i < requests; ++i) {
    const double t = 1e-4 * static_cast<double>(i);
    r.irp_issued(0, i, t, i >= 10);
    record_request(r, 0, i, t, i >= 10, cpu);
  }
  // "bg": issued in blocks of four, each block completed in reverse order.
  for (std::uint64_t block = 0; block < requests / 4; ++block) {
    for (std::uint64_t k = 0; k < 4; ++k)
      r.irp_issued(1, block * 4 + k, 5e-4 * static_cast<double>(block), block * 4 + k >= 10);
    for (std::uint64_t k = 4; k-- > 0;) {
      const std::uint64_t i = block * 4 + k;
      record_request(r, 1, i, 5e-4 * static_cast<double>(block), i >= 10, cpu);
    }
  }
  f.accounting.issued = requests + requests / 4 * 4 + 1;
  f.accounting.completed = requests + requests / 4 * 4;
  f.accounting.stuck.push_back({9001, 0, RequestType::READ, 0.0123, "queue default of driver fdo (presented)"});
  f.accounting.add({9002, "REQUEST_ALREADY_COMPLETED", "fdo", 0.0200, "WdfRequestComplete called twice"});
  f.run_info.wall_s = 0.25;
  f.run_info.simulated_s = 0.05;
  f.run_info.peak_rss_bytes = 31 << 20;
  f.run_info.hops = 123456;
  f.run_info.irpsim_version = "0.1.0";
  f.run_info.simgrid_version = "3.32";
  return f;
}

}  // namespace irpsim::test
