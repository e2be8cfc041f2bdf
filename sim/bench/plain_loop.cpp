// The floor of irpsim's performance benchmark (issue 4): scenario R1 (scenarios/bench/r1.json) simulated by a plain,
// single-threaded event-heap loop written only for the benchmark. No SimGrid, no actors, no virtual dispatch on the
// path of a hop and no allocation per event: a binary min-heap of (time, sequence) events in a vector, one event per
// hop of an IRP.
//
// The model is R1's: a closed loop keeping `queue_depth` requests outstanding through a stack of `drivers` drivers
// (filters / a function driver above one bus driver), each forwarding every request through its local I/O target
// with a completion routine, onto a device with `channels` FCFS channels and exponential service of mean 100us,
// drawn with irpsim's own models::RandomStream and models::Distribution seeded exactly as irpsim seeds device
// "disk0" (seed, replication 0, "device/disk0/service").
//
// Hops. irpsim counts a hop for every message one actor posts to another (engine/inbox.hpp). For a stack of D
// drivers an IRP makes 4D of them, and this loop makes the same ones, each its own heap event:
//   down:  workload -> driver 0 (IoCallDriver of the issue)                                  1
//          driver k -> its I/O target k, target k -> driver k+1, for k = 0 .. D-2          2(D-1)
//          bus driver -> device (HardwareSubmit)                                             1
//   up:    device -> bus driver (HardwareCompletion)                                         1
//          completion walk -> target k (LowerCompleted), target k -> driver k (SendCompletion),
//          for k = D-2 .. 0                                                                2(D-1)
//          driver 0 -> workload (IrpDone)                                                    1
// so 12 for R1 (D = 3): one hop into and one out of every actor on the path, the model as the issue states it (every
// I/O target an actor the IRP passes through both ways). The end of a device's service is a timer in irpsim (the
// device actor's own timer queue, not a message), and is one more heap event here that is not counted as a hop:
// 4D + 1 events per IRP.
//
// `--targets inline` models the engine as irpsim now runs it (README, Performance): a plain send and the completion
// routine's hand-off are carried out in the sending driver's context (the target's state machine is asked in place
// and the IRP goes straight on to the next driver, or back to the owner): driver k -> driver k+1 and driver k+1 ->
// driver k are then one hop each, 2D + 2 hops per IRP (8 for R1) and 2D + 3 events. Without CPU costs the simulated
// results are identical either way (hops take no simulated time); with them, steps that become ready at the same
// instant can reach their core in another order, and the results differ slightly (see CPU).
//
// CPU (--dispatch-cpu-ns, --completion-cpu-ns, --isr-ns, --dpc-ns, --cores): the host model irpsim runs
// (models/host_cpu.hpp, used here as it is): every driver's dispatch callback and completion routine, and the
// device's ISR and DPC, is a CPU step of constant cost that runs to completion on one core of the host, the steps
// given to one core served first come, first served. As in irpsim's engine, with one submitting thread on core 0:
//   - the thread issues a request by IoCallDriver and its next issue waits until that call returns; the call is the
//     dispatch chain (driver 0's dispatch step, its send, driver 1's dispatch step, ... the bus driver's, all on the
//     thread's core) down to the device taking the request (HardwareSubmit): the thread is free from then on;
//   - the device's completion interrupts the submitting core: the ISR, then the DPC, then the completion routines
//     from the bus driver up, all on that core;
//   - a step that costs 0 on a free core runs in place (no event); any other step is submitted to its core and its
//     end is one more heap event (a timer, not a hop), and a step that waited for its core gets that event when the
//     core starts it (HostCpu::finish -> StepOwner::step_started).
// irpsim posts a message to the thread's workload when its call returns (CallReturned: 9 hops per IRP in R1); this
// loop has no event of its own for it (the thread issues from the event in which the device takes the request), nor
// for the start of a step that waited for its core (HostCpu::finish pushes that step's end at once), so its hops per
// IRP stay 4D or 2D + 2 with or without CPU costs, and a CPU step on a core costs one heap event (its end) and the
// HostCpu bookkeeping: the floor of what a CPU step can cost.
// The same instant's steps may reach a core in another order here than among irpsim's actors, so the two programs'
// results with CPU costs agree closely rather than to the last digit (R1 with the quickstart's costs: the same
// throughput and CPU busy time, mean latency within 0.01%, steps on a core within 0.3%).
// With every cost 0 (the default) no step ever waits and none takes time, so the loop runs exactly as it did before
// it had a CPU model, without the host model (same events, hops and results); `--cpu-model always` runs the host
// model anyway (the same hops and simulated results; only the wall time differs).
//
// Results (stdout, one JSON line): wall_s (the event loop only, as irpsim's run_info.wall_s covers simulate() only),
// cpu_s (the event loop's user + system CPU time: what a loaded machine changes least), requests (completed), hops,
// irps_per_wall_s, hops_per_wall_s, peak_rss_bytes (getrusage), mean_latency_ns and throughput_per_s over the
// measured window, defined as irpsim's recorder defines it: from the first measured issue to the last measured
// completion, counting the warm-up completions inside it; and with the host model, cpu_steps (steps run on a core:
// irpsim's cpu.hosts[].steps), cpu_steps_inline (free steps on a free core) and cpu_busy_s.
#include <sys/resource.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "models/distribution.hpp"
#include "models/host_cpu.hpp"
#include "models/random.hpp"

namespace {

using irpsim::models::CpuStep;
using irpsim::models::CpuWork;
using irpsim::models::Distribution;
using irpsim::models::HostCpu;
using irpsim::models::RandomStream;
using irpsim::models::StepOwner;
using irpsim::models::StepTiming;

enum Kind : std::uint8_t {
  DRIVER_ARRIVAL,        // IoCallDriver reached driver `level`: its dispatch step
  DISPATCH_DONE,         // driver `level`'s dispatch step has run: it sends the request on
  TARGET_SEND,           // driver `level` sent through its local I/O target (to driver level + 1)
  HARDWARE_SUBMIT,       // the bus driver started its device
  HARDWARE_FINISHED,     // the device's service time is over (a timer, not a hop): the ISR's step
  ISR_DONE,              // the ISR has run: the DPC's step
  DPC_DONE,              // the DPC has run: it calls the bus driver's completion
  HARDWARE_COMPLETION,   // the device's completion reached the bus driver: its completion step
  LOWER_COMPLETED,       // the completion walk reached the routine of target `level`
  SEND_COMPLETION,       // target `level` handed the completion to its owner, driver `level`: its completion step
  COMPLETION_DONE,       // driver `level`'s completion routine has run: it completes its request
  IRP_DONE,              // the IRP is back at the workload
};

// The kinds that end a CPU step that ran on a core (when popped from the heap; in place they are plain code).
inline bool ends_step(Kind k) { return k == DISPATCH_DONE || k == ISR_DONE || k == DPC_DONE || k == COMPLETION_DONE; }

struct Event {
  double time;
  std::uint64_t sequence;
  std::uint32_t irp;     // slot of the IRP (0 .. queue_depth - 1)
  std::uint16_t level;
  Kind kind;
};

inline bool before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
}

// A binary min-heap on (time, sequence) in a vector: same-time events come out in the order they were pushed.
class EventHeap {
public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  bool empty() const { return heap_.empty(); }
  void push(double time, std::uint32_t irp, std::uint16_t level, Kind kind) {
    Event e{time, next_sequence_++, irp, level, kind};
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent]))
        break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  Event pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n > 0) {
      std::size_t i = 0;
      for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n)
          break;
        if (child + 1 < n && before(heap_[child + 1], heap_[child]))
          ++child;
        if (!before(heap_[child], last))
          break;
        heap_[i] = heap_[child];
        i = child;
      }
      heap_[i] = last;
    }
    return top;
  }

private:
  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

// The device's FCFS wait line: a ring of IRP slots, never longer than the number of IRPs outstanding.
class Ring {
public:
  explicit Ring(std::size_t capacity) : slots_(capacity) {}
  bool empty() const { return count_ == 0; }
  void push(std::uint32_t v) {
    slots_[(head_ + count_) % slots_.size()] = v;
    ++count_;
  }
  std::uint32_t pop() {
    const std::uint32_t v = slots_[head_];
    head_ = (head_ + 1) % slots_.size();
    --count_;
    return v;
  }

private:
  std::vector<std::uint32_t> slots_;
  std::size_t head_ = 0, count_ = 0;
};

struct Options {
  std::uint64_t requests = 1'000'000;
  std::uint64_t warmup = 10'000;
  std::uint32_t queue_depth = 32;
  std::uint32_t drivers = 3;
  std::uint32_t channels = 8;
  double mean_service_s = 100e-6;
  std::uint64_t seed = 1;
  bool inline_targets = false;  // --targets inline: no hop through the I/O targets
  // CPU: per driver (top first) after parse(); as given until then (one value, or one per driver).
  std::vector<double> dispatch_cpu_s{0.0}, completion_cpu_s{0.0};
  std::vector<std::string> dispatch_cpu_text{"0"}, completion_cpu_text{"0"};
  double isr_s = 0, dpc_s = 0;
  std::uint32_t cores = 1;
  bool cpu_model_always = false;  // --cpu-model always: the host model even when every cost is 0

  bool any_cpu_cost() const {
    for (std::size_t i = 0; i < dispatch_cpu_s.size(); ++i)
      if (dispatch_cpu_s[i] != 0 || completion_cpu_s[i] != 0)
        return true;
    return isr_s != 0 || dpc_s != 0;
  }
  bool cpu_model() const { return cpu_model_always || any_cpu_cost(); }
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code == 0 ? stdout : stderr,
               "usage: %s [--requests N] [--warmup N] [--queue-depth N] [--drivers N] [--channels N] [--seed N]\n"
               "          [--targets actor|inline] [--dispatch-cpu-ns NS[,NS...]] [--completion-cpu-ns NS[,NS...]]\n"
               "          [--isr-ns NS] [--dpc-ns NS] [--cores N] [--cpu-model auto|always]\n"
               "  R1 (scenarios/bench/r1.json) as a plain event-heap loop. Defaults: --requests 1000000\n"
               "  --warmup 10000 --queue-depth 32 --drivers 3 (stack depth: 1 bus driver + filters/function above)\n"
               "  --channels 8 --seed 1 --targets actor (a hop into and out of each I/O target: 4 x drivers hops\n"
               "  per IRP; inline: 2 x drivers + 2).\n"
               "  CPU (irpsim's host model, models/host_cpu.hpp; one submitting thread on core 0, interrupts on the\n"
               "  submitting core): --dispatch-cpu-ns and --completion-cpu-ns take one cost in nanoseconds for every\n"
               "  driver or one per driver, top first (e.g. 1000,2000,1000); --isr-ns and --dpc-ns are the device's\n"
               "  interrupt costs; --cores the host's cores (default 1). All costs default to 0, and then the host\n"
               "  model is left out (it could change nothing) unless --cpu-model always.\n"
               "  Prints one JSON line on stdout.\n",
               argv0);
  std::exit(code);
}

std::uint64_t parse_count(const char* argv0, const char* name, const char* text, std::uint64_t min) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || v < min) {
    std::fprintf(stderr, "%s: %s: expected an integer >= %" PRIu64 ", found \"%s\"\n", argv0, name, min, text);
    usage(argv0, 2);
  }
  return v;
}

// A cost in nanoseconds ("500", "1000", "2.5"), as seconds rounded as irpsim rounds "500ns" (the decimal text with
// an exponent, through strtod: the nearest double), so both programs run on the same costs to the last bit.
double parse_ns(const char* argv0, const char* name, const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos &&
                     text.find('.') == text.rfind('.') && text != ".";
  const std::string scaled = text + "e-9";
  char* end = nullptr;
  errno = 0;
  const double v = plain ? std::strtod(scaled.c_str(), &end) : -1;
  if (!plain || errno != 0 || end != scaled.c_str() + scaled.size() || !(v >= 0) || v > 1.0) {
    std::fprintf(stderr, "%s: %s: expected a cost in nanoseconds (a decimal number from 0 to 1e9), found \"%s\"\n",
                 argv0, name, text.c_str());
    usage(argv0, 2);
  }
  return v;
}

std::vector<std::string> split_list(const char* text) {
  std::vector<std::string> out;
  std::string item;
  for (const char* c = text;; ++c) {
    if (*c == ',' || *c == '\0') {
      out.push_back(item);
      item.clear();
      if (*c == '\0')
        break;
    } else {
      item.push_back(*c);
    }
  }
  return out;
}

// One cost for every driver, or one per driver (top first).
std::vector<double> per_driver(const char* argv0, const char* name, const std::vector<std::string>& items,
                               std::uint32_t drivers) {
  if (items.size() != 1 && items.size() != drivers) {
    std::fprintf(stderr, "%s: %s: expected one cost or %u (one per driver, top first), found %zu\n", argv0, name,
                 drivers, items.size());
    usage(argv0, 2);
  }
  std::vector<double> out;
  for (std::uint32_t k = 0; k < drivers; ++k)
    out.push_back(parse_ns(argv0, name, items[items.size() == 1 ? 0 : k]));
  return out;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help")
      usage(argv[0], 0);
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s: %s: expected a value or an unknown option\n", argv[0], a.c_str());
      usage(argv[0], 2);
    }
    const char* v = argv[++i];
    if (a == "--requests") o.requests = parse_count(argv[0], "--requests", v, 1);
    else if (a == "--warmup") o.warmup = parse_count(argv[0], "--warmup", v, 0);
    else if (a == "--queue-depth") o.queue_depth = static_cast<std::uint32_t>(parse_count(argv[0], "--queue-depth", v, 1));
    else if (a == "--drivers") o.drivers = static_cast<std::uint32_t>(parse_count(argv[0], "--drivers", v, 1));
    else if (a == "--channels") o.channels = static_cast<std::uint32_t>(parse_count(argv[0], "--channels", v, 1));
    else if (a == "--seed") o.seed = parse_count(argv[0], "--seed", v, 0);
    else if (a == "--targets") {
      if (std::strcmp(v, "actor") != 0 && std::strcmp(v, "inline") != 0) {
        std::fprintf(stderr, "%s: --targets: expected actor or inline, found \"%s\"\n", argv[0], v);
        usage(argv[0], 2);
      }
      o.inline_targets = std::strcmp(v, "inline") == 0;
    }
    else if (a == "--dispatch-cpu-ns") o.dispatch_cpu_text = split_list(v);
    else if (a == "--completion-cpu-ns") o.completion_cpu_text = split_list(v);
    else if (a == "--isr-ns") o.isr_s = parse_ns(argv[0], "--isr-ns", v);
    else if (a == "--dpc-ns") o.dpc_s = parse_ns(argv[0], "--dpc-ns", v);
    else if (a == "--cores") o.cores = static_cast<std::uint32_t>(parse_count(argv[0], "--cores", v, 1));
    else if (a == "--cpu-model") {
      if (std::strcmp(v, "auto") != 0 && std::strcmp(v, "always") != 0) {
        std::fprintf(stderr, "%s: --cpu-model: expected auto or always, found \"%s\"\n", argv[0], v);
        usage(argv[0], 2);
      }
      o.cpu_model_always = std::strcmp(v, "always") == 0;
    }
    else {
      std::fprintf(stderr, "%s: unknown option %s\n", argv[0], a.c_str());
      usage(argv[0], 2);
    }
  }
  if (o.drivers > 60000 || o.queue_depth > (1u << 30) || o.cores > 4096) {
    std::fprintf(stderr, "%s: --drivers at most 60000, --queue-depth at most 2^30, --cores at most 4096\n", argv[0]);
    usage(argv[0], 2);
  }
  if (o.warmup >= o.requests) {
    std::fprintf(stderr, "%s: --warmup must be below --requests\n", argv[0]);
    usage(argv[0], 2);
  }
  o.dispatch_cpu_s = per_driver(argv[0], "--dispatch-cpu-ns", o.dispatch_cpu_text, o.drivers);
  o.completion_cpu_s = per_driver(argv[0], "--completion-cpu-ns", o.completion_cpu_text, o.drivers);
  return o;
}

struct IrpSlot {
  double issued_s;
  bool measured;
};

struct Result {
  std::uint64_t completed = 0, hops = 0, events = 0, measured = 0, window_completions = 0, late_warmup = 0;
  std::uint64_t cpu_steps = 0, cpu_steps_inline = 0;
  double latency_sum_s = 0, first_measured_issue_s = -1, last_measured_completion_s = -1, simulated_s = 0;
  double cpu_busy_s = 0;
};

// Told by HostCpu::finish when a step that waited for its core starts: its end goes into the heap at once. The tag
// is the event that ends it: (IRP slot, level, kind).
class StepEnds final : public StepOwner {
public:
  explicit StepEnds(EventHeap& heap) : heap_(heap) {}
  static std::uint64_t tag(std::uint32_t irp, std::uint16_t level, Kind then) {
    return (std::uint64_t{irp} << 24) | (std::uint64_t{level} << 8) | then;
  }
  void step_started(std::uint64_t tag, const StepTiming& timing) override {
    heap_.push(timing.finished_s, static_cast<std::uint32_t>(tag >> 24), static_cast<std::uint16_t>(tag >> 8),
               static_cast<Kind>(tag & 0xff));
  }

private:
  EventHeap& heap_;
};

// kCpu: with the host model and the submitting thread. Without (every cost 0), the loop is the one it was before
// the CPU model: every step would run in place, and the thread's calls would return at the instant they were made.
template <bool kCpu> Result run(const Options& o) {
  irpsim::scenario::DistributionSpec spec;
  spec.kind = irpsim::scenario::DistributionSpec::Kind::EXPONENTIAL;
  spec.mean = o.mean_service_s;
  const Distribution service(spec);
  RandomStream rng(o.seed, 0, "device/disk0/service");  // as models::DeviceModel seeds device "disk0"

  const auto bus = static_cast<std::uint16_t>(o.drivers - 1);
  EventHeap heap;
  heap.reserve(o.queue_depth + 1);  // each IRP has at most one event pending at a time
  Ring waiting(o.queue_depth);
  std::vector<IrpSlot> irps(o.queue_depth);
  std::uint32_t busy = 0;
  std::uint64_t issued = 0;
  Result r;

  // The host: one submitting thread on core 0, which is also where the device interrupts (the submitting core).
  constexpr std::uint32_t kCore = 0;
  HostCpu cpu(o.cores, 1.0);
  StepEnds ends(heap);
  std::vector<std::uint32_t> free_slots;  // IRP slots the thread may issue into (kCpu)
  std::uint64_t owed = 0;                 // requests the closed loop owes the thread (kCpu)
  bool thread_in_call = false;            // the thread's IoCallDriver has not returned yet (kCpu)

  auto issue = [&](std::uint32_t slot, double now) {
    const std::uint64_t ordinal = issued++;
    irps[slot] = IrpSlot{now, ordinal >= o.warmup};
    if (irps[slot].measured && r.first_measured_issue_s < 0)
      r.first_measured_issue_s = now;
    heap.push(now, slot, 0, DRIVER_ARRIVAL);
    ++r.hops;
  };
  auto start = [&](std::uint32_t slot, double now) {
    ++busy;
    heap.push(now + service.sample(rng), slot, bus, HARDWARE_FINISHED);  // a timer: not a hop
  };
  // The thread issues its next request if it is out of its call and the closed loop owes it one.
  auto try_issue = [&](double now) {
    if (thread_in_call || owed == 0 || issued >= o.requests)
      return;
    --owed;
    thread_in_call = true;
    const std::uint32_t slot = free_slots.back();
    free_slots.pop_back();
    issue(slot, now);
  };
  // A CPU step of IRP `irp` at `level`, followed by the code of event kind `then`. True when it ran in place (free
  // code on a free core): the caller goes straight on to `then`. Otherwise `then` comes as a heap event at the step's
  // end, pushed now if the core is free, or by StepEnds when the core starts it.
  auto step = [&](CpuWork work, double cost_s, std::uint32_t irp, std::uint16_t level, Kind then,
                  double now) -> bool {
    if constexpr (!kCpu) {
      return true;
    } else {
      if (cost_s == 0 && cpu.idle(kCore, now)) {
        ++r.cpu_steps_inline;
        return true;
      }
      StepTiming timing;
      if (cpu.submit(CpuStep{work, kCore, cost_s, {}, &ends, StepEnds::tag(irp, level, then)}, now, &timing))
        heap.push(timing.finished_s, irp, level, then);
      return false;
    }
  };

  if constexpr (kCpu) {
    owed = o.queue_depth;
    for (std::uint32_t slot = o.queue_depth; slot-- > 0;)
      free_slots.push_back(slot);  // issued from slot 0 up, as without the thread
    try_issue(0.0);
  } else {
    for (std::uint32_t slot = 0; slot < o.queue_depth && issued < o.requests; ++slot)
      issue(slot, 0.0);
  }

  while (!heap.empty()) {
    const Event e = heap.pop();
    ++r.events;
    const double now = e.time;
    if constexpr (kCpu)
      if (ends_step(e.kind))
        cpu.finish(kCore, now);  // the step held the core: the next one waiting for it starts now
    switch (e.kind) {
      case DRIVER_ARRIVAL:
        if (!step(CpuWork::DISPATCH, o.dispatch_cpu_s[e.level], e.irp, e.level, DISPATCH_DONE, now))
          break;
        [[fallthrough]];
      case DISPATCH_DONE:
        if (e.level == bus)
          heap.push(now, e.irp, e.level, HARDWARE_SUBMIT);
        else if (o.inline_targets)
          heap.push(now, e.irp, static_cast<std::uint16_t>(e.level + 1), DRIVER_ARRIVAL);
        else
          heap.push(now, e.irp, e.level, TARGET_SEND);
        ++r.hops;
        break;
      case TARGET_SEND:
        heap.push(now, e.irp, static_cast<std::uint16_t>(e.level + 1), DRIVER_ARRIVAL);
        ++r.hops;
        break;
      case HARDWARE_SUBMIT:
        if (busy < o.channels)
          start(e.irp, now);
        else
          waiting.push(e.irp);
        if constexpr (kCpu) {
          thread_in_call = false;  // the device has the request: the thread's IoCallDriver returns
          try_issue(now);
        }
        break;
      case HARDWARE_FINISHED:
        --busy;
        if (!waiting.empty())
          start(waiting.pop(), now);
        // The completion interrupt, on the submitting core: the ISR, then its DPC.
        if (!step(CpuWork::ISR, o.isr_s, e.irp, bus, ISR_DONE, now))
          break;
        [[fallthrough]];
      case ISR_DONE:
        if (!step(CpuWork::DPC, o.dpc_s, e.irp, bus, DPC_DONE, now))
          break;
        [[fallthrough]];
      case DPC_DONE:
        heap.push(now, e.irp, bus, HARDWARE_COMPLETION);
        ++r.hops;
        break;
      case HARDWARE_COMPLETION:
      case SEND_COMPLETION:
        if (!step(CpuWork::COMPLETION, o.completion_cpu_s[e.level], e.irp, e.level, COMPLETION_DONE, now))
          break;
        [[fallthrough]];
      case COMPLETION_DONE:
        // The driver's completion routine completes its request: the walk goes on to the routine of the target
        // above it, or back to the workload from the top driver.
        if (e.level == 0)
          heap.push(now, e.irp, 0, IRP_DONE);
        else
          heap.push(now, e.irp, static_cast<std::uint16_t>(e.level - 1),
                    o.inline_targets ? SEND_COMPLETION : LOWER_COMPLETED);
        ++r.hops;
        break;
      case LOWER_COMPLETED:
        heap.push(now, e.irp, e.level, SEND_COMPLETION);
        ++r.hops;
        break;
      case IRP_DONE: {
        ++r.completed;
        const IrpSlot& irp = irps[e.irp];
        if (irp.measured) {
          ++r.measured;
          r.latency_sum_s += now - irp.issued_s;
          r.window_completions += r.late_warmup + 1;  // warm-up completions before a measured one are inside
          r.late_warmup = 0;
          r.last_measured_completion_s = now;
        } else if (r.first_measured_issue_s >= 0 && now > r.first_measured_issue_s) {
          ++r.late_warmup;
        }
        r.simulated_s = now;
        if constexpr (kCpu) {
          free_slots.push_back(e.irp);
          ++owed;  // the closed loop: one more request, when the thread is out of its call
          try_issue(now);
        } else if (issued < o.requests) {
          issue(e.irp, now);  // the closed loop: the next request at once, in the same slot
        }
        break;
      }
    }
  }
  if constexpr (kCpu)
    for (const auto& u : cpu.usage()) {
      r.cpu_steps += u.steps;
      r.cpu_busy_s += u.total_s();
    }
  return r;
}

std::string ns_list(const std::vector<double>& costs_s) {
  std::string out = "[";
  for (std::size_t i = 0; i < costs_s.size(); ++i) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%.6g", i ? ", " : "", costs_s[i] * 1e9);
    out += buf;
  }
  return out + "]";
}

double cpu_seconds(const rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const bool cpu_model = o.cpu_model();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu_start_s = cpu_seconds(usage);
  const auto wall_start = std::chrono::steady_clock::now();
  const Result r = cpu_model ? run<true>(o) : run<false>(o);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  getrusage(RUSAGE_SELF, &usage);
  const double cpu_s = cpu_seconds(usage) - cpu_start_s;  // the event loop's user + system time
  const std::uint64_t peak_rss_bytes = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;  // Linux: KiB
  const double window_s = r.last_measured_completion_s - r.first_measured_issue_s;
  const double throughput = window_s > 0 ? static_cast<double>(r.window_completions) / window_s : 0.0;
  const double mean_latency_ns = r.measured > 0 ? r.latency_sum_s / static_cast<double>(r.measured) * 1e9 : 0.0;
  const auto per_irp = [&](std::uint64_t n) {
    return r.completed > 0 ? static_cast<double>(n) / static_cast<double>(r.completed) : 0.0;
  };
  std::fprintf(stderr,
               "plain loop: %u drivers, targets %s, %.6g hops per IRP (%.6g heap events per IRP); host model %s, "
               "%.6g CPU steps per IRP on a core\n",
               o.drivers, o.inline_targets ? "inline" : "actor", per_irp(r.hops), per_irp(r.events),
               cpu_model ? "on" : "off (every cost 0)", per_irp(r.cpu_steps));
  std::printf("{\"program\": \"plain_loop\", \"targets\": \"%s\", \"drivers\": %u, \"queue_depth\": %u"
              ", \"channels\": %u, \"seed\": %" PRIu64 ", \"warmup\": %" PRIu64 ", \"wall_s\": %.6f, \"cpu_s\": %.6f"
              ", \"requests\": %" PRIu64 ", \"measured\": %" PRIu64 ", \"hops\": %" PRIu64
              ", \"hops_per_irp\": %.6g, \"events\": %" PRIu64 ", \"irps_per_wall_s\": %.3f, \"hops_per_wall_s\": %.3f"
              ", \"peak_rss_bytes\": %" PRIu64 ", \"simulated_s\": %.9g, \"mean_latency_ns\": %.3f"
              ", \"throughput_per_s\": %.3f, \"cpu_model\": %s, \"cores\": %u, \"dispatch_cpu_ns\": %s"
              ", \"completion_cpu_ns\": %s, \"isr_ns\": %.6g, \"dpc_ns\": %.6g, \"cpu_steps\": %" PRIu64
              ", \"cpu_steps_inline\": %" PRIu64 ", \"cpu_busy_s\": %.9g}\n",
              o.inline_targets ? "inline" : "actor", o.drivers, o.queue_depth, o.channels, o.seed, o.warmup, wall_s,
              cpu_s, r.completed, r.measured, r.hops, per_irp(r.hops), r.events,
              wall_s > 0 ? static_cast<double>(r.completed) / wall_s : 0.0,
              wall_s > 0 ? static_cast<double>(r.hops) / wall_s : 0.0, peak_rss_bytes, r.simulated_s, mean_latency_ns,
              throughput, cpu_model ? "true" : "false", o.cores, ns_list(o.dispatch_cpu_s).c_str(),
              ns_list(o.completion_cpu_s).c_str(), o.isr_s * 1e9, o.dpc_s * 1e9, r.cpu_steps, r.cpu_steps_inline,
              r.cpu_busy_s);
  return 0;
}
