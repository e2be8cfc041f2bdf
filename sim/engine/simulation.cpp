#include "sim/engine/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <simgrid/version.h>
#include <simgrid/kernel/Timer.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <utility>

#include "sim/engine/device_actor.hpp"
#include "sim/engine/driver_actor.hpp"
#include "sim/engine/interrupts.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/target_actor.hpp"
#include "sim/engine/workload_actor.hpp"

static_assert(SIMGRID_VERSION >= 33200 && SIMGRID_VERSION < 33300, "irpsim is written for SimGrid 3.32");

namespace irpsim::engine {

namespace sg4 = simgrid::s4u;

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

// How each driver is wired: the driver below it, the device below its stack, its StackSize, and where its numbered
// I/O targets lead (the local one to the driver below, or the hardware for a bus driver; remote ones to the top of
// another stack). Every target that is not hardware gets a global index and an actor.
struct Wiring {
  std::vector<std::uint32_t> lower_of_driver, device_of_driver;
  std::vector<int> stack_size_of_driver;
  std::vector<std::vector<models::TargetWiring>> targets_of_driver;
  std::vector<report::TargetInfo> targets;      // per global target: name and owner
  std::vector<std::uint32_t> target_lower;      // per global target: the driver it sends to
  std::vector<int> target_stack_size;           // per global target: that driver's StackSize
};

Wiring wire(const scenario::Scenario& s) {
  Wiring w;
  const std::size_t n = s.drivers.size();
  w.lower_of_driver.assign(n, kNone);
  w.device_of_driver.assign(n, kNone);
  w.stack_size_of_driver.assign(n, 0);
  w.targets_of_driver.resize(n);
  for (const auto& stack : s.stacks) {
    int size = 0;
    for (std::size_t i = stack.layers.size(); i-- > 0;) {
      const auto d = static_cast<std::uint32_t>(stack.layers[i]);
      w.stack_size_of_driver[d] = ++size;  // IoAttachDeviceToDeviceStack: below + 1; the bottom (PDO) has 1
      w.device_of_driver[d] = static_cast<std::uint32_t>(stack.device);
      if (i + 1 < stack.layers.size())
        w.lower_of_driver[d] = static_cast<std::uint32_t>(stack.layers[i + 1]);
    }
  }
  auto add_target = [&](std::uint32_t owner, std::uint32_t lower, std::string name) {
    const auto index = static_cast<std::uint32_t>(w.targets.size());
    w.targets.push_back(report::TargetInfo{std::move(name), owner});
    w.target_lower.push_back(lower);
    w.target_stack_size.push_back(w.stack_size_of_driver[lower]);
    return models::TargetWiring{index, w.stack_size_of_driver[lower]};
  };
  for (std::uint32_t d = 0; d < n; ++d) {
    const auto& driver = s.drivers[d];
    auto& wiring = w.targets_of_driver[d];
    if (w.lower_of_driver[d] != kNone)
      wiring.push_back(add_target(d, w.lower_of_driver[d], driver.name + "->" + s.drivers[w.lower_of_driver[d]].name));
    else if (driver.role == scenario::DriverRole::BUS)
      wiring.push_back(models::TargetWiring{models::TargetWiring::kHardware, 1});
    else
      wiring.push_back(models::TargetWiring{models::TargetWiring::kNoTarget, 1});  // no device object below
    for (const auto& remote : driver.remote_targets) {
      const auto top = static_cast<std::uint32_t>(s.stacks[remote.stack].layers.front());
      wiring.push_back(add_target(d, top, driver.name + "->" + remote.name));
    }
  }
  return w;
}

std::string where_name(const scenario::Scenario& s, const Wiring& w, const core::IrpWhereabouts& where) {
  using K = core::IrpWhereabouts::Kind;
  switch (where.kind) {
    case K::DRIVER_QUEUE: return "waiting in a queue of driver " + s.drivers[where.index].name;
    case K::DRIVER: return "owned by driver " + s.drivers[where.index].name;
    case K::TARGET: return "pended in I/O target " + w.targets[where.index].name;
    case K::DEVICE: return "pending in the hardware below driver " + s.drivers[where.index].name;
    case K::COMPLETING: return "completing to driver " + s.drivers[where.index].name;
    case K::TERMINATED: return "stopped by a violation in driver " + s.drivers[where.index].name;
    default: return core::describe(where);
  }
}

// Watches the wall-time limit and the interrupt flag from the engine's time-advance signal. The wall clock is read
// every kWallCheckEvery advances only (it costs as much as a short hop).
class HaltWatch {
public:
  explicit HaltWatch(const RunOptions& o) : options_(o), start_(std::chrono::steady_clock::now()) {}
  std::optional<std::pair<Halt, std::string>> check() {
    if (options_.catch_interrupts && InterruptGuard::received() != 0)
      return std::pair{Halt::INTERRUPTED, std::string(InterruptGuard::received() == SIGTERM ? "SIGTERM" : "Ctrl-C (SIGINT)")};
    if (++advances_ % kWallCheckEvery == 0 && options_.max_wall_s < std::numeric_limits<double>::infinity() &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() >= options_.max_wall_s)
      return std::pair{Halt::WALL_TIME_LIMIT,
                       "the wall-time limit of " + seconds(options_.max_wall_s) + " was reached"};
    return std::nullopt;
  }

private:
  static constexpr std::uint64_t kWallCheckEvery = 64;
public:
  static std::string seconds(double s) {
    char text[64];
    std::snprintf(text, sizeof text, "%g s", s);
    return text;
  }
  const RunOptions& options_;
  std::chrono::steady_clock::time_point start_;
  std::uint64_t advances_ = 0;
};

std::unique_ptr<sg4::Engine> make_engine(const RunOptions& options) {
  static std::vector<std::string> args;
  static std::vector<char*> argv;
  args = {"irpsim", "--log=root.thresh:warning", "--log=root.fmt:[%r]%e[%c/%p]%e%m%n"};
  args.insert(args.end(), options.simgrid_args.begin(), options.simgrid_args.end());
  argv.clear();
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  return std::make_unique<sg4::Engine>(&argc, argv.data());
}

}  // namespace

std::string simgrid_version() {
  return std::to_string(SIMGRID_VERSION_MAJOR) + "." + std::to_string(SIMGRID_VERSION_MINOR);
}

SimulationResult simulate(const scenario::Scenario& s, const RunOptions& options) {
  auto engine = make_engine(options);
  const Wiring w = wire(s);

  auto* zone = sg4::create_full_zone("irpsim");
  std::vector<sg4::Host*> hosts;
  for (const auto& h : s.hosts) {
    auto* host = zone->create_host(h.name, h.speed_flops);
    host->set_core_count(h.cores);
    host->seal();
    hosts.push_back(host);
  }
  auto* hardware_host = zone->create_host("irpsim hardware and workloads", 1e9);
  hardware_host->seal();
  zone->seal();

  World world(s, w.targets.size());
  world.replication = options.replication;
  world.cpu_free = scenario::has_no_cpu_costs(s);
  for (const auto& h : s.hosts)
    world.hosts.emplace_back(static_cast<std::uint32_t>(h.cores), h.speed_flops / scenario::kReferenceCoreFlops);
  world.irp_log = options.irp_log;
  world.max_requests_in_flight = options.max_in_flight;
  world.device_of_driver = w.device_of_driver;
  std::vector<std::unique_ptr<DriverActor>> drivers;
  std::vector<std::unique_ptr<TargetActor>> targets;
  std::vector<std::unique_ptr<DeviceActor>> devices;
  std::vector<std::unique_ptr<WorkloadActor>> workloads;
  for (std::uint32_t d = 0; d < s.drivers.size(); ++d)
    drivers.push_back(std::make_unique<DriverActor>(world, d, w.lower_of_driver[d], w.targets_of_driver[d]));
  for (std::uint32_t t = 0; t < w.targets.size(); ++t) {
    // The scenario's state changes for this target (events are sorted by time).
    std::vector<const scenario::TargetEventSpec*> events;
    const std::uint32_t owner = w.targets[t].driver;
    for (const auto& event : s.events)
      if (event.driver == owner && w.targets_of_driver[owner][event.target].global == t)
        events.push_back(&event);
    targets.push_back(std::make_unique<TargetActor>(world, t, w.targets[t].name, owner, w.target_lower[t],
                                                    w.target_stack_size[t], std::move(events)));
  }
  for (std::uint32_t v = 0; v < s.devices.size(); ++v)
    devices.push_back(std::make_unique<DeviceActor>(world, v, s.seed, options.replication));
  for (std::uint32_t l = 0; l < s.workloads.size(); ++l) {
    const auto top = static_cast<std::uint32_t>(s.stacks[s.workloads[l].stack].layers.front());
    workloads.push_back(std::make_unique<WorkloadActor>(world, l, top, w.stack_size_of_driver[top], s.seed,
                                                        options.replication));
  }
  for (auto& a : drivers) world.drivers.push_back(a.get());
  for (auto& a : targets) world.targets.push_back(a.get());
  for (auto& a : devices) world.devices.push_back(a.get());
  for (auto& a : workloads) world.workloads.push_back(a.get());

  for (std::uint32_t v = 0; v < devices.size(); ++v) {
    DeviceActor* actor = devices[v].get();
    sg4::Actor::create("device " + s.devices[v].name, hardware_host, [actor] { (*actor)(); })->daemonize();
  }
  for (std::uint32_t t = 0; t < targets.size(); ++t) {
    TargetActor* actor = targets[t].get();
    sg4::Host* host = hosts[s.drivers[w.targets[t].driver].host];
    sg4::Actor::create("target " + w.targets[t].name, host, [actor] { (*actor)(); })->daemonize();
  }
  for (std::uint32_t d = 0; d < drivers.size(); ++d) {
    DriverActor* actor = drivers[d].get();
    sg4::Actor::create("driver " + s.drivers[d].name, hosts[s.drivers[d].host], [actor] { (*actor)(); })
        ->daemonize();
  }
  for (std::uint32_t l = 0; l < workloads.size(); ++l) {
    WorkloadActor* actor = workloads[l].get();
    sg4::Actor::create("workload " + s.workloads[l].name, hardware_host, [actor] { (*actor)(); });
  }

  std::optional<ProgressMeter> progress;
  if (options.progress)
    progress.emplace(s);
  HaltWatch watch(options);
  // The simulated-time limit is a kernel timer, so the halt happens at that very time; the last workload to leave
  // removes it (a pending timer would otherwise carry the clock on to its date).
  world.workloads_running = workloads.size();
  if (options.max_simulated_s < std::numeric_limits<double>::infinity())
    world.limit_timer = simgrid::kernel::timer::Timer::set(options.max_simulated_s, [&world, &options] {
      world.limit_timer = nullptr;
      world.request_halt(Halt::SIMULATED_TIME_LIMIT,
                         "the simulated-time limit of " + HaltWatch::seconds(options.max_simulated_s) + " was reached");
    });
  sg4::Engine::on_time_advance_cb([&world, &progress, &watch](double) {
    world.clock.set(sg4::Engine::get_clock());
    if (!world.halted())
      if (auto reason = watch.check())
        world.request_halt(reason->first, std::move(reason->second));
    if (progress && progress->due()) {
      std::uint64_t done = 0;
      for (const auto& w : world.recorder.workloads())
        done += w.completed;
      progress->update(world.clock.now(), done);
    }
  });
  bool deadlocked = false;
  sg4::Engine::on_deadlock_cb([&deadlocked] { deadlocked = true; });
  {
    std::optional<InterruptGuard> interrupts;
    if (options.catch_interrupts)
      interrupts.emplace();  // after the Engine's constructor, which installs SimGrid's own SIGINT handler
    engine->run();
  }
  if (progress)
    progress->finish();

  // Where CPU time went.
  stats::CpuUsage& cpu = world.recorder.cpu();
  for (std::size_t h = 0; h < s.hosts.size(); ++h) {
    stats::HostCpuUsage usage{s.hosts[h].name, {}, world.hosts[h].timeline().width_s(),
                              world.hosts[h].timeline().busy_s()};
    for (const models::CoreUsage& core : world.hosts[h].usage())
      usage.cores.push_back(stats::CoreTime{core.busy_s, core.spin_s, core.steps});
    cpu.hosts.push_back(std::move(usage));
  }
  for (std::uint32_t d = 0; d < drivers.size(); ++d) {
    stats::DriverCpuUsage usage = drivers[d]->cpu_usage();
    const auto& locks = drivers[d]->model().locks();
    for (std::size_t k = 0; k < locks.size(); ++k)
      usage.locks.push_back(stats::LockUsage{s.drivers[d].locks[k].name, locks[k].acquisitions, locks[k].hold_s,
                                             locks[k].wait_s});
    cpu.drivers.push_back(std::move(usage));
  }
  for (const auto& device : devices)
    cpu.devices.push_back(device->interrupts());

  SimulationResult result{std::move(world.recorder), w.targets, {}, sg4::Engine::get_clock(), world.calls.hops,
                          deadlocked};
  result.halt = world.halt;
  result.accounting.created_outstanding = world.created_irps_outstanding;
  if (world.halt.reason == Halt::INTERRUPTED)
    result.halt.signal = InterruptGuard::received();
  if (world.halted())
    result.accounting.halt = report::Accounting::Halt{std::string(halt_name(world.halt.reason)), world.halt.detail,
                                                      world.halt.at_s};
  for (const auto& stats : result.recorder.workloads()) {
    result.accounting.issued += stats.issued;
    result.accounting.completed += stats.completed;
  }
  // After a halt the IRPs still outstanding were in flight, not stuck: counted, not listed, and no violation.
  if (world.halted()) {
    for (std::uint32_t l = 0; l < workloads.size(); ++l)
      result.accounting.in_flight += workloads[l]->outstanding().size();
  }
  for (std::uint32_t l = 0; l < workloads.size() && !world.halted(); ++l)
    for (const core::Irp* irp : workloads[l]->outstanding())
      result.accounting.stuck.push_back(
          report::StuckIrp{irp->id(), l, irp->type, irp->issued_s, where_name(s, w, irp->where)});
  // A request its driver owns at the end was never completed: the SDV rule RequestCompleted (section 5).
  for (std::uint32_t l = 0; l < workloads.size() && !world.halted(); ++l)
    for (const core::Irp* irp : workloads[l]->outstanding())
      if (irp->where.kind == core::IrpWhereabouts::Kind::DRIVER)
        world.accounting.add(report::Violation{irp->id(), "REQUEST_NEVER_COMPLETED (SDV rule RequestCompleted)",
                                                     s.drivers[irp->where.index].name, sg4::Engine::get_clock(),
                                                     "the driver owns the request and never completed it"});
  result.accounting.violations = std::move(world.accounting.violations);
  result.accounting.violation_counts = std::move(world.accounting.violation_counts);
  result.accounting.violations_total = world.accounting.violations_total;
  if (world.issue.clock_stalled())
    result.accounting.add(report::Violation{
        world.issue.issued() - 1, "SIMULATED_TIME_STALLED", "", world.issue.last_issue_s(),
        std::to_string(IssueControl::kMaxIssuesPerInstant) +
            " requests were issued without simulated time advancing (requests that take no simulated time under a "
            "time-only stop rule); issuing stopped there"});
  return result;
}

}  // namespace irpsim::engine
