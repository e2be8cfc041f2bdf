// The parser never crashes, aborts or hangs: every value of the quickstart replaced by values of every JSON type,
// every prefix of its text, random byte damage and deep nesting all end in a ScenarioError (or a valid Scenario).
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"

using namespace irpsim::test;
using irpsim::scenario::ScenarioError;

namespace {

std::string quickstart_text() {
  std::ifstream in(repo_path("scenarios/quickstart.json"));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void all_pointers(const json& node, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (node.is_object())
    for (const auto& [key, child] : node.items())
      all_pointers(child, at / key, out);
  else if (node.is_array())
    for (std::size_t i = 0; i < node.size(); ++i)
      all_pointers(node[i], at / i, out);
}

// Parses; returns false if anything but a valid Scenario or a ScenarioError with issues came out.
bool outcome_ok(const std::function<void()>& parse) {
  try {
    parse();
    return true;
  } catch (const ScenarioError& e) {
    if (e.issues.empty())
      return false;
    for (const auto& issue : e.issues)
      if (issue.message.empty())
        return false;
    return std::string(e.what()).size() > 0;
  } catch (...) {
    return false;
  }
}

}  // namespace

TEST_CASE("every value replaced by every kind of value", "[robustness]") {
  const json original = json::parse(quickstart_text());
  std::vector<json::json_pointer> pointers;
  all_pointers(original, json::json_pointer(), pointers);
  const std::vector<json> replacements{
      nullptr, true, false, 0, -1, 1.5, -0.0, 1e308, -1e308, 18446744073709551615ull, -9223372036854775807ll - 1,
      "", "x", "0", "-1us", "1e400s", std::string(10000, '9') + "B", json::array(), json::object(),
      json::array({1, 2}), json::object({{"dist", "normal"}}), json::object({{"action", "complete"}})};
  std::size_t failures = 0;
  for (const auto& at : pointers) {
    for (const json& replacement : replacements) {
      json doc = original;
      doc[at] = replacement;
      if (!outcome_ok([&] { irpsim::scenario::parse_scenario(doc, "fuzz"); })) {
        ++failures;
        UNSCOPED_INFO(at.to_string() << " = " << replacement.dump());
      }
    }
    // And the key (or array element) removed.
    if (!at.empty()) {
      json doc = original;
      json& parent = doc[at.parent_pointer()];
      if (parent.is_object())
        parent.erase(at.back());
      else
        parent.erase(static_cast<std::size_t>(std::stoul(at.back())));
      if (!outcome_ok([&] { irpsim::scenario::parse_scenario(doc, "fuzz"); })) {
        ++failures;
        UNSCOPED_INFO(at.to_string() << " removed");
      }
    }
  }
  CHECK(failures == 0);
}

TEST_CASE("every prefix of a scenario file", "[robustness]") {
  const std::string text = quickstart_text();
  std::size_t failures = 0;
  for (std::size_t n = 0; n < text.size(); ++n)
    if (!outcome_ok([&] { irpsim::scenario::parse_scenario_text(std::string_view(text).substr(0, n), "prefix"); }))
      ++failures;
  CHECK(failures == 0);
}

TEST_CASE("random byte damage", "[robustness]") {
  const std::string text = quickstart_text();
  std::mt19937 rng(12345);  // fixed: the same damage every run
  std::uniform_int_distribution<std::size_t> pos(0, text.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  std::size_t failures = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = text;
    for (int k = 0; k < 1 + round % 4; ++k)
      damaged[pos(rng)] = static_cast<char>(byte(rng));
    if (!outcome_ok([&] { irpsim::scenario::parse_scenario_text(damaged, "damaged"); }))
      ++failures;
  }
  CHECK(failures == 0);
}

TEST_CASE("deep nesting and huge inputs", "[robustness]") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  CHECK(outcome_ok([&] { irpsim::scenario::parse_scenario_text(deep, "deep"); }));
  const std::string deep_object = "{\"hosts\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK(outcome_ok([&] { irpsim::scenario::parse_scenario_text(deep_object, "deep"); }));
  json many = minimal_scenario();
  for (int i = 0; i < 5000; ++i)
    many["hosts"].push_back({{"name", "cpu0"}, {"cores", -i}});
  try {
    irpsim::scenario::parse_scenario(many, "many");
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.issues.size() == 501);  // capped, plus a summary line
    CHECK(e.issues.back().message.find("more problems not listed") != std::string::npos);
  }
}
