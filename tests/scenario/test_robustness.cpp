// The parser never crashes, aborts or hangs: every value of the quickstart replaced by values of every JSON type,
// every prefix of its text, random byte damage and deep nesting all end in a ScenarioError (or a valid Scenario).
// The malformed cases with a known pointer and message are in malformed_cases.hpp's tables.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"
#include "models/distribution.hpp"
#include "sim/scenario/json_reader.hpp"

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
      "", "x", "0", "-1us", "1e400s", "1000001s", "18446744073709551616B", "0.000001/s",
      "0." + std::string(300, '0') + "1ns", std::string(10000, '9') + "B", json::array(), json::object(),
      json::array({1, 2}), json::object({{"dist", "normal"}}), json::object({{"action", "complete"}})};
  std::size_t failures = 0;
  for (std::size_t p = 0; p < pointers.size(); ++p) {
    const auto& at = pointers[p];
    for (std::size_t r = 0; r < replacements.size(); ++r) {
      if (!tried(p, r))
        continue;
      json doc = original;
      doc[at] = replacements[r];
      if (!outcome_ok([&] { irpsim::scenario::parse_scenario(doc, "fuzz"); })) {
        ++failures;
        UNSCOPED_INFO(at.to_string() << " = " << replacements[r].dump());
      }
    }
    // And the key (or array element) removed.
    if (!at.empty() && tried(p, replacements.size())) {
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
    // What text_problem refuses, the parser refuses too (so the parser may call it first without rejecting more).
    if (irpsim::scenario::detail::text_problem(damaged) && issues_of_text(damaged).empty())
      ++failures;
  }
  CHECK(failures == 0);
  CHECK_FALSE(irpsim::scenario::detail::text_problem(text));
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

TEST_CASE("every distribution the parser accepts draws finite values", "[robustness]") {
  // Extreme parameters of every kind: the ones the parser accepts must give draws a simulation can use (a lognormal
  // whose stddev / mean overflowed once drew NaN, and SimGrid aborted on it).
  const std::vector<std::string> durations{"0", "0.000000000000000000000000000001ns",
                                           "0." + std::string(200, '0') + "1ns", "1ns", "100us", "1000000s"};
  std::vector<json> specs;
  for (const std::string& a : durations) {
    specs.push_back(a);
    specs.push_back({{"dist", "exponential"}, {"mean", a}});
    for (const std::string& b : durations) {
      specs.push_back({{"dist", "uniform"}, {"min", a}, {"max", b}});
      specs.push_back({{"dist", "normal"}, {"mean", a}, {"stddev", b}});
      specs.push_back({{"dist", "lognormal"}, {"mean", a}, {"stddev", b}});
      specs.push_back({{"dist", "empirical"},
                       {"table", json::array({json::array({a, 1e-300}), json::array({b, 1.7e308})})}});
    }
  }
  std::size_t accepted = 0;
  for (const json& spec : specs) {
    json document = minimal_scenario();
    document["devices"][0]["latency"]["default"] = spec;
    irpsim::scenario::Scenario s;
    try {
      s = irpsim::scenario::parse_scenario(document, "distribution");
    } catch (const ScenarioError&) {
      continue;
    }
    ++accepted;
    const irpsim::models::Distribution d(s.devices.at(0).latency[0]);
    irpsim::models::RandomStream rng(1, 0, "test/" + spec.dump());
    bool finite = true;
    for (int i = 0; i < 1000 && finite; ++i) {
      const double x = d.sample(rng);
      finite = std::isfinite(x) && x >= 0;
    }
    INFO(spec.dump());
    CHECK(finite);
  }
  CHECK(accepted > specs.size() / 2);
}
