// The machine-readable result of a run: one JSON document built from the scenario, the recorder and the engine's
// end-of-run accounting, plus the fio-like text report rendered from that document alone.
//
// Determinism: keys keep a fixed order (ordered_json) and every value derives from the inputs, so the same scenario
// and seed give byte-identical JSON. The one exception is the "run_info" block (wall time, memory, versions), which
// comparisons remove. Every field carries its unit in its name (_ns, _s, _bytes, _per_s, _percent, _fraction for
// 0..1; "_ns_per_request" and the like are nanoseconds per request); counts are plain nouns. Figures with no samples
// (a latency block, a rate over an empty window) are null, never NaN or infinity.
//
// Layout (see build_summary): schema_version, scenario{name, description, file}, seed, run_status ("complete",
// "stopped_at_limit" or "interrupted": the last two are partial results), simulated_time_ns,
// workloads[] {.., types[] and all_types (latency_ns, submission_latency_ns, completion_latency_ns, ...), ordering},
// layers[] (per stack: end_to_end, share_sum_percent, rows[] of driver / target / device rows top to bottom; a driver
// row splits in_layer into core_wait, lock_spin, cpu and own_delay, a device row has interrupt_ns, counted in its
// share), cpu{hosts[], drivers[], devices[]} (where CPU time went: results/README.md, "Where CPU time goes"),
// accounting{issued, completed, in_flight, stuck[], violations[], halt (only when halted)}, run_info.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/request_type.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/recorder.hpp"

namespace irpsim::report {

// An IRP still outstanding when the run ended.
struct StuckIrp {
  std::uint64_t irp_id = 0;
  std::uint32_t workload = 0;         // index into Scenario::workloads
  core::RequestType type = core::RequestType::READ;
  double issued_s = 0;
  std::string where;                  // e.g. "queue default of driver fdo (presented)"
};

// A framework violation the engine detected (named like the bug check it would cause).
struct Violation {
  std::uint64_t irp_id = 0;
  std::string name;
  std::string driver;
  double time_s = 0;
  std::string detail;
};

struct Accounting {
  static constexpr std::size_t kMaxListedViolations = 1000;  // the rest are only counted
  std::uint64_t issued = 0, completed = 0;
  std::vector<StuckIrp> stuck;
  std::uint64_t in_flight = 0;                          // outstanding when a limit or an interrupt halted the run
  // Requests drivers created (split, fan-out, route, "create") not deleted at the end: stuck unless halted.
  std::uint64_t created_outstanding = 0;
  // Set when the run was halted before its end: a limit ("simulated_time_limit", "wall_time_limit",
  // "requests_in_flight_limit") or "interrupted"; the results are then partial.
  struct Halt {
    std::string reason, detail;
    double at_s = 0;
  };
  std::optional<Halt> halt;
  std::vector<Violation> violations;                    // the first kMaxListedViolations, in time order
  std::map<std::string, std::uint64_t> violation_counts;  // every violation, by name
  std::uint64_t violations_total = 0;
  // Records a violation: always counted, listed while the list is short.
  void add(Violation v);
};

// What the run cost; the only non-deterministic part of the summary.
struct RunInfo {
  double wall_s = 0;
  double simulated_s = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::uint64_t hops = 0;
  std::string irpsim_version, simgrid_version, scenario_file;
};

// The engine's target table: target i is the I/O target driver `driver` sends through.
struct TargetInfo {
  std::string name;
  std::uint32_t driver = 0;
};

// fio's default percentile list: 1, 5, 10, 20, ..., 90, 95, 99, 99.5, 99.9, 99.95, 99.99.
const std::vector<double>& default_percentiles();
// The JSON key of a percentile: "1.00", "99.50", "99.99".
std::string percentile_key(double p);

nlohmann::ordered_json build_summary(const scenario::Scenario& scenario, const stats::Recorder& recorder,
                                     const std::vector<TargetInfo>& targets, const Accounting& accounting,
                                     const RunInfo& run_info);

// The fio-like human report (defined in text_report.cpp); reads only the summary, so it can be re-rendered from a
// saved JSON file.
std::string render_text_report(const nlohmann::ordered_json& summary);

}  // namespace irpsim::report
