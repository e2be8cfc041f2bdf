// The floor of irpsim's performance benchmark (issue 4): scenario R1 (scenarios/bench/r1.json) simulated by a plain,
// single-threaded event-heap loop written only for the benchmark. No SimGrid, no actors, no virtual dispatch and no
// allocation per event: a binary min-heap of (time, sequence) events in a vector, one event per hop of an IRP.
//
// The model is R1's: a closed loop keeping `queue_depth` requests outstanding through a stack of `drivers` drivers
// (filters / a function driver above one bus driver), each forwarding every request through its local I/O target
// with a completion routine at zero CPU cost, onto a device with `channels` FCFS channels and exponential service of
// mean 100us, drawn with irpsim's own models::RandomStream and models::Distribution seeded exactly as irpsim seeds
// device "disk0" (seed, replication 0, "device/disk0/service").
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
// routine's hand-off are carried out in the sending driver's context (the target's state machine is asked in place and the IRP goes straight on to the next
// driver, or back to the owner): driver k -> driver k+1 and driver k+1 -> driver k are then one hop each, 2D + 2 hops
// per IRP (8 for R1) and 2D + 3 events. The simulated results are identical either way (hops take no simulated time).
//
// Results (stdout, one JSON line): wall_s (the event loop only, as irpsim's run_info.wall_s covers simulate() only),
// requests (completed), hops, irps_per_wall_s, hops_per_wall_s, peak_rss_bytes (getrusage), mean_latency_ns and
// throughput_per_s over the measured window, defined as irpsim's recorder defines it: from the first measured issue
// to the last measured completion, counting the warm-up completions inside it.
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
#include "models/random.hpp"

namespace {

using irpsim::models::Distribution;
using irpsim::models::RandomStream;

enum Kind : std::uint8_t {
  DRIVER_ARRIVAL,        // IoCallDriver reached driver `level`
  TARGET_SEND,           // driver `level` sent through its local I/O target (to driver level + 1)
  HARDWARE_SUBMIT,       // the bus driver started its device
  HARDWARE_FINISHED,     // the device's service time is over (a timer, not a hop)
  HARDWARE_COMPLETION,   // the device's completion reached the bus driver
  LOWER_COMPLETED,       // the completion walk reached the routine of target `level`
  SEND_COMPLETION,       // target `level` handed the completion to its owner, driver `level`
  IRP_DONE,              // the IRP is back at the workload
};

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
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code == 0 ? stdout : stderr,
               "usage: %s [--requests N] [--warmup N] [--queue-depth N] [--drivers N] [--channels N] [--seed N]\n"
               "          [--targets actor|inline]\n"
               "  R1 (scenarios/bench/r1.json) as a plain event-heap loop; defaults: --requests 1000000 --warmup 10000\n"
               "  --queue-depth 32 --drivers 3 (stack depth: 1 bus driver + filters/function above) --channels 8\n"
               "  --seed 1 --targets actor (a hop into and out of each I/O target: 4 x drivers hops per IRP; inline:\n"
               "  2 x drivers + 2). Prints one JSON line on stdout.\n",
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
    else {
      std::fprintf(stderr, "%s: unknown option %s\n", argv[0], a.c_str());
      usage(argv[0], 2);
    }
  }
  if (o.drivers > 60000 || o.queue_depth > (1u << 30)) {
    std::fprintf(stderr, "%s: --drivers at most 60000, --queue-depth at most 2^30\n", argv[0]);
    usage(argv[0], 2);
  }
  if (o.warmup >= o.requests) {
    std::fprintf(stderr, "%s: --warmup must be below --requests\n", argv[0]);
    usage(argv[0], 2);
  }
  return o;
}

struct IrpSlot {
  double issued_s;
  bool measured;
};

struct Result {
  std::uint64_t completed = 0, hops = 0, events = 0, measured = 0, window_completions = 0, late_warmup = 0;
  double latency_sum_s = 0, first_measured_issue_s = -1, last_measured_completion_s = -1, simulated_s = 0;
};

Result run(const Options& o) {
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

  for (std::uint32_t slot = 0; slot < o.queue_depth && issued < o.requests; ++slot)
    issue(slot, 0.0);

  while (!heap.empty()) {
    const Event e = heap.pop();
    ++r.events;
    const double now = e.time;
    switch (e.kind) {
      case DRIVER_ARRIVAL:
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
        break;
      case HARDWARE_FINISHED:
        heap.push(now, e.irp, bus, HARDWARE_COMPLETION);
        ++r.hops;
        --busy;
        if (!waiting.empty())
          start(waiting.pop(), now);
        break;
      case HARDWARE_COMPLETION:
      case SEND_COMPLETION:
        // The driver's completion routine (zero CPU) completes its request: the walk goes on to the routine of the
        // target above it, or back to the workload from the top driver.
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
        if (issued < o.requests)
          issue(e.irp, now);  // the closed loop: the next request at once, in the same slot
        break;
      }
    }
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const auto wall_start = std::chrono::steady_clock::now();
  const Result r = run(o);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const std::uint64_t peak_rss_bytes = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;  // Linux: KiB
  const double window_s = r.last_measured_completion_s - r.first_measured_issue_s;
  const double throughput = window_s > 0 ? static_cast<double>(r.window_completions) / window_s : 0.0;
  const double mean_latency_ns = r.measured > 0 ? r.latency_sum_s / static_cast<double>(r.measured) * 1e9 : 0.0;
  const double hops_per_irp = r.completed > 0 ? static_cast<double>(r.hops) / static_cast<double>(r.completed) : 0.0;
  std::fprintf(stderr, "plain loop: %u drivers, targets %s, %.6g hops per IRP (%.6g heap events per IRP)\n", o.drivers,
               o.inline_targets ? "inline" : "actor", hops_per_irp,
               r.completed > 0 ? static_cast<double>(r.events) / static_cast<double>(r.completed) : 0.0);
  std::printf("{\"program\": \"plain_loop\", \"targets\": \"%s\", \"drivers\": %u, \"queue_depth\": %u, \"channels\": %u, \"seed\": %" PRIu64
              ", \"warmup\": %" PRIu64 ", \"wall_s\": %.6f, \"requests\": %" PRIu64 ", \"measured\": %" PRIu64
              ", \"hops\": %" PRIu64 ", \"hops_per_irp\": %.6g, \"events\": %" PRIu64
              ", \"irps_per_wall_s\": %.3f, \"hops_per_wall_s\": %.3f, \"peak_rss_bytes\": %" PRIu64
              ", \"simulated_s\": %.9g, \"mean_latency_ns\": %.3f, \"throughput_per_s\": %.3f}\n",
              o.inline_targets ? "inline" : "actor", o.drivers, o.queue_depth, o.channels, o.seed, o.warmup, wall_s, r.completed, r.measured, r.hops,
              hops_per_irp, r.events, wall_s > 0 ? static_cast<double>(r.completed) / wall_s : 0.0,
              wall_s > 0 ? static_cast<double>(r.hops) / wall_s : 0.0, peak_rss_bytes, r.simulated_s, mean_latency_ns,
              throughput);
  return 0;
}
