// Scenario files (format v1, scenarios/README.md) to the validated plain structs of scenario.hpp. Every problem
// found is reported with the JSON pointer of the most specific value involved and a message saying what was
// expected and what was found; one call reports every problem it can find, not only the first. No input makes the
// parser crash, abort or hang: whatever is wrong ends up as a ScenarioError.
#pragma once
#include <exception>
#include <filesystem>
#include <string>
#include <system_error>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace irpsim::scenario {

struct ScenarioIssue {
  std::string pointer;   // RFC 6901 JSON pointer, e.g. "/devices/0/channels"; "" = the whole document
  std::string message;   // e.g. "expected an integer >= 1, found 0"
};

class ScenarioError : public std::exception {
public:
  ScenarioError(std::string source_name, std::vector<ScenarioIssue> found);
  std::string source;                 // file name or other label of the input
  std::vector<ScenarioIssue> issues;  // never empty
  // One line per issue: "SOURCE: POINTER: MESSAGE" ("SOURCE: MESSAGE" when the pointer is "").
  const char* what() const noexcept override;

private:
  mutable std::string what_;
};

// Validates a parsed document; throws ScenarioError listing every problem. A trace workload's relative "file" is
// read from base_dir ("": the current directory), and every trace is read through once (TraceSpec::census).
Scenario parse_scenario(const nlohmann::json& document, const std::string& source,
                        const std::filesystem::path& base_dir = {});
// Parses JSON text, then as parse_scenario. Syntax errors report line and column; duplicate keys are errors.
Scenario parse_scenario_text(std::string_view text, const std::string& source,
                             const std::filesystem::path& base_dir = {});
// Reads the file, then as parse_scenario_text with the file's folder as base_dir; an unreadable or empty file is a
// ScenarioError too.
Scenario load_scenario_file(const std::string& path);

// Makes every relative trace "file" of a scenario document absolute, against base_dir, so the document can be
// written elsewhere (compare and sweep write each run's scenario into its own folder) and still name its traces.
// Anything that is not where a trace file would be is left alone (the parser reports it).
template <class Json>
void anchor_trace_paths(Json& document, const std::filesystem::path& base_dir) {
  if (!document.is_object() || !document.contains("workloads") || !document["workloads"].is_array())
    return;
  std::error_code error;
  std::filesystem::path base = std::filesystem::absolute(base_dir.empty() ? "." : base_dir, error);
  if (error)
    base = base_dir;
  for (Json& w : document["workloads"]) {
    if (!w.is_object() || !w.contains("trace") || !w["trace"].is_object())
      continue;
    Json& trace = w["trace"];
    if (!trace.contains("file") || !trace["file"].is_string())
      continue;
    const std::filesystem::path path(trace["file"].template get<std::string>());
    if (!path.empty() && path.is_relative())
      trace["file"] = (base / path).lexically_normal().string();
  }
}

}  // namespace irpsim::scenario
