// Where CPU time went in a run, as the engine hands it to the reports: per host, each core's busy time by kind of
// work (dispatch, completion, ISR, DPC) and time spinning for locks, plus a time series of the host's busy
// core-seconds; per driver, its steps by kind (count, CPU, waiting for a core, spinning) and its spin locks.
// Plain values: the engine fills them from models::HostCpu and the driver models at the end of a run.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace irpsim::stats {

// Kinds of CPU work, in this order everywhere (summary.json keys: dispatch, completion, isr, dpc).
inline constexpr std::size_t kCpuKinds = 4;
inline constexpr std::array<const char*, kCpuKinds> kCpuKindNames{"dispatch", "completion", "isr", "dpc"};

struct CoreTime {
  std::array<double, kCpuKinds> busy_s{};
  double spin_s = 0;
  std::uint64_t steps = 0;
};

struct HostCpuUsage {
  std::string name;
  std::vector<CoreTime> cores;
  double timeline_bucket_s = 0;               // width of each time-series bucket
  std::vector<double> timeline_busy_s;        // busy core-seconds per bucket (all cores)
};

// One kind of step of one driver (dispatch callbacks or completion routines), over the whole run.
struct StepTotals {
  std::uint64_t steps = 0;
  double cpu_s = 0;                           // computing, lock holds included
  double core_wait_s = 0;                     // waiting for the core
  double spin_s = 0;                          // spinning for locks
};

struct LockUsage {
  std::string name;
  std::uint64_t acquisitions = 0;
  double hold_s = 0;
  double wait_s = 0;
};

struct DriverCpuUsage {
  StepTotals dispatch, completion;
  std::vector<LockUsage> locks;
};

// Interrupts of one device: ISRs and DPCs run, with their waits for a core.
struct InterruptTotals {
  std::uint64_t interrupts = 0;
  double isr_s = 0, dpc_s = 0, core_wait_s = 0;
};

struct CpuUsage {
  std::vector<HostCpuUsage> hosts;
  std::vector<DriverCpuUsage> drivers;        // per scenario driver
  std::vector<InterruptTotals> devices;       // per scenario device
};

}  // namespace irpsim::stats
