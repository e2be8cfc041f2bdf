#include "sim/cli/variants.hpp"

#include <filesystem>

#include <array>
#include <set>
#include <string_view>

#include "sim/cli/json_file.hpp"
#include "sim/cli/merge_patch.hpp"
#include "sim/scenario/json_reader.hpp"

namespace irpsim::cli {
namespace {

namespace sd = scenario::detail;

constexpr std::array<std::string_view, 3> kFileKeys{"$schema", "description", "variants"};
constexpr std::array<std::string_view, 3> kVariantKeys{"name", "description", "patch"};

}  // namespace

VariantsFile parse_variants(const nlohmann::ordered_json& document, const std::string& source) {
  const nlohmann::json plain = to_plain_json(document);
  sd::Issues issues;
  VariantsFile file;
  const sd::Value root{plain, sd::Pointer(), issues};
  const sd::ObjectView top(root, kFileKeys, "a variants object {\"variants\": [{\"name\": ..., \"patch\": {...}}]}");
  if (top.ok()) {
    if (auto v = top.get("$schema"))
      sd::read_string(*v);
    if (auto v = top.get("description"))
      if (auto text = sd::read_string(*v))
        file.description = *text;
    if (auto v = top.need("variants"))
      if (auto list = sd::read_array(*v, 1, "an array of at least one variant {\"name\": ..., \"patch\": {...}}")) {
        std::set<std::string> names;
        for (std::size_t i = 0; i < list->size(); ++i) {
          const sd::ObjectView o((*list)[i], kVariantKeys, "a variant object {\"name\": ..., \"patch\": {...}}");
          if (!o.ok())
            continue;
          Variant variant;
          if (auto n = o.need("name"))
            if (auto name = sd::read_name(*n)) {
              if (!names.insert(*name).second)
                n->expected("a name no other variant has", " again (names become folder names)");
              variant.name = *name;
            }
          if (auto d = o.get("description"))
            if (auto text = sd::read_string(*d))
              variant.description = *text;
          if (auto p = o.get("patch")) {
            if (p->node.is_object())
              variant.patch = document["variants"][i]["patch"];  // the ordered original, not the sorted copy
            else
              p->expected("an object (a JSON Merge Patch over the base scenario; {} is the base itself)");
          }
          file.variants.push_back(std::move(variant));
        }
      }
  }
  if (issues.count() > 0)
    throw scenario::ScenarioError(source, issues.take());
  return file;
}

VariantScenario build_variant(const nlohmann::ordered_json& base, const Variant& variant, std::size_t index,
                              const std::string& source) {
  const std::string patch_at = "/variants/" + std::to_string(index) + "/patch";
  PatchOutcome patched = apply_merge_patch(base, variant.patch, patch_at);
  if (!patched.issues.empty())
    throw scenario::ScenarioError(source, std::move(patched.issues));
  // A trace file a patch names is relative to the variants file.
  scenario::anchor_trace_paths(patched.document, std::filesystem::path(source).parent_path());
  const std::string label = source + ": variant " + sd::quote(variant.name);
  try {
    VariantScenario out;
    out.scenario = scenario::parse_scenario(to_plain_json(patched.document), label);
    out.document = std::move(patched.document);
    return out;
  } catch (scenario::ScenarioError& e) {
    // A problem inside an entry the patch appended is most often a misspelt entry name: say where it came from
    // (the most specific note about the value or one that contains it).
    for (scenario::ScenarioIssue& issue : e.issues) {
      const PatchNote* best = nullptr;
      for (const PatchNote& note : patched.notes)
        if ((issue.pointer == note.document_pointer || issue.pointer.rfind(note.document_pointer + "/", 0) == 0) &&
            (best == nullptr || note.document_pointer.size() > best->document_pointer.size()))
          best = &note;
      if (best != nullptr)
        issue.message += " (" + best->note + ")";
    }
    throw scenario::ScenarioError(label, std::move(e.issues));
  }
}

}  // namespace irpsim::cli
