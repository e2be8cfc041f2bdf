// The summary's "replay" block of a trace workload: which trace, how it was replayed, and what became of each of its
// records (replayed, not replayed because the run stopped first, skipped and why, malformed and where).
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace irpsim::report {

// `replayed`: the requests the workload issued (each one a record of the trace).
nlohmann::ordered_json replay_block(const scenario::WorkloadSpec& spec, std::uint64_t replayed);

// One line for the reports, from a summary's "replay" block: "replayed 96 of 96 requests of sample.csv (csv, at the
// recorded times x1); 120 records: 96 requests, 24 skipped (file_action 2, flush 22), 0 malformed".
std::string describe_replay(const nlohmann::ordered_json& replay);

}  // namespace irpsim::report
