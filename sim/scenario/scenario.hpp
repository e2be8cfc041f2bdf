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
// C * kReferenceCoreFlops / S (SimGrid executes C * kReferenceCoreFlops flops on it).
inline constexpr double kReferenceCoreFlops = 1e9;

struct HostSpec {
  std::string name;
  int cores = 1;
  double speed_flops = kReferenceCoreFlops;  // per core, flop/s
};

struct DeviceSpec {
  std::string name;
  int channels = 1;                                   // requests served at once; the rest wait FIFO
  PerType<DistributionSpec> latency;                  // service time per request type (filled for every type)
  double bandwidth_bytes_per_s = 0;                   // 0: no size term; else service += length / bandwidth
  double error_rate = 0;                              // probability a request fails
  NtStatus error_status = core::STATUS_DEVICE_DATA_ERROR;
};

enum class DriverRole { FILTER, FUNCTION, BUS };
enum class DispatchKind { SEQUENTIAL, PARALLEL };

struct QueueSpec {
  std::string name;
  DispatchKind dispatch = DispatchKind::PARALLEL;
  std::int64_t max_presented = -1;                    // parallel only; -1 unlimited (NumberOfPresentedRequests)
  bool is_default = false;                            // takes every type no other queue of the driver takes
  std::vector<RequestType> types;                     // dispatching types (see core::dispatching_type)
  bool allow_zero_length = false;                     // AllowZeroLengthRequests
};

struct PolicySpec {
  enum class Action {
    FORWARD,   // format using current type + completion routine + asynchronous send to the next-lower target
               // (a bus driver "forwards" to its hardware device)
    COMPLETE,  // complete here with `status` after `delay_s`
  };
  Action action = Action::FORWARD;
  // FORWARD: the status the completion routine completes with; nullopt = the status from below.
  // COMPLETE: the status to complete with (always set by the parser; STATUS_SUCCESS by default).
  std::optional<NtStatus> status;
  double delay_s = 0;                                 // COMPLETE only
  // COMPLETE: Information to complete with; nullopt = the request's length for success, 0 otherwise.
  std::optional<std::uint64_t> information_bytes;
  // CPU time (on an idle core of the driver's host) for the dispatch callback and the completion routine;
  // the parser fills them from the driver's defaults when the policy does not override them.
  double dispatch_cpu_s = 0;
  double completion_cpu_s = 0;
};

struct DriverSpec {
  std::string name;
  DriverRole role = DriverRole::FUNCTION;
  std::size_t host = 0;                               // index into Scenario::hosts
  std::vector<QueueSpec> queues;
  PerType<std::optional<PolicySpec>> policies;        // EvtIoRead / EvtIoWrite / ... ; nullopt = no handler
  std::optional<PolicySpec> default_policy;           // EvtIoDefault
  double dispatch_cpu_s = 0;                          // driver-wide defaults, already applied to the policies
  double completion_cpu_s = 0;
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

struct WorkloadSpec {
  enum class Kind { CLOSED, OPEN_POISSON, OPEN_FIXED };
  std::string name;
  std::size_t stack = 0;                              // index into Scenario::stacks
  Kind kind = Kind::CLOSED;
  std::uint32_t queue_depth = 1;                      // CLOSED
  DistributionSpec think_time;                        // CLOSED: after a completion, before the next issue
  double rate_per_s = 0;                              // OPEN_*: mean arrival rate
  std::vector<MixEntry> mix;                          // at least one entry, weights > 0
  OffsetSpec offsets;
};

struct StopSpec {
  std::optional<std::uint64_t> requests;              // total requests issued by all workloads
  std::optional<double> time_s;                       // no request is issued at or after this time
};

struct WarmupSpec {
  std::uint64_t requests = 0;                         // the first N requests issued (all workloads) are excluded
  double time_s = 0;                                  // requests issued before this time are excluded
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
  StopSpec stop;                                      // at least one of requests / time_s is set
  WarmupSpec warmup;
};

std::string_view role_name(DriverRole r);
std::string_view dispatch_name(DispatchKind d);
std::string_view workload_kind_name(WorkloadSpec::Kind k);

}  // namespace irpsim::scenario
