// The schema (scenarios/irpsim.schema.json) and the parser accept the same keys in every object, the same status
// names and request types; the parser's distribution names are the models' registry.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "helpers.hpp"
#include "models/distribution.hpp"
#include "sim/core/status.hpp"
#include "sim/scenario/keys.hpp"

using namespace irpsim::test;
namespace keys = irpsim::scenario::keys;

namespace {

json load_schema() {
  std::ifstream in(repo_path("scenarios/irpsim.schema.json"));
  REQUIRE(in);
  return json::parse(in);
}

// Every subschema that closes its object (additionalProperties false), by JSON pointer.
void closed_objects(const json& node, const json::json_pointer& at, std::set<std::string>& out) {
  if (node.is_object()) {
    auto ap = node.find("additionalProperties");
    if (ap != node.end() && ap->is_boolean() && !ap->get<bool>())
      out.insert(at.to_string());
    for (const auto& [key, child] : node.items())
      closed_objects(child, at / key, out);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      closed_objects(node[i], at / i, out);
  }
}

std::set<std::string> as_set(std::span<const std::string_view> keys) {
  return std::set<std::string>(keys.begin(), keys.end());
}

}  // namespace

TEST_CASE("schema objects list exactly the keys the parser accepts", "[schema]") {
  const json schema = load_schema();
  for (const keys::KeyTable& table : keys::kAllTables) {
    INFO("schema object at \"" << table.schema_pointer << "\"");
    const json::json_pointer at(std::string(table.schema_pointer));
    REQUIRE(schema.contains(at));
    const json& object = schema.at(at);
    CHECK(object.value("additionalProperties", true) == false);
    REQUIRE(object.contains("properties"));
    std::set<std::string> in_schema;
    for (const auto& [key, value] : object["properties"].items())
      in_schema.insert(key);
    CHECK(in_schema == as_set(table.keys));
  }
}

TEST_CASE("every closed object of the schema has a parser key table", "[schema]") {
  std::set<std::string> closed;
  closed_objects(load_schema(), json::json_pointer(), closed);
  std::set<std::string> tables;
  for (const keys::KeyTable& table : keys::kAllTables)
    tables.insert(std::string(table.schema_pointer));
  CHECK(closed == tables);
}

TEST_CASE("schema status names are the core's, less STATUS_PENDING", "[schema]") {
  const json schema = load_schema();
  std::set<std::string> in_schema;
  for (const auto& name : schema["definitions"]["status"]["anyOf"][0]["enum"])
    in_schema.insert(name.get<std::string>());
  in_schema.insert("STATUS_PENDING");
  const auto known = irpsim::core::known_status_names();
  CHECK(in_schema == std::set<std::string>(known.begin(), known.end()));
}

TEST_CASE("schema request types are the core's", "[schema]") {
  const json schema = load_schema();
  std::set<std::string> in_schema;
  for (const auto& name : schema["definitions"]["request_type"]["enum"])
    in_schema.insert(name.get<std::string>());
  std::set<std::string> core;
  for (auto t : irpsim::core::kAllRequestTypes)
    core.insert(std::string(irpsim::core::type_name(t)));
  CHECK(in_schema == core);
}

TEST_CASE("distribution names: parser, schema and the models' registry agree", "[schema]") {
  std::vector<std::string> registry;
  for (const auto& info : irpsim::models::distribution_registry())
    registry.emplace_back(info.name);
  CHECK(registry == std::vector<std::string>(keys::kDistributionNames.begin(), keys::kDistributionNames.end()));
  const json schema = load_schema();
  for (std::string_view name : keys::kDistributionNames) {
    INFO(name);
    const json& def = schema["definitions"]["dist_" + std::string(name)];
    CHECK(def["properties"]["dist"]["const"] == name);
  }
}
