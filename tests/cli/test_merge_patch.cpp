// JSON Merge Patch: RFC 7386's own examples (Appendix A) give exactly its results, and the addition for arrays of
// named entries patches, removes and appends entries by name, reporting what it cannot apply with the patch pointer.
#include <catch2/catch.hpp>

#include "sim/cli/merge_patch.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

ojson patched(const char* target, const char* patch) {
  PatchOutcome out = apply_merge_patch(ojson::parse(target), ojson::parse(patch));
  REQUIRE(out.issues.empty());
  return out.document;
}

TEST_CASE("merge patch: the examples of RFC 7386 appendix A") {
  const char* cases[][3] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"a":"foo"})", R"(null)", R"(null)"},
      {R"({"a":"foo"})", R"("bar")", R"("bar")"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const auto& c : cases) {
    INFO(c[0] << " + " << c[1]);
    CHECK(patched(c[0], c[1]) == ojson::parse(c[2]));
    // The same as nlohmann's merge_patch wherever the named-array rule does not apply.
    ojson reference = ojson::parse(c[0]);
    reference.merge_patch(ojson::parse(c[1]));
    CHECK(patched(c[0], c[1]) == reference);
  }
}

TEST_CASE("merge patch: the empty patch is the target itself, key order is the target's, new keys last") {
  const ojson base = ojson::parse(R"({"z": 1, "a": {"y": 2, "b": 3}})");
  CHECK(patched(base.dump().c_str(), "{}").dump() == base.dump());
  CHECK(patched(base.dump().c_str(), R"({"a": {"c": 4}, "m": 5})").dump() ==
        R"({"z":1,"a":{"y":2,"b":3,"c":4},"m":5})");
}

TEST_CASE("merge patch: an object patches an array of named entries by name") {
  const char* base = R"({"drivers": [{"name": "filter", "queues": [{"name": "main", "dispatch": "sequential"}]},
                                     {"name": "pdo", "role": "bus"}]})";
  SECTION("merged into the entry of that name, recursively") {
    const ojson out = patched(base, R"({"drivers": {"filter": {"queues": {"main": {"dispatch": "parallel"}}}}})");
    CHECK(out["drivers"][0]["queues"][0] == ojson::parse(R"({"name": "main", "dispatch": "parallel"})"));
    CHECK(out["drivers"][1] == ojson::parse(R"({"name": "pdo", "role": "bus"})"));
  }
  SECTION("null removes the entry") {
    const ojson out = patched(base, R"({"drivers": {"filter": null}})");
    REQUIRE(out["drivers"].size() == 1);
    CHECK(out["drivers"][0]["name"] == "pdo");
  }
  SECTION("a new name appends an entry, with a note suggesting the near miss") {
    PatchOutcome out = apply_merge_patch(ojson::parse(base), ojson::parse(R"({"drivers": {"fliter": {"role": "x"}}})"),
                                         "/variants/1/patch");
    REQUIRE(out.issues.empty());
    REQUIRE(out.document["drivers"].size() == 3);
    CHECK(out.document["drivers"][2] == ojson::parse(R"({"name": "fliter", "role": "x"})"));
    REQUIRE(out.notes.size() == 1);
    CHECK(out.notes[0].document_pointer == "/drivers/2");
    CHECK_THAT(out.notes[0].note, Catch::Contains("/variants/1/patch/drivers/fliter") &&
                                      Catch::Contains("did you mean \"filter\""));
  }
  SECTION("an array in the patch still replaces the array whole") {
    const ojson out = patched(base, R"({"drivers": [{"name": "only"}]})");
    CHECK(out["drivers"] == ojson::parse(R"([{"name": "only"}])"));
  }
  SECTION("a value that is neither an object nor null is reported at its patch pointer") {
    PatchOutcome out = apply_merge_patch(ojson::parse(base), ojson::parse(R"({"drivers": {"pdo": 3}})"), "/p");
    REQUIRE(out.issues.size() == 1);
    CHECK(out.issues[0].pointer == "/p/drivers/pdo");
  }
}

TEST_CASE("merge patch: an object over an array without names replaces it, as RFC 7386 says, with a note") {
  PatchOutcome out = apply_merge_patch(ojson::parse(R"({"mix": [{"type": "read"}]})"),
                                       ojson::parse(R"({"mix": {"read": {"size": "8KiB"}}})"), "/variants/0/patch");
  CHECK(out.issues.empty());
  CHECK(out.document["mix"] == ojson::parse(R"({"read": {"size": "8KiB"}})"));
  REQUIRE(out.notes.size() == 1);
  CHECK(out.notes[0].document_pointer == "/mix");
  CHECK_THAT(out.notes[0].note, Catch::Contains("/variants/0/patch/mix") && Catch::Contains("no \"name\""));
}

TEST_CASE("merge patch: which arrays count as named") {
  CHECK(is_named_array(ojson::array()));
  CHECK(is_named_array(ojson::parse(R"([{"name": "a"}, {"name": "b", "x": 1}])")));
  CHECK_FALSE(is_named_array(ojson::parse(R"([{"name": 1}])")));
  CHECK_FALSE(is_named_array(ojson::parse(R"([{"name": "a"}, 2])")));
  CHECK_FALSE(is_named_array(ojson::parse(R"({"name": "a"})")));
}

}  // namespace
}  // namespace irpsim::cli
