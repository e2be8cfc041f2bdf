// JSON Merge Patch (RFC 7386) over scenario documents, for the variants of `irpsim compare`. One addition lets a
// variant change one driver without restating them all: where the document has an array of named entries (every
// element an object with a string "name", as hosts, devices, drivers, queues, targets, stacks and workloads are; an
// empty array counts), the patch may give an object keyed by entry name instead. Each value is then merge-patched into
// the entry of that name (with the same rules, recursively), null removes the entry, and a name the array lacks
// appends a new entry {"name": NAME, ...the value}. An array in the patch replaces the document's array whole, and
// everywhere else the result is exactly RFC 7386's (the same as nlohmann's merge_patch), including an object over an
// array without names (which the scenario parser then refuses, with a note from here saying why).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

// Something the patch did that explains a problem the scenario parser may find at or below `document_pointer`: an
// appended entry (most often a misspelt name) or an array replaced by an object.
struct PatchNote {
  std::string document_pointer;  // e.g. "/drivers/3"
  std::string note;              // e.g. "this entry was added by /variants/1/patch/drivers/fliter: ..."
};

struct PatchOutcome {
  nlohmann::ordered_json document;
  std::vector<PatchNote> notes;
  std::vector<scenario::ScenarioIssue> issues;  // pointers into the patch's file (patch_pointer + path in the patch)
};

// Applies `patch` to `target`. `patch_pointer` is where the patch sits in its file (prefix of the pointers).
PatchOutcome apply_merge_patch(const nlohmann::ordered_json& target, const nlohmann::ordered_json& patch,
                               const std::string& patch_pointer = "");

// True when `array` is an array whose every element is an object with a string "name" (an empty array counts).
bool is_named_array(const nlohmann::ordered_json& array);

}  // namespace irpsim::cli
