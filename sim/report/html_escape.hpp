// Text and data into HTML, shared by every page irpsim writes (report, compare, sweep): text with &, <, >, " and ' as
// entities, and JSON to embed in a <script> element.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace irpsim::report {

std::string html_escape(std::string_view text);

// JSON to put inside a <script> element: "<", ">" and "&" only occur inside JSON strings, where \u003c, \u003e and
// \u0026 mean the same, so the text can never close the element.
std::string html_script_json(const nlohmann::ordered_json& value);

}  // namespace irpsim::report
