// The exhaustive "every value replaced by every kind of value" harness shared by the scenario robustness tests.
#include <exception>
#include <functional>

#include "helpers.hpp"

namespace irpsim::test {

ReplacementOutcome replace_every_value(const json& original, const std::vector<json>& replacements) {
  std::vector<json::json_pointer> pointers;
  std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& node,
                                                                         const json::json_pointer& at) {
    pointers.push_back(at);
    if (node.is_object())
      for (const auto& [key, child] : node.items())
        walk(child, at / key);
    else if (node.is_array())
      for (std::size_t i = 0; i < node.size(); ++i)
        walk(node[i], at / i);
  };
  walk(original, json::json_pointer());
  ReplacementOutcome outcome;
  auto parse = [&](const json& doc, const std::string& what) {
    try {
      scenario::parse_scenario(doc, "fuzz");
      ++outcome.accepted;
    } catch (const scenario::ScenarioError& e) {
      bool ok = !e.issues.empty();
      for (const auto& issue : e.issues)
        ok = ok && !issue.message.empty();
      if (!ok)
        outcome.failures.push_back(what + ": a ScenarioError without issues");
    } catch (const std::exception& e) {
      outcome.failures.push_back(what + ": " + e.what());
    } catch (...) {
      outcome.failures.push_back(what + ": an unknown exception");
    }
  };
  for (std::size_t p = 0; p < pointers.size(); ++p) {
    const auto& at = pointers[p];
    for (std::size_t r = 0; r < replacements.size(); ++r) {
      if (!tried(p, r))
        continue;
      json doc = original;
      doc[at] = replacements[r];
      parse(doc, at.to_string() + " = " + replacements[r].dump());
    }
    if (!at.empty() && tried(p, replacements.size())) {
      json doc = original;
      json& parent = doc[at.parent_pointer()];
      if (parent.is_object())
        parent.erase(at.back());
      else
        parent.erase(static_cast<std::size_t>(std::stoul(at.back())));
      parse(doc, at.to_string() + " removed");
    }
  }
  return outcome;
}

}  // namespace irpsim::test
