// Sweep files: ranges, the grid's order, point keys (stable, folder-safe, made from the values alone), the checks
// of the file with their pointers, and the values set into the base.
#include <catch2/catch.hpp>

#include "sim/cli/json_file.hpp"
#include "sim/cli/sweep_grid.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

std::vector<scenario::ScenarioIssue> sweep_issues(const char* text) {
  try {
    parse_sweep(parse_json_text(text, "s.json"), "s.json");
  } catch (const scenario::ScenarioError& e) {
    return e.issues;
  }
  return {};
}

bool has_issue(const std::vector<scenario::ScenarioIssue>& issues, const std::string& pointer,
               const std::string& part) {
  for (const auto& i : issues)
    if (i.pointer == pointer && i.message.find(part) != std::string::npos)
      return true;
  return false;
}

TEST_CASE("sweep: ranges, inclusive, with or without a unit, without accumulated rounding") {
  CHECK(ojson(range_values(1000, 9000, 2000, "/s")) == ojson::parse(R"(["1000/s", "3000/s", "5000/s", "7000/s",
                                                                         "9000/s"])"));
  CHECK(ojson(range_values(1, 10, 4, "")) == ojson::parse("[1, 5, 9]"));
  CHECK(range_values(1, 10, 4, "")[0].is_number_integer());
  CHECK(ojson(range_values(0.1, 0.5, 0.1, "")) == ojson::parse("[0.1, 0.2, 0.3, 0.4, 0.5]"));
  CHECK(ojson(range_values(0.5, 2, 0.5, "us")) == ojson::parse(R"(["0.5us", "1us", "1.5us", "2us"])"));
  CHECK(range_values(5, 5, 1, "").size() == 1);
  CHECK(range_values(5, 4, 1, "").empty());
  CHECK(number_text(1000) == "1000");
  CHECK(number_text(0.30000000000000004) == "0.3");
  CHECK(number_text(2.5) == "2.5");
  CHECK(number_text(-0.0) == "0");
}

std::vector<SweepParameter> two_parameters() {
  return {{"/workloads/0/rate", "rate", {"1000/s", "3000/s", "5000/s"}},
          {"/devices/0/channels", "channels", {1, 2}}};
}

TEST_CASE("sweep: the full grid, first parameter fastest, with keys from the values") {
  const auto points = expand_grid(two_parameters());
  REQUIRE(points.size() == 6);
  CHECK(points[0].indices == std::vector<std::size_t>{0, 0});
  CHECK(points[1].indices == std::vector<std::size_t>{1, 0});
  CHECK(points[3].indices == std::vector<std::size_t>{0, 1});
  CHECK(points[5].indices == std::vector<std::size_t>{2, 1});
  CHECK(points[0].key == "rate=1000%2Fs,channels=1");
  CHECK(points[5].key == "rate=5000%2Fs,channels=2");
  // A point keeps its key when other values are added: resuming finds it.
  auto more = two_parameters();
  more[0].values.insert(more[0].values.begin(), "500/s");
  more[1].values.push_back(4);
  bool found = false;
  for (const auto& p : expand_grid(more))
    found = found || p.key == "rate=5000%2Fs,channels=2";
  CHECK(found);
  CHECK(expand_grid({}).empty());
}

TEST_CASE("sweep: key values are folder-safe, and long keys end with a hash") {
  CHECK(encode_key_value(ojson("4KiB")) == "4KiB");
  CHECK(encode_key_value(ojson(2.5)) == "2.5");
  CHECK(encode_key_value(ojson(true)) == "true");
  CHECK(encode_key_value(ojson("a b/c%")) == "a%20b%2Fc%25");
  CHECK(encode_key_value(ojson::parse(R"({"dist": "constant"})")) == "%7B%22dist%22%3A%22constant%22%7D");
  std::vector<SweepParameter> params{{"/a", "a", {std::string(300, 'x'), std::string(299, 'x') + "y"}}};
  const auto points = expand_grid(params);
  CHECK(points[0].key.size() == kMaxKeyLength);
  CHECK(points[0].key.substr(0, 10) == "a=xxxxxxxx");
  CHECK(points[0].key != points[1].key);
}

TEST_CASE("sweep: a valid file, with labels from the pointers") {
  const SweepFile s = parse_sweep(parse_json_text(R"({"name": "sw", "base": "b.json", "seeds": 2, "parameters": [
      {"pointer": "/workloads/0/queue_depth", "values": [1, 2]},
      {"pointer": "/workloads/0/mix/0", "values": [{"type": "read", "size": "4KiB"}]},
      {"pointer": "/devices/0/latency/default", "label": "service", "range": {"from": 10, "to": 30, "step": 10,
       "unit": "us"}}]})", "s.json"), "s.json");
  CHECK(s.name == "sw");
  CHECK(*s.base_file == "b.json");
  CHECK(s.seeds == 2);
  REQUIRE(s.parameters.size() == 3);
  CHECK(s.parameters[0].label == "queue_depth");
  CHECK(s.parameters[1].label == "mix-0");
  CHECK(s.parameters[2].label == "service");
  CHECK(ojson(s.parameters[2].values) == ojson::parse(R"(["10us", "20us", "30us"])"));
}

TEST_CASE("sweep: every problem of the file, with its pointer") {
  auto issues = sweep_issues(R"({"name": "a b", "base": 3, "seeds": 0, "extra": 1, "parameters": [
      {"pointer": "workloads", "values": [1]},
      {"pointer": "/x/rate", "values": [1], "range": {"from": 1, "to": 2, "step": 1}},
      {"pointer": "/y/rate"},
      {"pointer": "/z", "range": {"from": 5, "to": 1, "step": 0}},
      {"pointer": "/z/w", "values": []}]})");
  CHECK(has_issue(issues, "/name", "a name of letters"));
  CHECK(has_issue(issues, "/base", "path of a scenario file"));
  CHECK(has_issue(issues, "/seeds", "expected an integer"));
  CHECK(has_issue(issues, "/extra", "unknown key"));
  CHECK(has_issue(issues, "/parameters/0/pointer", "JSON pointer"));
  CHECK(has_issue(issues, "/parameters/1", "found both"));
  CHECK(has_issue(issues, "/parameters/2", "found neither"));
  CHECK(has_issue(issues, "/parameters/2/pointer", "last token"));  // "rate" again
  CHECK(has_issue(issues, "/parameters/3/range/step", "expected a number > 0"));
  CHECK(has_issue(issues, "/parameters/4/values", "non-empty"));
  CHECK(has_issue(issues, "/parameters/4/pointer", "overlaps parameter 3's \"/z\""));
  issues = sweep_issues(R"({"name": "n", "base": "b.json", "parameters": [{"pointer": "/a", "range": {"from": 0,
      "to": 1000000, "step": 1}}]})");
  CHECK(has_issue(issues, "/parameters/0/range/step", "at most 10000"));
  issues = sweep_issues(R"({"name": "n", "base": "b.json", "parameters": [
      {"pointer": "/a", "range": {"from": 1, "to": 200, "step": 1}},
      {"pointer": "/b", "range": {"from": 1, "to": 200, "step": 1}}]})");
  CHECK(has_issue(issues, "/parameters", "at most 10000 points, found 40000"));
}

TEST_CASE("sweep: pointers must name values of the base, and points set them") {
  const ojson base = ojson::parse(R"({"workloads": [{"rate": "5k/s", "mix": []}], "devices": [{"channels": 1}]})");
  SweepFile s;
  s.parameters = two_parameters();
  check_pointers(s, base, "s.json");  // no throw
  const auto points = expand_grid(s.parameters);
  const ojson doc = apply_point(base, s.parameters, points[4]);
  CHECK(doc["workloads"][0]["rate"] == "3000/s");
  CHECK(doc["devices"][0]["channels"] == 2);
  CHECK(base["devices"][0]["channels"] == 1);
  s.parameters.push_back({"/workloads/1/rate", "rate2", {1}});
  s.parameters.push_back({"/stop/requests", "requests", {1}});
  try {
    check_pointers(s, base, "s.json");
    FAIL("no error");
  } catch (const scenario::ScenarioError& e) {
    REQUIRE(e.issues.size() == 2);
    CHECK(e.issues[0].pointer == "/parameters/2/pointer");
    CHECK(e.issues[1].pointer == "/parameters/3/pointer");
  }
}

}  // namespace
}  // namespace irpsim::cli
