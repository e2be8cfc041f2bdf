// Variants files: the checks of the file itself (pointers into it), and each variant patched over its base and
// validated by the scenario parser (its name in the source, pointers into the patched scenario, a note where a
// misspelt entry name added an entry). Also the strict JSON reading both share (duplicate keys, syntax errors).
#include <catch2/catch.hpp>

#include <string>

#include "sim/cli/json_file.hpp"
#include "sim/cli/variants.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

const char* kBase = R"({
  "schema_version": 1, "name": "base", "seed": 9,
  "hosts": [{"name": "cpu0"}],
  "devices": [{"name": "disk", "channels": 2, "latency": {"default": "100us"}}],
  "drivers": [
    {"name": "filter", "role": "filter", "host": "cpu0", "queues": [{"name": "main", "default": true}],
     "policies": {"default": {"action": "forward"}}},
    {"name": "pdo", "role": "bus", "host": "cpu0", "queues": [{"name": "main", "default": true}],
     "policies": {"default": {"action": "forward"}}}
  ],
  "stacks": [{"name": "disk", "drivers": ["filter", "pdo"], "device": "disk"}],
  "workloads": [{"name": "app", "stack": "disk", "type": "closed", "queue_depth": 2,
                 "mix": [{"type": "read", "size": "4KiB"}]}],
  "stop": {"requests": 100}
})";

std::vector<scenario::ScenarioIssue> variants_issues(const char* text) {
  try {
    parse_variants(parse_json_text(text, "v.json"), "v.json");
  } catch (const scenario::ScenarioError& e) {
    CHECK(e.source == "v.json");
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

TEST_CASE("variants: a valid file, in order, with {} as the default patch") {
  const VariantsFile f = parse_variants(parse_json_text(R"({"description": "d", "variants": [
      {"name": "forward"}, {"name": "saf", "description": "x", "patch": {"seed": 3}}]})", "v.json"), "v.json");
  CHECK(f.description == "d");
  REQUIRE(f.variants.size() == 2);
  CHECK(f.variants[0].name == "forward");
  CHECK(f.variants[0].patch == ojson::object());
  CHECK(f.variants[1].description == "x");
  CHECK(f.variants[1].patch == ojson::parse(R"({"seed": 3})"));
}

TEST_CASE("variants: every problem of the file, with its pointer") {
  const auto issues = variants_issues(R"({"variants": [{"name": "a"}, {"name": "a", "pach": {}},
      {"name": "b/c"}, {"name": "d", "patch": [1]}, 7], "extra": true})");
  CHECK(has_issue(issues, "/extra", "unknown key"));
  CHECK(has_issue(issues, "/variants/1/pach", "did you mean \"patch\""));
  CHECK(has_issue(issues, "/variants/1/name", "no other variant"));
  CHECK(has_issue(issues, "/variants/2/name", "a name of letters"));
  CHECK(has_issue(issues, "/variants/3/patch", "JSON Merge Patch"));
  CHECK(has_issue(issues, "/variants/4", "a variant object"));
  CHECK(has_issue(variants_issues(R"({"variants": []})"), "/variants", "at least one"));
  CHECK(has_issue(variants_issues(R"({"description": "no variants"})"), "", "variants"));
}

TEST_CASE("variants: strict JSON: duplicate keys at their pointer, syntax errors with line and column") {
  CHECK(has_issue(variants_issues(R"({"variants": [{"name": "a", "patch": {"seed": 1, "seed": 2}}]})"),
                  "/variants/0/patch/seed", "once per object"));
  CHECK(has_issue(variants_issues(R"({"variants": [}")"), "", "line 1"));
  CHECK(has_issue(variants_issues("  "), "", "empty"));
  // ordered_json keeps the file's key order; the plain copy the parser gets has the same values.
  const ojson doc = parse_json_text(R"({"z": [1, {"b": 2, "a": null}], "a": 1.5})", "x");
  CHECK(doc.dump() == R"({"z":[1,{"b":2,"a":null}],"a":1.5})");
  CHECK(to_plain_json(doc) == nlohmann::json::parse(doc.dump()));
}

TEST_CASE("variants: patched and validated, the base unchanged") {
  const ojson base = parse_json_text(kBase, "base.json");
  Variant v;
  v.name = "parallel";
  v.patch = ojson::parse(R"({"drivers": {"filter": {"queues": {"main": {"dispatch": "sequential"}}}}, "seed": 4})");
  const VariantScenario out = build_variant(base, v, 1, "v.json");
  CHECK(out.scenario.seed == 4);
  CHECK(out.document["drivers"][0]["queues"][0]["dispatch"] == "sequential");
  CHECK(out.document["drivers"][1] == base["drivers"][1]);
  CHECK(base["seed"] == 9);
  // Key order follows the base.
  CHECK(out.document.begin().key() == "schema_version");
}

TEST_CASE("variants: a bad variant names itself and the pointer in the patched scenario") {
  const ojson base = parse_json_text(kBase, "base.json");
  Variant v;
  v.name = "broken";
  v.patch = ojson::parse(R"({"devices": {"disk": {"channels": 0}}})");
  try {
    build_variant(base, v, 2, "v.json");
    FAIL("no error");
  } catch (const scenario::ScenarioError& e) {
    CHECK(e.source == "v.json: variant \"broken\"");
    CHECK(has_issue(e.issues, "/devices/0/channels", "expected an integer >= 1"));
  }
  v.patch = ojson::parse(R"({"drivers": {"fliter": {"policies": {"default": {"action": "complete"}}}}})");
  try {
    build_variant(base, v, 2, "v.json");
    FAIL("no error");
  } catch (const scenario::ScenarioError& e) {
    CHECK(has_issue(e.issues, "/drivers/2", "added by /variants/2/patch/drivers/fliter"));
    CHECK(has_issue(e.issues, "/drivers/2", "did you mean \"filter\""));
  }
  v.patch = ojson::parse(R"({"drivers": {"pdo": "x"}})");
  try {
    build_variant(base, v, 3, "v.json");
    FAIL("no error");
  } catch (const scenario::ScenarioError& e) {
    CHECK(e.source == "v.json");
    CHECK(has_issue(e.issues, "/variants/3/patch/drivers/pdo", "expected an object"));
  }
}

}  // namespace
}  // namespace irpsim::cli
