// The top of a scenario file, and the way in: files, text, parsed documents. The sections are read by
// hosts_devices.cpp, drivers.cpp, topology.cpp (stacks), workloads.cpp and events.cpp; cross-section rules by
// topology.cpp.
#include "sim/scenario/parser.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario {
namespace {

using detail::Issues;
using detail::json;
using detail::Pointer;

[[noreturn]] void fail(const std::string& source, std::string pointer, std::string message) {
  throw ScenarioError(source, {{std::move(pointer), std::move(message)}});
}

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string without_prefix(const char* what) {
  std::string text(what);
  if (const auto end = text.find("] "); !text.empty() && text[0] == '[' && end != std::string::npos)
    text.erase(0, end + 2);
  return text;
}

// Finds keys written twice in one object while the parser runs (nlohmann would silently keep the last one).
class DuplicateKeyFinder {
public:
  explicit DuplicateKeyFinder(Issues& issues) : issues_(issues) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (!frames_.empty())
          path_.push_back(frames_.back().is_object ? frames_.back().key : std::to_string(frames_.back().index));
        frames_.push_back({event == json::parse_event_t::object_start, {}, {}, 0});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        if (!path_.empty())
          path_.pop_back();
        element_done();
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) {
          Pointer at;
          for (const std::string& segment : path_)
            at /= segment;
          issues_.add(at / f.key, "expected each key once per object, found " + detail::quote(f.key) +
                                      " again (JSON parsers would silently keep only one of them)");
        }
        break;
      }
      case json::parse_event_t::value:
        element_done();
        break;
    }
    return true;
  }

private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };
  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object)
      ++frames_.back().index;
  }
  Issues& issues_;
  std::vector<Frame> frames_;
  std::vector<std::string> path_;  // segments from the root to the innermost open container
};

void parse_top(const json& document, Scenario& s, Issues& issues, const std::filesystem::path& base_dir) {
  using namespace detail;
  const Value root{document, Pointer(), issues};
  const ObjectView o(root, keys::kScenario, "a scenario object {\"schema_version\": 1, ...} at the top level");
  if (!o.ok())
    return;
  if (auto v = o.get("$schema"))
    read_string(*v);
  if (auto v = o.need("schema_version")) {
    if (auto n = read_unsigned(*v, 0, std::numeric_limits<std::uint64_t>::max())) {
      if (*n != static_cast<std::uint64_t>(kSchemaVersion)) {
        // Another version's keys would only produce noise: stop here.
        v->expected("1 (the scenario format version this irpsim reads)");
        return;
      }
    }
  }
  if (auto v = o.need("name"))
    if (auto name = read_name(*v))
      s.name = *name;
  if (auto v = o.get("description"))
    if (auto text = read_string(*v))
      s.description = *text;
  if (auto v = o.get("seed"))
    if (auto seed = read_unsigned(*v, 0, std::numeric_limits<std::uint64_t>::max()))
      s.seed = *seed;
  Drafts drafts;
  parse_hosts(o, s, drafts);
  parse_devices(o, s, drafts);
  parse_drivers(o, s, drafts);
  parse_stacks(o, s, drafts);
  parse_workloads(o, s, drafts);
  parse_stop_warmup_and_limits(o, s);
  if (auto v = o.get("verifier"))
    if (auto on = read_bool(*v))
      s.verifier = *on;
  parse_events(o, s, drafts);
  check_topology(s, drafts, issues);
  // Reading whole traces is worth it only for an otherwise valid scenario.
  if (issues.count() == 0)
    check_traces(s, drafts, issues, base_dir);
  // After check_topology, which reads the events in file order (Drafts::events).
  std::stable_sort(s.events.begin(), s.events.end(),
                   [](const TargetEventSpec& a, const TargetEventSpec& b) { return a.at_s < b.at_s; });
}

}  // namespace

ScenarioError::ScenarioError(std::string source_name, std::vector<ScenarioIssue> found)
    : source(std::move(source_name)), issues(std::move(found)) {}

const char* ScenarioError::what() const noexcept {
  try {
    what_.clear();
    for (const ScenarioIssue& issue : issues) {
      if (!what_.empty())
        what_ += '\n';
      what_ += source + ": ";
      if (!issue.pointer.empty())
        what_ += issue.pointer + ": ";
      what_ += issue.message;
    }
    return what_.c_str();
  } catch (...) {
    return "invalid scenario";
  }
}

Scenario parse_scenario(const json& document, const std::string& source, const std::filesystem::path& base_dir) {
  Issues issues;
  Scenario s;
  try {
    parse_top(document, s, issues, base_dir);
  } catch (const json::exception& e) {
    // Every reader checks types first, so this is a parser bug; still an error report, never a crash.
    issues.add(std::string(), std::string("internal error while reading the document: ") + e.what());
  }
  if (issues.count() > 0)
    throw ScenarioError(source, issues.take());
  return s;
}

Scenario parse_scenario_text(std::string_view text, const std::string& source,
                             const std::filesystem::path& base_dir) {
  // Encodings, bytes that are not UTF-8, NUL bytes and empty files, before the JSON parser reports them poorly.
  if (auto problem = detail::text_problem(text))
    fail(source, "", *problem);
  Issues issues;
  json document;
  try {
    DuplicateKeyFinder finder(issues);
    document = json::parse(text.begin(), text.end(), std::ref(finder));
  } catch (const json::parse_error& e) {
    fail(source, "", "expected valid JSON, found a syntax error: " + without_prefix(e.what()));
  } catch (const json::exception& e) {  // e.g. out_of_range.406: a number too large for a double
    fail(source, "", "expected valid JSON, found: " + without_prefix(e.what()));
  }
  try {
    Scenario s = parse_scenario(document, source, base_dir);
    if (issues.count() == 0)
      return s;
  } catch (const ScenarioError& e) {
    for (const ScenarioIssue& issue : e.issues)
      issues.add(issue.pointer, issue.message);
  }
  throw ScenarioError(source, issues.take());
}

Scenario load_scenario_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    fail(path, "", "expected a scenario file, found a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail(path, "", std::string("cannot read the file: ") + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad())
    fail(path, "", std::string("cannot read the file: ") + std::strerror(errno));
  return parse_scenario_text(content.str(), path, std::filesystem::path(path).parent_path());
}

}  // namespace irpsim::scenario
