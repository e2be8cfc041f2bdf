// Scenario files (format v1, scenarios/README.md) to the validated plain structs of scenario.hpp. Every problem
// found is reported with the JSON pointer of the most specific value involved and a message saying what was
// expected and what was found; one call reports every problem it can find, not only the first. No input makes the
// parser crash, abort or hang: whatever is wrong ends up as a ScenarioError.
#pragma once
#include <exception>
#include <string>
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

// Validates a parsed document; throws ScenarioError listing every problem.
Scenario parse_scenario(const nlohmann::json& document, const std::string& source);
// Parses JSON text, then as parse_scenario. Syntax errors report line and column; duplicate keys are errors.
Scenario parse_scenario_text(std::string_view text, const std::string& source);
// Reads the file, then as parse_scenario_text; an unreadable or empty file is a ScenarioError too.
Scenario load_scenario_file(const std::string& path);

}  // namespace irpsim::scenario
