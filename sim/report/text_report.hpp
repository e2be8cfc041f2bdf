// The fio-like text report and its number formatting. render_text_report itself is declared in summary.hpp (it
// reads only the summary JSON); the helpers here are exposed for tests and for other human-facing output.
#pragma once
#include <string>

#include "sim/report/summary.hpp"

namespace irpsim::report {

// "86.2k", "888", "1.50M": three significant digits with a decimal (k, M, G, T) suffix.
std::string format_count(double v);
// "337MiB/s (353MB/s)": a byte rate in binary units, then in decimal units.
std::string format_bandwidth(double bytes_per_s);
// "1.50us", "140.30us", "2.31ms", "31.00ns", "1.20s": a duration with its unit scaled to the magnitude.
std::string format_duration_ns(double ns);
// "31.2 MiB": bytes in binary units, one decimal.
std::string format_bytes(double bytes);

}  // namespace irpsim::report
