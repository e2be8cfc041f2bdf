// report.html: one self-contained page built from summary.json alone (so `irpsim report SUMMARY.json` regenerates
// it), with Chart.js inlined (report::chart_js()): it opens with no network and nothing beside it. Shows the stack as
// a diagram (drivers, targets, devices, policies), latency histogram and CDF per request type on a log time axis with
// percentile markers, the per-layer breakdown as stacked bars, throughput / latency / outstanding requests over
// simulated time, completion ordering, status counts, accounting, run cost and the scenario document itself.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace irpsim::report {

std::string render_html_report(const nlohmann::ordered_json& summary);

}  // namespace irpsim::report
