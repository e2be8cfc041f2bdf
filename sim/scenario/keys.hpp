// The keys the parser accepts in each kind of object of a scenario file. The parser checks objects against these
// tables (every other key is an error), and a test compares each table with the "properties" of the object it
// names in scenarios/irpsim.schema.json, so the schema and the parser cannot drift apart.
#pragma once
#include <array>
#include <span>
#include <string_view>

namespace irpsim::scenario::keys {

using Key = std::string_view;

inline constexpr auto kScenario = std::to_array<Key>({"$schema", "schema_version", "name", "description", "seed",
                                                      "hosts", "devices", "drivers", "stacks", "workloads", "stop",
                                                      "warmup", "limits", "verifier", "events"});
inline constexpr auto kHost = std::to_array<Key>({"name", "cores", "speed"});
inline constexpr auto kDevice =
    std::to_array<Key>({"name", "channels", "latency", "bandwidth", "errors", "cancelable", "interrupt"});
// Keyed by request type; the same keys name a driver's policies.
inline constexpr auto kPerType =
    std::to_array<Key>({"default", "read", "write", "ioctl", "internal_ioctl", "internal_ioctl_others"});
inline constexpr auto kDeviceErrors = std::to_array<Key>({"rate", "status"});
// A device's completion interrupt: {"isr": COST, "dpc": COST, "cores": "submitting" or [CORE, ...]}.
inline constexpr auto kInterrupt = std::to_array<Key>({"isr", "dpc", "cores"});
inline constexpr auto kDriver =
    std::to_array<Key>({"name", "role", "host", "cpu", "locks", "queues", "policies", "targets"});
// A driver's remote I/O target: {"name": NAME, "stack": STACK_NAME}.
inline constexpr auto kRemoteTarget = std::to_array<Key>({"name", "stack"});
// CPU costs, each a COST: a duration string (a constant) or a distribution object.
inline constexpr auto kCpu = std::to_array<Key>({"dispatch", "completion"});
// A driver's spin lock: {"name": NAME, "hold": COST, "steps": ["dispatch" and/or "completion"]}.
inline constexpr auto kLock = std::to_array<Key>({"name", "hold", "steps"});
inline constexpr auto kQueue = std::to_array<Key>({"name", "default", "types", "dispatch", "max_presented",
                                                   "allow_zero_length", "retrieve_every", "max_retrieved"});
// Every key a policy can take; which action takes which is in drivers.cpp (kPolicyKeyActions).
inline constexpr auto kPolicy = std::to_array<Key>(
    {"action", "status", "delay", "information", "cpu", "target", "targets", "send", "create", "rewrite",
     "cancel_after", "retry", "chunk", "order", "mode", "complete_on", "by", "stripe", "mistake"});
// A policy's "send": WDF_REQUEST_SEND_OPTIONS and whether a completion routine is set.
inline constexpr auto kSend = std::to_array<Key>(
    {"synchronous", "send_and_forget", "ignore_target_state", "timeout", "completion_routine"});
inline constexpr auto kRetry = std::to_array<Key>({"attempts", "delay"});
// A fan_out policy's "complete_on" written as an object: {"quorum": N}.
inline constexpr auto kQuorum = std::to_array<Key>({"quorum"});
inline constexpr auto kStack = std::to_array<Key>({"name", "drivers", "device"});
inline constexpr auto kWorkload = std::to_array<Key>(
    {"name", "stack", "host", "threads", "cpus", "type", "queue_depth", "think_time", "arrival", "rate", "mix",
     "offsets", "cancel", "trace"});
// A trace workload's recorded trace (scenarios/README.md, "Trace replay").
inline constexpr auto kTrace = std::to_array<Key>({"file", "format", "timing", "queue_depth", "time_scale",
                                                   "time_origin", "device", "action", "fio_file", "malformed"});
inline constexpr auto kCancel = std::to_array<Key>({"share", "after"});
inline constexpr auto kMix = std::to_array<Key>({"type", "size", "weight", "ioctl_code"});
inline constexpr auto kOffsets = std::to_array<Key>({"pattern", "start", "span", "align"});
inline constexpr auto kStop = std::to_array<Key>({"requests", "time"});
inline constexpr auto kWarmup = std::to_array<Key>({"requests", "time"});
// Limits for runs that cannot finish: halts with partial results (scenarios/README.md, "Limits").
inline constexpr auto kLimits = std::to_array<Key>({"simulated_time", "wall_time", "requests_in_flight"});
// An I/O target state change at a simulated time (top-level "events").
inline constexpr auto kEvent = std::to_array<Key>({"at", "driver", "target", "op", "sent_io", "wait"});
// Distribution objects: {"dist": NAME, ...parameters}.
inline constexpr auto kDistConstant = std::to_array<Key>({"dist", "value"});
inline constexpr auto kDistUniform = std::to_array<Key>({"dist", "min", "max"});
inline constexpr auto kDistExponential = std::to_array<Key>({"dist", "mean"});
inline constexpr auto kDistNormal = std::to_array<Key>({"dist", "mean", "stddev"});
inline constexpr auto kDistLognormal = std::to_array<Key>({"dist", "mean", "stddev"});
inline constexpr auto kDistEmpirical = std::to_array<Key>({"dist", "table"});

// The "dist" names, in the order of models::distribution_registry().
inline constexpr auto kDistributionNames =
    std::to_array<Key>({"constant", "uniform", "exponential", "normal", "lognormal", "empirical"});

struct KeyTable {
  std::string_view schema_pointer;  // the object's definition in irpsim.schema.json ("" = the root)
  std::span<const Key> keys;
};

// Every object kind of the format, with where the schema describes it.
inline constexpr std::array<KeyTable, 32> kAllTables{{
    {"", kScenario},
    {"/definitions/host", kHost},
    {"/definitions/device", kDevice},
    {"/definitions/latency", kPerType},
    {"/definitions/device_errors", kDeviceErrors},
    {"/definitions/interrupt", kInterrupt},
    {"/definitions/driver", kDriver},
    {"/definitions/cpu", kCpu},
    {"/definitions/lock", kLock},
    {"/definitions/queue", kQueue},
    {"/definitions/policies", kPerType},
    {"/definitions/policy", kPolicy},
    {"/definitions/send", kSend},
    {"/definitions/retry", kRetry},
    {"/definitions/complete_on_quorum", kQuorum},
    {"/definitions/remote_target", kRemoteTarget},
    {"/definitions/stack", kStack},
    {"/definitions/workload", kWorkload},
    {"/definitions/mix_entry", kMix},
    {"/definitions/offsets", kOffsets},
    {"/definitions/workload_cancel", kCancel},
    {"/definitions/trace", kTrace},
    {"/definitions/stop", kStop},
    {"/definitions/warmup", kWarmup},
    {"/definitions/limits", kLimits},
    {"/definitions/event", kEvent},
    {"/definitions/dist_constant", kDistConstant},
    {"/definitions/dist_uniform", kDistUniform},
    {"/definitions/dist_exponential", kDistExponential},
    {"/definitions/dist_normal", kDistNormal},
    {"/definitions/dist_lognormal", kDistLognormal},
    {"/definitions/dist_empirical", kDistEmpirical},
}};

}  // namespace irpsim::scenario::keys
