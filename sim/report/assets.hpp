// Third-party browser code embedded into irpsim at build time, so the HTML it writes inlines it and the binary needs
// nothing at run time: Chart.js 3.9 from Debian's libjs-chart.js (installed by scripts/setup.sh).
#pragma once
#include <string_view>

namespace irpsim::report {

// The minified Chart.js library, ready to inline in a <script> element.
std::string_view chart_js();

}  // namespace irpsim::report
