#include "sim/cli/merge_patch.hpp"

#include <utility>

#include "sim/scenario/json_reader.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;
using Pointer = nlohmann::json::json_pointer;
namespace sd = scenario::detail;

std::string describe(const ojson& v) {
  switch (v.type()) {
    case ojson::value_t::object:
      return "an object";
    case ojson::value_t::array:
      return "an array";
    case ojson::value_t::string:
      return sd::quote(v.get_ref<const std::string&>());
    default:
      return v.dump();
  }
}

class Patcher {
public:
  explicit Patcher(PatchOutcome& out) : out_(out) {}

  // RFC 7386's MergePatch(target, patch), plus the named-array rule. `doc_at` and `patch_at` locate the values.
  ojson merge(ojson target, const ojson& patch, const Pointer& doc_at, const Pointer& patch_at) {
    if (!patch.is_object())
      return patch;
    if (is_named_array(target))
      return merge_named(std::move(target), patch, doc_at, patch_at);
    if (target.is_array())
      out_.notes.push_back({doc_at.to_string(), "the patch at " + patch_at.to_string() + " gave an object for this "
                                                "array, whose entries have no \"name\" to patch them by: give the "
                                                "whole array instead"});
    if (!target.is_object())
      target = ojson::object();
    for (const auto& [key, value] : patch.items()) {
      if (value.is_null()) {
        target.erase(key);
        continue;
      }
      ojson current = target.contains(key) ? std::move(target[key]) : ojson();
      target[key] = merge(std::move(current), value, doc_at / key, patch_at / key);
    }
    return target;
  }

private:
  ojson merge_named(ojson array, const ojson& patch, const Pointer& doc_at, const Pointer& patch_at) {
    for (const auto& [name, value] : patch.items()) {
      std::size_t index = array.size();
      for (std::size_t i = 0; i < array.size(); ++i)
        if (array[i]["name"].get_ref<const std::string&>() == name) {
          index = i;
          break;
        }
      if (value.is_null()) {
        if (index < array.size())
          array.erase(index);
        continue;
      }
      if (!value.is_object()) {
        out_.issues.push_back({(patch_at / name).to_string(),
                               "expected an object (merged into the entry named " + sd::quote(name) + " of " +
                                   doc_at.to_string() + ") or null (removes it), found " + describe(value)});
        continue;
      }
      if (index == array.size()) {
        std::vector<std::string> names;
        for (const ojson& entry : array)
          names.push_back(entry["name"].get<std::string>());
        out_.notes.push_back({(doc_at / std::to_string(index)).to_string(),
                              "this entry was added by " + (patch_at / name).to_string() +
                                  ": the base has no entry of that name" + sd::did_you_mean(name, names)});
        array.push_back(ojson{{"name", name}});
      }
      array[index] = merge(std::move(array[index]), value, doc_at / std::to_string(index), patch_at / name);
    }
    return array;
  }

  PatchOutcome& out_;
};

}  // namespace

bool is_named_array(const ojson& array) {
  if (!array.is_array())
    return false;
  for (const ojson& element : array)
    if (!element.is_object() || !element.contains("name") || !element["name"].is_string())
      return false;
  return true;
}

PatchOutcome apply_merge_patch(const ojson& target, const ojson& patch, const std::string& patch_pointer) {
  PatchOutcome out;
  Patcher patcher(out);
  out.document = patcher.merge(target, patch, Pointer(), Pointer(patch_pointer));
  return out;
}

}  // namespace irpsim::cli
