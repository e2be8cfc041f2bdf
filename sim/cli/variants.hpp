// Variants files of `irpsim compare` (documented in scenarios/compare-and-sweep.md):
//   {"description": TEXT, "variants": [{"name": NAME, "description": TEXT, "patch": MERGE_PATCH}, ...]}
// The first variant is the baseline the others are compared against; names are unique scenario-style names (they
// become folder names); "patch" (default {}, the base scenario itself) is a JSON Merge Patch over the base scenario
// (merge_patch.hpp, including its patching of named entries). Every variant is patched and validated with the
// scenario parser before anything runs, so a bad one is reported with its name and JSON pointer.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/parser.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::cli {

struct Variant {
  std::string name;
  std::string description;
  nlohmann::ordered_json patch = nlohmann::ordered_json::object();
};

struct VariantsFile {
  std::string description;
  std::vector<Variant> variants;  // at least one; the first is the baseline
};

// Checks the variants document; throws scenario::ScenarioError listing every problem (pointers into the file).
VariantsFile parse_variants(const nlohmann::ordered_json& document, const std::string& source);

struct VariantScenario {
  nlohmann::ordered_json document;  // the patched scenario, in the base's key order
  scenario::Scenario scenario;      // as the parser validated it
};

// Patches `base` with variant `index` of the file `source` and validates the result. Throws scenario::ScenarioError:
// problems with the patch itself have source `source` and pointers into the variants file; problems of the patched
// scenario have source `SOURCE: variant "NAME"` and pointers into the patched scenario.
VariantScenario build_variant(const nlohmann::ordered_json& base, const Variant& variant, std::size_t index,
                              const std::string& source);

}  // namespace irpsim::cli
