// JSON input files of compare and sweep (variants files, sweep files, base scenarios): read into an ordered_json that
// keeps the file's key order (so patched scenarios written back out read like their base), with the same strictness
// as scenario files: a syntax error gives line and column, and a key written twice in one object is an error at its
// JSON pointer (JSON parsers would silently keep only one of them). Problems are thrown as scenario::ScenarioError.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

// Parses `text`; `source` names it in the messages.
nlohmann::ordered_json parse_json_text(std::string_view text, const std::string& source);
// Reads the file, then as parse_json_text; an unreadable, empty or directory path is an error too.
nlohmann::ordered_json read_json_file(const std::string& path);
// Reads a whole file as text; throws std::runtime_error naming the path and the system error.
std::string read_text_file(const std::string& path);
// The document as the scenario parser takes it (nlohmann::json: same values, keys sorted).
nlohmann::json to_plain_json(const nlohmann::ordered_json& document);

}  // namespace irpsim::cli
