// Malformed scenarios: each breaks the minimal valid scenario in one place (a JSON Patch; the tables are in
// malformed_format_cases.cpp and malformed_range_cases.cpp) and checks the exact JSON pointer and the expected/found
// parts of the message; unless noted, it must be the only issue reported. test_cli_exit_codes.cpp runs every case
// through the irpsim binary as well (exit code 2).
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "malformed_cases.hpp"

using namespace irpsim::test;

const std::vector<PatchCase>& irpsim::test::malformed_patch_cases() {
  static const std::vector<PatchCase> all = [] {
    std::vector<PatchCase> cases = malformed_format_cases();
    for (PatchCase& c : malformed_range_cases())
      cases.push_back(std::move(c));
    return cases;
  }();
  return all;
}

TEST_CASE("the minimal scenario is valid", "[malformed]") {
  const auto issues = issues_of(minimal_scenario());
  INFO(listing(issues));
  CHECK(issues.empty());
}

TEST_CASE("each malformed scenario is reported at its pointer", "[malformed]") {
  REQUIRE(malformed_patch_cases().size() >= 200);
  for (const PatchCase& c : malformed_patch_cases()) {
    SECTION(c.title) {
      const json document = minimal_scenario().patch(json::parse(c.patch));
      const auto issues = issues_of(document);
      INFO("issues:\n" << listing(issues));
      CHECK(find_issue(issues, c.pointer, c.fragments) != nullptr);
      if (c.only)
        CHECK(issues.size() == 1);
    }
  }
}

TEST_CASE("every problem is reported in one pass", "[malformed]") {
  const json document = minimal_scenario().patch(json::parse(R"([
      {"op":"add","path":"/devices/0/channels","value":0},
      {"op":"replace","path":"/drivers/0/role","value":"fiter"},
      {"op":"replace","path":"/workloads/0/mix/0/size","value":"4k"},
      {"op":"remove","path":"/stop"},
      {"op":"add","path":"/hosts/0/colour","value":"red"}])"));
  const auto issues = issues_of(document);
  INFO(listing(issues));
  CHECK(issues.size() == 5);
  CHECK(find_issue(issues, "/devices/0/channels", {"found 0"}));
  CHECK(find_issue(issues, "/drivers/0/role", {"found \"fiter\""}));
  CHECK(find_issue(issues, "/workloads/0/mix/0/size", {"found \"4k\""}));
  CHECK(find_issue(issues, "", {"\"stop\""}));
  CHECK(find_issue(issues, "/hosts/0/colour", {"unknown key"}));
}

TEST_CASE("what() has one line per issue", "[malformed]") {
  const json document = minimal_scenario().patch(json::parse(R"([
      {"op":"add","path":"/devices/0/channels","value":0},
      {"op":"remove","path":"/stop"}])"));
  try {
    irpsim::scenario::parse_scenario(document, "file.json");
    FAIL("accepted");
  } catch (const irpsim::scenario::ScenarioError& e) {
    CHECK(e.source == "file.json");
    CHECK(std::string(e.what()) ==
          "file.json: /devices/0/channels: expected an integer >= 1, found 0\n"
          "file.json: expected the required key \"stop\" (only a scenario whose every workload replays a trace may "
          "leave it out), found it missing");
  }
}

TEST_CASE("the root must be an object", "[malformed]") {
  for (const char* text : {"[]", "42", "\"scenario\"", "null", "true"}) {
    INFO(text);
    const auto issues = issues_of_text(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].message.find("expected a scenario object") != std::string::npos);
  }
}

TEST_CASE("the longest duration, 1000000s, is accepted", "[malformed]") {
  json document = minimal_scenario();
  document["devices"][0]["latency"]["default"] = "1000000s";
  document["stop"]["time"] = "1000000s";
  const auto issues = issues_of(document);
  INFO(listing(issues));
  CHECK(issues.empty());
}
