// The frame of the self-contained HTML pages compare and sweep write: escaping, JSON data embedded for scripts, and
// the page itself with Chart.js inlined (report::chart_js()), so a page opens with no network and nothing beside it.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace irpsim::cli {

// &, <, >, " and ' as entities.
std::string html_escape(std::string_view text);

// Compact JSON that is safe inside <script>: every "<" (only ever inside strings) is written as \u003c.
std::string script_json(const nlohmann::ordered_json& value);

// A whole page: <head> with `title` and the shared style plus `style`, `body`, then Chart.js and `script`.
std::string html_page(std::string_view title, std::string_view style, std::string_view body, std::string_view script);

}  // namespace irpsim::cli
