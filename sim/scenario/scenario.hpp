// The scenario as plain, validated values: what the parser produces and the engine consumes. No JSON and no
// SimGrid types appear here. Times are in seconds (double), sizes in bytes, rates per second. Cross-references are
// indices into the vectors of Scenario, resolved and checked by the parser, so the engine never looks names up.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/request_type.hpp"
#include "sim/core/status.hpp"
#include "sim/replay/trace_census.hpp"

namespace irpsim::scenario {

using core::NtStatus;
using core::RequestType;
using core::kRequestTypeCount;

template <class T> using PerType = std::array<T, kRequestTypeCount>;

inline constexpr int kSchemaVersion = 1;

// A random variable, in the unit of what it describes (seconds for latencies and think times).
struct DistributionSpec {
  enum class Kind { CONSTANT, UNIFORM, EXPONENTIAL, NORMAL, LOGNORMAL, EMPIRICAL };
  Kind kind = Kind::CONSTANT;
  // CONSTANT: value; UNIFORM: min, max; EXPONENTIAL: mean; NORMAL (truncated at zero): mean, stddev;
  // LOGNORMAL: mean, stddev of the variable itself (not of its logarithm).
  double value = 0, min = 0, max = 0, mean = 0, stddev = 0;
  // EMPIRICAL: (value, weight) pairs; a draw picks a value with probability weight / sum of weights.
  std::vector<std::pair<double, double>> table;
};

// CPU costs in a scenario are durations on a reference core of this speed; a host of speed S runs a cost C in
// C * kReferenceCoreFlops / S (models::HostCpu divides costs by S / kReferenceCoreFlops).
inline constexpr double kReferenceCoreFlops = 1e9;

struct HostSpec {
  std::string name;
  int cores = 1;
  double speed_flops = kReferenceCoreFlops;  // per core, flop/s
};

// Which cores take a device's completion interrupt (scenarios/README.md, "Where CPU work runs").
struct InterruptSpec {
  DistributionSpec isr;                               // the ISR's CPU cost (reference-core seconds); 0 by default
  DistributionSpec dpc;                               // the DPC's CPU cost before the completion routines run
  // true: the core that submitted the request (storport with MSI-X: one message per core); false: `cores`, taken
  // round robin, one interrupt after another.
  bool submitting_core = true;
  std::vector<int> cores;                             // indices into the host's cores; non-empty when !submitting
};

struct DeviceSpec {
  std::string name;
  int channels = 1;                                   // requests served at once; the rest wait FIFO
  PerType<DistributionSpec> latency;                  // service time per request type (filled for every type)
  double bandwidth_bytes_per_s = 0;                   // 0: no size term; else service += length / bandwidth
  double error_rate = 0;                              // probability a request fails
  NtStatus error_status = core::STATUS_DEVICE_DATA_ERROR;
  // Whether a request waiting for a channel or in service can be cancelled (IoCancelIrp finds a cancel routine): it
  // then completes at once with STATUS_CANCELLED, Information 0, and frees its channel. Not cancelable: IoCancelIrp
  // only sets the IRP's Cancel bit and the request finishes normally.
  bool cancelable = false;
  InterruptSpec interrupt;
  // The host whose cores take the interrupt: the host of the bus driver at the bottom of the first stack on this
  // device (set by the parser; 0 when no stack uses the device).
  std::size_t host = 0;
};

enum class DriverRole { FILTER, FUNCTION, BUS };
enum class DispatchKind { SEQUENTIAL, PARALLEL, MANUAL };

struct QueueSpec {
  std::string name;
  DispatchKind dispatch = DispatchKind::PARALLEL;
  std::int64_t max_presented = -1;                    // parallel only; -1 unlimited (NumberOfPresentedRequests)
  bool is_default = false;                            // takes every type no other queue of the driver takes
  std::vector<RequestType> types;                     // dispatching types (see core::dispatching_type)
  bool allow_zero_length = false;                     // AllowZeroLengthRequests
  // MANUAL only: the driver calls WdfIoQueueRetrieveNextRequest every `retrieve_interval_s` (a timer started at time
  // 0), taking requests while it holds fewer than `max_retrieved` retrieved and not yet completed (-1 unlimited).
  double retrieve_interval_s = 0;
  std::int64_t max_retrieved = -1;
};

// A driver's I/O targets are numbered: 0 is the local target (the next-lower device object; for a bus driver, its
// hardware), 1.. are the remote targets of DriverSpec::remote_targets, in order.
inline constexpr std::size_t kLocalTarget = 0;

// A remote I/O target: WdfIoTargetCreate + WdfIoTargetOpen on the top device object of another stack. Its StackSize
// is that stack's top StackSize (section 10), so a received request rarely has enough stack locations for it.
struct RemoteTargetSpec {
  std::string name;
  std::size_t stack = 0;                              // index into Scenario::stacks
};

// WDF_REQUEST_SEND_OPTIONS for a policy's sends, plus whether the driver sets a completion routine (section 2).
// Invalid combinations are allowed in a scenario: WdfRequestSend then fails the way the framework does.
struct SendSpec {
  bool synchronous = false;                           // WDF_REQUEST_SEND_OPTION_SYNCHRONOUS
  bool send_and_forget = false;                       // WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET
  bool ignore_target_state = false;                   // WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE
  std::optional<double> timeout_s;                    // WDF_REQUEST_SEND_OPTION_TIMEOUT, relative; 0 = no timer
  bool completion_routine = true;                     // WdfRequestSetCompletionRoutine before each send
};

// Deliberate driver bugs, so a scenario can show what the framework's verifier reports.
enum class Mistake {
  NONE,
  COMPLETE_TWICE,            // the completion routine completes the request, then completes it again
  NEVER_COMPLETE,            // the completion routine returns without completing the request
  RESEND_WHILE_OUTSTANDING,  // right after a successful asynchronous send, the driver sends the request again
};

struct PolicySpec {
  enum class Action {
    FORWARD,   // format (using the current type, or WdmFormatUsingStackLocation with `rewrite_to`) + completion
               // routine + send to `targets[0]` (a bus driver "forwards" to its hardware device)
    COMPLETE,  // complete here with `status` after `delay_s`
    SPLIT,     // driver-created requests of `chunk_bytes` each (the last one shorter) to `targets[0]`
    FAN_OUT,   // the request to every target of `targets`, completing by `complete_on`
    ROUTE,     // the request to one target of `targets`, chosen by `route_by`
  };
  enum class Order { PARALLEL, SERIAL };                    // SPLIT
  enum class FanOutMode { RESEND, PARALLEL };               // FAN_OUT: the received request re-sent to each target
                                                            // in turn (ChangeTarget), or one created request each
  enum class CompleteOn { ALL, FIRST, QUORUM };             // FAN_OUT
  enum class RouteBy { ROUND_ROBIN, STRIPE, LEAST_OUTSTANDING };  // ROUTE
  Action action = Action::FORWARD;
  // FORWARD: the status the completion routine completes with; nullopt = the status from below.
  // COMPLETE: the status to complete with (always set by the parser; STATUS_SUCCESS by default).
  std::optional<NtStatus> status;
  double delay_s = 0;                                 // COMPLETE only
  // COMPLETE: Information to complete with; nullopt = the request's length for success, 0 otherwise.
  std::optional<std::uint64_t> information_bytes;
  // CPU time (reference-core seconds, drawn per step) for the dispatch callback and the completion routine;
  // the parser fills them from the driver's defaults when the policy does not override them.
  DistributionSpec dispatch_cpu;
  DistributionSpec completion_cpu;

  // Sends (FORWARD, SPLIT, FAN_OUT, ROUTE).
  std::vector<std::size_t> targets{kLocalTarget};     // the driver's target numbers; FORWARD and SPLIT use the first
  SendSpec send;
  // FORWARD, ROUTE: send a driver-created copy (WdfRequestCreate on the target, an IRP of exactly its StackSize)
  // instead of the received request; the received one completes with the copy's status and Information.
  bool create_request = false;
  std::optional<RequestType> rewrite_to;              // FORWARD: WdmFormatUsingStackLocation with this type
  std::optional<double> cancel_after_s;               // WdfRequestCancelSentRequest this long after each send
  std::uint32_t retry_attempts = 0;                   // re-sends after a failed completion (not after a failed send)
  double retry_delay_s = 0;                           // between a failed completion and the re-send
  std::uint64_t chunk_bytes = 0;                      // SPLIT: > 0
  Order order = Order::PARALLEL;                      // SPLIT
  FanOutMode fan_out_mode = FanOutMode::PARALLEL;     // FAN_OUT
  CompleteOn complete_on = CompleteOn::ALL;           // FAN_OUT
  std::uint32_t quorum = 0;                           // FAN_OUT with QUORUM: 1 .. targets.size()
  RouteBy route_by = RouteBy::ROUND_ROBIN;            // ROUTE
  std::uint64_t stripe_bytes = 0;                     // ROUTE by STRIPE: target = (offset / stripe) % targets
  Mistake mistake = Mistake::NONE;
};

// A spin lock of a driver (KeAcquireSpinLock / WdfSpinLockAcquire), taken at the start of the steps it names and
// held for `hold` (CPU work done under the lock, added to the step's own cost). Waiting for it spins: the core stays
// busy. Acquisitions are granted first come, first served (queued spin locks).
struct LockSpec {
  std::string name;
  DistributionSpec hold;                              // reference-core seconds, drawn per acquisition
  bool dispatch = false;                              // taken by the dispatch callbacks of the driver's policies
  bool completion = false;                            // taken by the completion routines
};

struct DriverSpec {
  std::string name;
  DriverRole role = DriverRole::FUNCTION;
  std::size_t host = 0;                               // index into Scenario::hosts
  std::vector<QueueSpec> queues;
  PerType<std::optional<PolicySpec>> policies;        // EvtIoRead / EvtIoWrite / ... ; nullopt = no handler
  std::optional<PolicySpec> default_policy;           // EvtIoDefault
  DistributionSpec dispatch_cpu;                      // driver-wide defaults, already applied to the policies
  DistributionSpec completion_cpu;
  std::vector<LockSpec> locks;                        // in the order a step takes them
  std::vector<RemoteTargetSpec> remote_targets;       // target numbers 1, 2, ... (0 is the local target)
};

struct StackSpec {
  std::string name;
  std::vector<std::size_t> layers;                    // driver indices, top to bottom; each driver in one stack
  std::size_t device = 0;                             // index into Scenario::devices, below the last layer
};

struct MixEntry {
  RequestType type = RequestType::READ;
  std::uint64_t size_bytes = 4096;
  double weight = 1;
  std::uint32_t ioctl_code = 0;                       // ioctl types only
};

struct OffsetSpec {
  enum class Pattern { SEQUENTIAL, RANDOM };
  Pattern pattern = Pattern::SEQUENTIAL;
  std::uint64_t start_bytes = 0;
  std::uint64_t span_bytes = 1ull << 30;              // offsets stay in [start, start + span)
  std::uint64_t align_bytes = 4096;                   // random offsets are multiples of this
};

// A recorded trace replayed by a workload (scenarios/README.md, "Trace replay").
struct TraceSpec {
  enum class Origin { ZERO, FIRST_REQUEST };
  std::string file;                                   // as written in the scenario
  std::string path;                                   // the file to read: `file`, relative to the scenario's folder
  replay::TraceFormat format = replay::TraceFormat::CSV;
  replay::TraceSelection selection;                   // which records are requests (blkparse, DiskSim, fio)
  // TRACE_RECORDED: a request is issued at (recorded time - origin) * time_scale, origin 0 or the first request's
  // recorded time.
  double time_scale = 1;
  Origin origin = Origin::ZERO;
  bool skip_malformed = false;                        // false: a malformed line is a scenario error
  replay::TraceCensus census;                         // the whole file, counted by the parser
  // The issue time of a request recorded at `recorded_s`.
  double issue_time_s(double recorded_s) const {
    return (recorded_s - (origin == Origin::FIRST_REQUEST ? census.first_request_s : 0.0)) * time_scale;
  }
};

struct WorkloadSpec {
  // TRACE_RECORDED replays a trace open loop at its recorded times; TRACE_CLOSED replays it closed loop, as fast as
  // queue_depth allows.
  enum class Kind { CLOSED, OPEN_POISSON, OPEN_FIXED, TRACE_RECORDED, TRACE_CLOSED };
  std::string name;
  std::size_t stack = 0;                              // index into Scenario::stacks
  Kind kind = Kind::CLOSED;
  std::uint32_t queue_depth = 1;                      // CLOSED, TRACE_CLOSED
  DistributionSpec think_time;                        // CLOSED: after a completion, before the next issue
  double rate_per_s = 0;                              // OPEN_*: mean arrival rate
  std::vector<MixEntry> mix;                          // CLOSED, OPEN_*: at least one entry, weights > 0
  OffsetSpec offsets;                                 // CLOSED, OPEN_*
  std::optional<TraceSpec> trace;                     // TRACE_*
  // The originator cancels (IoCancelIrp) this share of its requests, chosen at random, `cancel_after_s` after
  // issuing each if it has not completed by then.
  double cancel_share = 0;
  double cancel_after_s = 0;
  // Where the requests are submitted from: `threads` submitting threads on `host` (default: the host of the stack's
  // top driver), thread i on core cpus[i % cpus.size()], or on core i % cores when `cpus` is empty. A thread is busy
  // for as long as its IoCallDriver runs down the stack; each keeps queue_depth requests outstanding (closed loops);
  // open loops and trace replays give their arrivals to the threads in turn.
  std::size_t host = 0;
  std::uint32_t threads = 1;
  std::vector<int> cpus;
};

// Whether a workload keeps a number of requests outstanding (closed loop) rather than issuing at scheduled times.
constexpr bool is_closed_loop(WorkloadSpec::Kind k) {
  return k == WorkloadSpec::Kind::CLOSED || k == WorkloadSpec::Kind::TRACE_CLOSED;
}
constexpr bool is_trace(WorkloadSpec::Kind k) {
  return k == WorkloadSpec::Kind::TRACE_RECORDED || k == WorkloadSpec::Kind::TRACE_CLOSED;
}

// At least one of requests / time_s is set, unless every workload replays a trace (the traces' ends stop the run).
struct StopSpec {
  std::optional<std::uint64_t> requests;              // total requests issued by all workloads
  std::optional<double> time_s;                       // no request is issued at or after this time
};

struct WarmupSpec {
  std::uint64_t requests = 0;                         // the first N requests issued (all workloads) are excluded
  double time_s = 0;                                  // requests issued before this time are excluded
};

// Limits for runs that cannot finish, or not soon enough: reaching one halts the run with partial results.
struct LimitsSpec {
  static constexpr std::uint64_t kDefaultRequestsInFlight = 1'000'000;
  std::optional<double> simulated_time_s;             // halt when the simulated clock reaches this
  std::optional<double> wall_time_s;                  // halt after this much wall-clock time
  std::uint64_t requests_in_flight = kDefaultRequestsInFlight;  // halt when more are outstanding at once
};

// A state change of one I/O target at a simulated time (section 3.2).
struct TargetEventSpec {
  enum class Op { START, STOP, PURGE, CLOSE, REMOVE };
  enum class SentIo { CANCEL, WAIT, LEAVE_PENDING };  // STOP: WdfIoTargetCancelSentIo / WaitForSentIoToComplete /
                                                      // LeaveSentIoPending
  double at_s = 0;
  std::size_t driver = 0;                             // index into Scenario::drivers (not a bus driver)
  std::size_t target = kLocalTarget;                  // the driver's target number
  Op op = Op::STOP;
  SentIo sent_io = SentIo::CANCEL;                    // STOP only
  bool wait = true;                                   // PURGE: WdfIoTargetPurgeIoAndWait (true) or PurgeIo
};

struct Scenario {
  int schema_version = kSchemaVersion;
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::vector<HostSpec> hosts;
  std::vector<DeviceSpec> devices;
  std::vector<DriverSpec> drivers;
  std::vector<StackSpec> stacks;
  std::vector<WorkloadSpec> workloads;
  StopSpec stop;
  WarmupSpec warmup;
  LimitsSpec limits;
  bool verifier = false;                              // the KMDF verifier (FxVerifierOn, FxVerifierIO)
  std::vector<TargetEventSpec> events;                // sorted by at_s (stable: file order among equal times)
};

// How many requests a run issues, when known in advance: stop.requests, or, when every workload replays a trace and
// there is no stop rule, the traces' requests; 0 when not known.
std::uint64_t planned_requests(const Scenario& s);

// True when no driver code costs CPU: every dispatch and completion cost, ISR and DPC is a constant 0 and no driver
// has a lock. Such a run never keeps a core busy.
bool has_no_cpu_costs(const Scenario& s);

std::string_view role_name(DriverRole r);
std::string_view dispatch_name(DispatchKind d);
std::string_view workload_kind_name(WorkloadSpec::Kind k);

}  // namespace irpsim::scenario
