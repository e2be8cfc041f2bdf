// The cores of one host as Windows runs driver code on them, without SimGrid. Every piece of driver code is a CPU
// step on one core: a dispatch callback, a completion routine, an ISR, a DPC. A step runs to completion on its core
// (code at DISPATCH_LEVEL is not preempted by other DISPATCH_LEVEL code, and a dispatch routine that IoCallDriver
// runs synchronously keeps its core until it returns); the steps given to one core are served first come, first
// served. A step may take spin locks at its start, one after another: it spins (its core busy) until the lock is free,
// holds it for a drawn time of CPU work, releases it, then runs its own cost. Spin locks grant in request order, as
// queued spin locks do, so a lock is a single-server FIFO station whose customers are steps that hold a core.
//
// Left out, and why: preemption. An ISR preempts a DPC and a DPC preempts PASSIVE_LEVEL code in Windows; here a
// step waits for the one running on its core. Storage dispatch and completion paths run at or near DISPATCH_LEVEL and
// are short, so the error is at most one step's cost in a step's wait, while the core's work (and so utilisation and
// every throughput bound) is conserved. PASSIVE_LEVEL dispatch code that blocks (waits on an event) is not modelled:
// a driver's synchronous send keeps its request, not its core. Thread quanta, cache and NUMA effects are left out.
//
// Time is advanced by the caller: submit() starts a step at `now` when its core is free, otherwise queues it;
// the owner of a started step calls finish() when the step's finish time arrives, and the core then starts the next
// queued step at that instant and hands it back. Starting steps only at event times keeps lock requests in time
// order, which is what makes the Lindley recursion on a lock exact.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

namespace irpsim::models {

// What a step is, for the per-core accounting. Spinning for a lock is counted apart from all four.
enum class CpuWork : std::uint8_t { DISPATCH, COMPLETION, ISR, DPC };
inline constexpr std::size_t kCpuWorkKinds = 4;

// One spin lock: when it is free again, and what it has seen.
struct SpinLock {
  double free_at_s = 0;
  std::uint64_t acquisitions = 0;
  double hold_s = 0;                  // total time held
  double wait_s = 0;                  // total time steps spun for it
};

// A lock a step takes, with the time it holds it for (already on this host's speed).
struct LockTake {
  SpinLock* lock = nullptr;
  double hold_s = 0;
};

// When a step did what: it waited for its core from submitted to started, spun for its locks until `locked`
// (spin_s in all), and computed (under its locks, then its own cost) until finished.
struct StepTiming {
  double submitted_s = 0;
  double started_s = 0;
  double spin_s = 0;
  double finished_s = 0;
  double core_wait_s() const { return started_s - submitted_s; }
  double cpu_s() const { return finished_s - started_s - spin_s; }
};

// Who is told that a queued step has started (the engine's actors; tests use a recorder).
class StepOwner {
public:
  virtual ~StepOwner() = default;
  virtual void step_started(std::uint64_t tag, const StepTiming& timing) = 0;
};

struct CpuStep {
  CpuWork work = CpuWork::DISPATCH;
  std::uint32_t core = 0;
  double cost_s = 0;                  // on this host's speed
  std::vector<LockTake> locks;        // taken in order at the start
  StepOwner* owner = nullptr;         // told when the step starts, if it had to wait for its core
  std::uint64_t tag = 0;              // the owner's name for the step
};

// Per core: time busy by kind of work, time spinning, steps run.
struct CoreUsage {
  std::array<double, kCpuWorkKinds> busy_s{};
  double spin_s = 0;
  std::uint64_t steps = 0;
  double total_s() const {
    double t = spin_s;
    for (double b : busy_s)
      t += b;
    return t;
  }
};

// Busy core-seconds per time bucket of the run, for a utilisation time series. The bucket width doubles (pairs of
// buckets merge) whenever the run outgrows kMaxBuckets, so memory is bounded whatever the run's length.
class CpuTimeline {
public:
  static constexpr std::size_t kMaxBuckets = 256;
  explicit CpuTimeline(double initial_width_s = 1e-3) : width_s_(initial_width_s) {}
  void add(double from_s, double to_s);
  double width_s() const { return width_s_; }
  const std::vector<double>& busy_s() const { return busy_s_; }   // busy core-seconds per bucket

private:
  void grow_to(double t);
  double width_s_;
  std::vector<double> busy_s_;
};

class HostCpu {
public:
  // `speed_factor`: the host's core speed over the reference core's (costs are divided by it).
  HostCpu(std::uint32_t cores, double speed_factor);

  std::uint32_t cores() const { return static_cast<std::uint32_t>(cores_.size()); }
  double on_host(double reference_s) const { return reference_s / speed_factor_; }

  // Whether a step submitted now to `core` would start at once.
  bool idle(std::uint32_t core, double now) const {
    const Core& c = cores_[core];
    return c.idle_queue() && c.busy_until_s <= now;
  }
  // Submits a step at `now`. Returns true and fills `timing` when it starts at once; false when it waits for its
  // core (its owner's step_started is called when it starts).
  bool submit(CpuStep step, double now, StepTiming* timing);
  // A step of `core` has reached its finish time: starts the next queued step, if any, and tells its owner.
  void finish(std::uint32_t core, double now);

  const std::vector<CoreUsage>& usage() const { return usage_; }
  const CpuTimeline& timeline() const { return timeline_; }
  std::size_t waiting(std::uint32_t core) const { return cores_[core].waiting.size() - cores_[core].first; }

private:
  struct Queued {
    CpuStep step;
    double submitted_s;
  };
  // The steps waiting for a core are waiting[first..]: a vector, which allocates nothing until a step waits (a
  // deque allocates when constructed, and a host may have 4096 cores).
  struct Core {
    double busy_until_s = 0;
    std::vector<Queued> waiting;
    std::size_t first = 0;
    bool idle_queue() const { return first == waiting.size(); }
  };
  StepTiming start(std::uint32_t core, const CpuStep& step, double submitted_s, double now);

  double speed_factor_;
  std::vector<Core> cores_;
  std::vector<CoreUsage> usage_;
  CpuTimeline timeline_;
};

}  // namespace irpsim::models
