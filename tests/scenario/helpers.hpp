// Shared by the scenario parser tests: a minimal valid scenario to break in one place, and the issues a parse
// reports.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/parser.hpp"

namespace irpsim::test {

// Built with AddressSanitizer (scripts/sanitize.sh)? There, the exhaustive replacement tests try every third
// (pointer, replacement) pair, rotating which, so every pointer and every replacement still occurs; the Release
// suite tries them all.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderSanitizers = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderSanitizers = true;
#else
inline constexpr bool kUnderSanitizers = false;
#endif
#else
inline constexpr bool kUnderSanitizers = false;
#endif
// Whether the exhaustive tests try replacement `r` at pointer `p` (both counted from 0).
inline bool tried(std::size_t p, std::size_t r) { return !kUnderSanitizers || (p + r) % 3 == 0; }

using nlohmann::json;
using scenario::ScenarioIssue;

// What replacing every value of a document gave: the parses that threw something other than a ScenarioError with
// issues (each described with UNSCOPED_INFO by the caller's Catch2 test), and the parses that succeeded.
struct ReplacementOutcome {
  std::vector<std::string> failures;
  std::size_t accepted = 0;
};
// Writes every replacement at every JSON pointer of `original` (and removes each value once), parses each result,
// and collects what did not end in a valid scenario or a ScenarioError with messages. Tries the pairs tried() says.
ReplacementOutcome replace_every_value(const json& original, const std::vector<json>& replacements);

// fdo (function) over pdo (bus) over ssd0, both with a default queue and a "default" forward policy; one closed
// workload.
inline json minimal_scenario() {
  return json::parse(R"({
    "schema_version": 1,
    "name": "minimal",
    "hosts": [{"name": "cpu0"}],
    "devices": [{"name": "ssd0", "latency": {"default": "100us"}}],
    "drivers": [
      {"name": "fdo", "role": "function", "host": "cpu0",
       "queues": [{"name": "main", "default": true}],
       "policies": {"default": {"action": "forward"}}},
      {"name": "pdo", "role": "bus", "host": "cpu0",
       "queues": [{"name": "main", "default": true}],
       "policies": {"default": {"action": "forward"}}}
    ],
    "stacks": [{"name": "disk", "drivers": ["fdo", "pdo"], "device": "ssd0"}],
    "workloads": [{"name": "app", "stack": "disk", "type": "closed", "queue_depth": 1,
                   "mix": [{"type": "read", "size": "4KiB"}]}],
    "stop": {"requests": 1000}
  })");
}

// The issues parse_scenario reports; empty when it accepts the document.
inline std::vector<ScenarioIssue> issues_of(const json& document) {
  try {
    scenario::parse_scenario(document, "test");
  } catch (const scenario::ScenarioError& e) {
    return e.issues;
  }
  return {};
}

inline std::vector<ScenarioIssue> issues_of_text(std::string_view text) {
  try {
    scenario::parse_scenario_text(text, "test");
  } catch (const scenario::ScenarioError& e) {
    return e.issues;
  }
  return {};
}

inline std::string listing(const std::vector<ScenarioIssue>& issues) {
  std::string out;
  for (const auto& i : issues)
    out += "  " + (i.pointer.empty() ? std::string("\"\"") : i.pointer) + ": " + i.message + "\n";
  return out.empty() ? "  (no issues)\n" : out;
}

// The first issue at `pointer` whose message contains every fragment, or nullptr.
inline const ScenarioIssue* find_issue(const std::vector<ScenarioIssue>& issues, std::string_view pointer,
                                       const std::vector<std::string>& fragments) {
  for (const auto& i : issues) {
    if (i.pointer != pointer)
      continue;
    bool all = true;
    for (const auto& f : fragments)
      all = all && i.message.find(f) != std::string::npos;
    if (all)
      return &i;
  }
  return nullptr;
}

// Whether a distribution (a CPU cost, a latency) is the constant `value`: a duration string or {"dist": "constant"}.
inline bool is_constant(const scenario::DistributionSpec& d, double value) {
  return d.kind == scenario::DistributionSpec::Kind::CONSTANT && d.value == value;
}

inline std::string repo_path(std::string_view relative) { return std::string(IRPSIM_SOURCE_DIR) + "/" + std::string(relative); }

}  // namespace irpsim::test
