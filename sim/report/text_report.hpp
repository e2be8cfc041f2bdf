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

// Whether the run spent any CPU time: a host busy, or a driver's or a device's CPU, lock spin or core wait in the
// summary's "cpu" block or its layer rows. The text report and report.html show CPU figures only then, so a run
// without CPU costs (or a summary from before them) reads as it always did.
bool summary_has_cpu_time(const nlohmann::ordered_json& summary);
// Whether some request took time to submit (a submission_latency_ns block with max_ns > 0): slat and clat are
// shown only then.
bool summary_has_submission_latency(const nlohmann::ordered_json& summary);

}  // namespace irpsim::report
