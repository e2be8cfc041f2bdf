// The sections of a scenario file, parsed one by one (internal to irpsim_scenario). Each section parser fills its
// part of the Scenario and records the names it refers to; check_topology then resolves those names into indices
// and checks the rules that span sections (unique names, references, one stack per driver, bus at the bottom,
// remote targets, target events, and the cores of interrupts and workloads).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::scenario::detail {

// A name written where an entry of another section is meant.
struct Reference {
  std::string name;
  Pointer at;
};

// Where each entry is, and what it refers to by name (resolved by check_topology). An entry whose own name was
// invalid has an empty name in the Scenario and is left out of name checks (its problem is already reported).
struct Drafts {
  std::vector<Pointer> hosts, devices, drivers, stacks, workloads, events;
  std::vector<std::optional<Reference>> driver_host;       // per driver
  // Per driver, per entry of its "targets" (aligned with DriverSpec::remote_targets): the stack it opens.
  std::vector<std::vector<std::optional<Reference>>> target_stacks;
  std::vector<std::vector<Reference>> stack_drivers;       // per stack, top to bottom
  std::vector<std::optional<Reference>> stack_device;      // per stack
  std::vector<std::optional<Reference>> workload_stack;    // per workload
  std::vector<std::optional<Reference>> workload_host;     // per workload; none = the host of its stack's top driver
  // Where each core index is (aligned with WorkloadSpec::cpus and InterruptSpec::cores), for the range checks of
  // check_topology, which knows the hosts.
  std::vector<std::vector<Pointer>> workload_cpus;         // per workload
  std::vector<std::vector<Pointer>> interrupt_cores;       // per device
  std::vector<std::optional<Reference>> event_driver;      // per event, in file order
  std::vector<std::optional<Reference>> event_target;      // per event: a remote target's name; none = "lower"
};

// The name of a driver's local target in policies and events.
inline constexpr std::string_view kLowerTarget = "lower";

// What the driver's "policies" object holds, valid or not (an invalid policy still counts as written).
struct PolicyPresence {
  PerType<std::optional<Pointer>> typed;
  std::optional<Pointer> fallback;
};

// "cpu": {"dispatch": COST, "completion": COST} (each a duration or a distribution object) into the two costs; a
// key left out keeps its cost as it is.
void parse_cpu(const Value& v, DistributionSpec& dispatch, DistributionSpec& completion);
// A driver's "policies" object (policies.cpp); needs the driver's remote targets already parsed.
void parse_policies(const Value& v, DriverSpec& driver, PolicyPresence& presence);

void parse_hosts(const ObjectView& root, Scenario& s, Drafts& d);
void parse_devices(const ObjectView& root, Scenario& s, Drafts& d);
void parse_drivers(const ObjectView& root, Scenario& s, Drafts& d);  // includes the per-driver queue/policy rules
void parse_stacks(const ObjectView& root, Scenario& s, Drafts& d);
void parse_workloads(const ObjectView& root, Scenario& s, Drafts& d);
// A trace workload's "trace" object (traces.cpp); sets the workload's kind (and queue depth) from its timing.
std::optional<TraceSpec> parse_trace(const Value& v, WorkloadSpec& w);
// "stop" may be left out when every workload replays a trace.
void parse_stop_warmup_and_limits(const ObjectView& root, Scenario& s);
void parse_events(const ObjectView& root, Scenario& s, Drafts& d);  // "events", in file order (sorted later)
void check_topology(Scenario& s, const Drafts& d, Issues& issues);
// Resolves each trace's path against base_dir ("" = as written) and reads the file once (TraceSpec::census):
// unreadable files, malformed lines (unless skipped), traces with nothing to replay.
void check_traces(Scenario& s, const Drafts& d, Issues& issues, const std::filesystem::path& base_dir);

}  // namespace irpsim::scenario::detail
