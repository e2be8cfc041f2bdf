#include "sim/cli/html_page.hpp"

#include "sim/report/assets.hpp"

namespace irpsim::cli {

std::string html_page(std::string_view title, std::string_view style, std::string_view body, std::string_view script) {
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  page += html_escape(title);
  page += "</title>\n<style>\n"
          "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1200px;"
          "padding:0 1em;color:#222}\n"
          "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}\n"
          "table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}\n"
          "th,td{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right;vertical-align:top}\n"
          "th:first-child,td:first-child{text-align:left}\n"
          "pre{background:#f6f8fa;padding:.6em;overflow:auto;font-size:.85em}\n"
          ".chart{position:relative;height:420px;margin:1em 0}\n"
          ".note{color:#555;font-size:.9em}\n";
  page += style;
  page += "\n</style>\n</head>\n<body>\n";
  page += body;
  page += "\n<script>\n";
  page += report::chart_js();
  page += "\n</script>\n<script>\n";
  page += script;
  page += "\n</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace irpsim::cli
