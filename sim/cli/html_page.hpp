// The frame of the self-contained HTML pages compare and sweep write: escaping, JSON data embedded for scripts, and
// the page itself with Chart.js inlined (report::chart_js()), so a page opens with no network and nothing beside it.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/report/html_escape.hpp"

namespace irpsim::cli {

using report::html_escape;  // &, <, >, " and ' as entities

// JSON to embed in a <script> element (report::html_script_json).
inline std::string script_json(const nlohmann::ordered_json& value) { return report::html_script_json(value); }

// A whole page: <head> with `title` and the shared style plus `style`, `body`, then Chart.js and `script`.
std::string html_page(std::string_view title, std::string_view style, std::string_view body, std::string_view script);

}  // namespace irpsim::cli
