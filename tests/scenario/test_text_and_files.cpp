// JSON text and files: syntax errors with line and column, empty input, duplicate keys, unreadable files.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace irpsim::test;
using irpsim::scenario::load_scenario_file;
using irpsim::scenario::ScenarioError;

TEST_CASE("syntax errors give line and column", "[text]") {
  const auto issues = issues_of_text("{\n  \"schema_version\": 1,\n  \"name\": \"x\",,\n}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pointer.empty());
  CHECK(issues[0].message.find("expected valid JSON, found a syntax error") != std::string::npos);
  CHECK(issues[0].message.find("line 3, column 15") != std::string::npos);
}

TEST_CASE("truncated and trailing text are syntax errors", "[text]") {
  CHECK(find_issue(issues_of_text("{\"name\": \"x\""), "", {"syntax error", "line 1"}));
  CHECK(find_issue(issues_of_text("{} {}"), "", {"syntax error", "line 1, column 4"}));
  CHECK(find_issue(issues_of_text("{\"a\": tru}"), "", {"syntax error"}));
  CHECK(find_issue(issues_of_text("{\"a\": 1} // comment"), "", {"syntax error"}));
}

TEST_CASE("empty input", "[text]") {
  for (const char* text : {"", "  \n\t "}) {
    const auto issues = issues_of_text(text);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pointer.empty());
    CHECK(issues[0].message == "expected a JSON document, found an empty file");
  }
}

TEST_CASE("numbers too large for a double", "[text]") {
  const auto issues = issues_of_text("{\"seed\": 1e400}");
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].message.find("expected valid JSON") != std::string::npos);
  CHECK(issues[0].message.find("1e400") != std::string::npos);
}

TEST_CASE("duplicate keys are errors, with the other problems", "[text]") {
  json document = minimal_scenario();
  std::string text = document.dump();
  // Write "channels" twice in the device, and break something else too.
  const std::string device = "{\"latency\":";
  REQUIRE(text.find(device) != std::string::npos);
  text.replace(text.find(device), 1, "{\"channels\": 2, \"channels\": 0, ");
  const auto issues = issues_of_text(text);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/devices/0/channels", {"expected each key once per object, found \"channels\" again"}));
  CHECK(find_issue(issues, "/devices/0/channels", {"expected an integer >= 1, found 0"}));
  CHECK(issues.size() == 2);
}

TEST_CASE("duplicate keys deep in arrays get the right pointer", "[text]") {
  const auto issues = issues_of_text(R"({"a": [1, {"b": [[], {"c": 1, "c": 2}]}], "a2": 0})");
  CHECK(find_issue(issues, "/a/1/b/1/c", {"found \"c\" again"}));
}

TEST_CASE("files that cannot be read", "[files]") {
  try {
    load_scenario_file("/nonexistent/irpsim/none.json");
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.source == "/nonexistent/irpsim/none.json");
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].message == "cannot read the file: No such file or directory");
  }
  try {
    load_scenario_file(repo_path("scenarios"));
    FAIL("accepted");
  } catch (const ScenarioError& e) {
    CHECK(e.issues.at(0).message == "expected a scenario file, found a directory");
  }
}

TEST_CASE("malformed case files", "[files]") {
  struct FileCase {
    const char* file;
    const char* pointer;
    const char* fragment;
  };
  const FileCase cases[] = {
      {"empty.json", "", "found an empty file"},
      {"syntax-error.json", "", "line 4, column 9"},
      {"unknown-key.json", "/workloads/0/queue_dept", "did you mean \"queue_depth\"?"},
      {"bad-topology.json", "/stacks/0/drivers/1", "expected a driver with role \"bus\" at the bottom"},
      {"bad-units.json", "/workloads/0/rate", "found \"8k\" (unknown unit \"k\")"},
      {"bad-units.json", "/workloads/0/mix/0/size", "found \"4kb\" (unknown unit \"kb\")"},
      {"bad-units.json", "/devices/0/latency/default/mean", "found \"100\" (no unit)"},
      {"bad-framework-keys.json", "/drivers/1/policies/internal_ioctl/chunk",
       "expected no \"chunk\" with action \"forward\""},
      {"bad-framework-keys.json", "/drivers/3/queues/0", "the required key \"retrieve_every\" for a manual queue"},
      {"bad-framework-keys.json", "/drivers/2/targets/0/name", "expected a target name other than \"lower\""},
      {"bad-framework-keys.json", "/events/1", "the required key \"sent_io\" for op \"stop\""},
  };
  for (const FileCase& c : cases) {
    INFO(c.file);
    try {
      load_scenario_file(repo_path("tests/scenario/cases/") + c.file);
      FAIL("accepted");
    } catch (const ScenarioError& e) {
      INFO(e.what());
      CHECK(find_issue(e.issues, c.pointer, {c.fragment}));
    }
  }
}
