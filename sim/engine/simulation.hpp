// Runs one scenario on SimGrid: builds the platform (one host per scenario host, plus one for hardware and
// workloads), one actor per driver, local I/O target, device and workload, wires them, runs the engine to the end and
// accounts for every IRP issued. SimGrid allows one Engine per process, so simulate() runs once per process.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/engine/halt.hpp"
#include "sim/report/irp_log.hpp"
#include "sim/report/summary.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/recorder.hpp"

namespace irpsim::engine {

struct RunOptions {
  std::uint64_t replication = 0;
  std::vector<std::string> simgrid_args;   // e.g. "--log=...", "--cfg=..."; passed to the SimGrid engine
  core::IrpEventSink* irp_log = nullptr;   // the per-IRP event stream's sink (the caller finishes it)
  // Progress on stderr (simulated time, requests done, rate, estimated time left) about once a second; the caller
  // asks for it only when stderr is a terminal and the user did not ask for quiet.
  bool progress = false;
  // Limits for runs that cannot finish, or not soon enough (scenarios/README.md, "Limits"). The run halts, with
  // partial results, when the simulated clock reaches max_simulated_s, when max_wall_s of wall-clock time have
  // passed, when more than max_in_flight requests (all workloads) are outstanding at once (0: no limit), or, with
  // catch_interrupts, at Ctrl-C or SIGTERM (see interrupts.hpp).
  double max_simulated_s = std::numeric_limits<double>::infinity();
  double max_wall_s = std::numeric_limits<double>::infinity();
  std::uint64_t max_in_flight = 0;
  bool catch_interrupts = false;
};


struct SimulationResult {
  stats::Recorder recorder;
  std::vector<report::TargetInfo> targets;
  report::Accounting accounting;
  double simulated_s = 0;
  std::uint64_t hops = 0;
  bool deadlocked = false;                 // SimGrid found every actor waiting with IRPs still outstanding
  HaltState halt;                          // reason not NONE: the results are partial (accounting.in_flight)
};

SimulationResult simulate(const scenario::Scenario& scenario, const RunOptions& options);

// "3.32": the SimGrid version the binary was built with.
std::string simgrid_version();

}  // namespace irpsim::engine
