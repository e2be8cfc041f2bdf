// report.html, rendered from summary.json alone.
//
// The page is built in two halves. The C++ side writes the static HTML (header, stack diagram, tables, the scenario
// document) and turns the summary's figures into chart specifications: decoded histograms (with
// stats::Histogram's own bucket functions, so the decoding is exactly the recorder's), CDF points, stacked layer
// bars, time series. Those go into the page as JSON in <script type="application/json" id="irpsim-charts">, next to
// the summary itself (id="irpsim-summary"). The inline script at the end only hands each specification to Chart.js
// (inlined from report::chart_js()). When every chart is drawn it sets data-charts-drawn on <body> (the number of
// charts that drew at least one data element), and on each canvas data-drawn, data-elements (the data elements
// Chart.js laid out) and data-ink (sampled pixels in a dataset colour: proof that data was painted, since axes,
// grid and labels are grey). A headless browser reads them from the DOM. <body data-charts-expected> is the number
// of charts the page specifies.
//
// Everything reads the summary defensively, as text_report.cpp does: missing or null fields read as absent, so a
// summary from an older irpsim or of an empty run still renders, with a note where something is missing.
#include "sim/report/html_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/report/assets.hpp"
#include "sim/report/html_parts.hpp"
#include "sim/report/text_report.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::report {

using json = nlohmann::ordered_json;

namespace {

using namespace html;

// ---------------------------------------------------------------------------------------------------------------
// Header.

void render_header(Page& page, const json& summary) {
  const json& sc = sub(summary, "scenario");
  const std::string name = text(sc, "name");
  page.html += "<header>\n<div class=\"kicker\">irpsim latency report</div>\n";
  page.html += "<h1>" + esc(name.empty() ? std::string("(unnamed scenario)") : name) + "</h1>\n";
  if (const std::string d = text(sc, "description"); !d.empty())
    page.html += "<p class=\"description\">" + esc(d) + "</p>\n";

  std::uint64_t completed = 0, warmup = 0;
  for (const json& w : array(summary, "workloads")) {
    completed += count(w, "completed");
    warmup += count(w, "warmup_excluded");
  }
  const json& acc = sub(summary, "accounting");
  const std::uint64_t stuck = array(acc, "stuck").size();
  const std::uint64_t violations =
      field(acc, "violations_total") ? count(acc, "violations_total") : array(acc, "violations").size();
  auto tile = [&](const std::string& label, const std::string& value, const char* cls = "") {
    page.html += std::string("<div class=\"tile ") + cls + "\"><div class=\"value\">" + value +
                 "</div><div class=\"label\">" + label + "</div></div>";
  };
  page.html += "<div class=\"tiles\">";
  tile("seed", field(summary, "seed") ? int_text(count(summary, "seed")) : "&ndash;");
  tile("simulated time", ns_text(number(summary, "simulated_time_ns")));
  tile("requests completed", count_text(static_cast<double>(completed)));
  tile("warm-up excluded", count_text(static_cast<double>(warmup)));
  tile("stuck IRPs", int_text(stuck), stuck > 0 ? "bad" : "good");
  tile("violations", int_text(violations), violations > 0 ? "bad" : "good");
  if (auto wall = number(sub(summary, "run_info"), "wall_s"))
    tile("wall time", fmt("%.2f s", *wall));
  page.html += "</div>\n";

  const json& workloads = array(summary, "workloads");
  if (!workloads.empty()) {
    page.html += "<table class=\"headline\"><thead><tr><th>workload</th><th>stack</th><th>load</th><th>IOPS</th>"
                 "<th>bandwidth</th><th>mean</th><th>p50</th><th>p99</th><th>p99.9</th><th>max</th></tr></thead><tbody>";
    for (const json& w : workloads) {
      const json& all = sub(w, "all_types");
      const json& lat = sub(all, "latency_ns");
      const json& p = sub(lat, "percentiles_ns");
      page.html += "<tr><td><b>" + esc(text(w, "name")) + "</b></td><td>" + esc(text(w, "stack")) + "</td><td>" +
                   esc(workload_kind_text(w)) + "</td><td class=\"num\">" + count_text(number(all, "iops_per_s")) +
                   "</td><td class=\"num\">" + bytes_per_s_text(number(all, "bandwidth_bytes_per_s")) +
                   "</td><td class=\"num\">" + ns_text(number(lat, "mean_ns")) + "</td><td class=\"num\">" +
                   ns_text(number(p, "50.00")) + "</td><td class=\"num\"><b>" + ns_text(number(p, "99.00")) +
                   "</b></td><td class=\"num\">" + ns_text(number(p, "99.90")) + "</td><td class=\"num\">" +
                   ns_text(number(lat, "max_ns")) + "</td></tr>";
    }
    page.html += "</tbody></table>\n";
  }
  if (const std::string status = text(summary, "run_status"); !status.empty() && status != "complete") {
    const json* halt = field(acc, "halt");
    page.html += "<p class=\"warn partial\"><strong>Partial results (" + esc(status) + ")</strong>: " +
                 esc(halt ? text(*halt, "detail") : std::string("the run was halted")) + " at " +
                 ns_text(halt ? number(*halt, "halted_at_ns") : std::nullopt) + " simulated; " +
                 int_text(count(acc, "in_flight")) + " request(s) were still in flight.</p>\n";
  }
  const std::uint64_t created_stuck = field(acc, "halt") ? 0 : count(acc, "created_outstanding");
  if (stuck > 0 || violations > 0 || created_stuck > 0)
    page.html += "<p class=\"alert\">This run has " + int_text(stuck) + " stuck IRP(s), " + int_text(created_stuck) +
                 " driver-created request(s) never deleted and " + int_text(violations) +
                 " framework violation(s): see <a href=\"#accounting\">accounting</a>.</p>\n";
  if (const json* trace = field(summary, "trace"))
    if (count(*trace, "irps_skipped") > 0)
      page.html += "<p class=\"warn\">The timeline trace (" + esc(text(*trace, "file")) + ") was capped: it holds " +
                   int_text(count(*trace, "irps_traced")) + " IRPs and leaves out " +
                   int_text(count(*trace, "irps_skipped")) + ".</p>\n";
  page.html += "</header>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// The stack diagram: per stack, top to bottom, the workloads issuing into it, each driver (role, host, queues and
// policies; its figures from the layer table), the local I/O target to the next driver, remote targets on the
// side, and the device with its channels.

void render_ordering(Page& page, const json& summary) {
  page.html += "<section id=\"ordering\"><h2>Completion ordering</h2>\n";
  page.html += "<p class=\"legend\">A request completes out of order when one issued after it by the same workload "
               "completed before it; inversions count such pairs; the displacement is how far a completion lands from "
               "its place in issue order.</p>\n";
  page.html += "<table><thead><tr><th>workload</th><th>completions</th><th>out of order</th><th>share</th>"
               "<th>inversions</th><th>largest displacement</th></tr></thead><tbody>";
  for (const json& w : array(summary, "workloads")) {
    const json& o = sub(w, "ordering");
    page.html += "<tr><td>" + esc(text(w, "name")) + "</td><td class=\"num\">" + int_text(count(o, "completions")) +
                 "</td><td class=\"num\">" + int_text(count(o, "out_of_order")) + "</td><td class=\"num\">" +
                 percent_text(number(o, "out_of_order_percent")) + "</td><td class=\"num\">" +
                 int_text(count(o, "inversions")) + "</td><td class=\"num\">" + int_text(count(o, "max_displacement")) +
                 "</td></tr>";
  }
  page.html += "</tbody></table>\n</section>\n";
}

void render_status(Page& page, const json& summary) {
  page.html += "<section id=\"status\"><h2>Status counts</h2>\n";
  std::vector<std::string> statuses;  // STATUS_SUCCESS first, then in order of appearance
  auto collect = [&](const json& t) {
    for (const auto& item : object(t, "status_counts").items())
      if (std::find(statuses.begin(), statuses.end(), item.key()) == statuses.end())
        statuses.push_back(item.key());
  };
  for (const json& w : array(summary, "workloads")) {
    for (const json& t : array(w, "types"))
      collect(t);
    collect(sub(w, "all_types"));
  }
  std::stable_partition(statuses.begin(), statuses.end(), [](const std::string& s) { return s == "STATUS_SUCCESS"; });
  if (statuses.empty()) {
    page.note("No measured request completed.");
    page.html += "</section>\n";
    return;
  }
  page.html += "<table><thead><tr><th>workload</th><th>type</th>";
  for (const std::string& s : statuses)
    page.html += "<th class=\"status\">" + esc(s) + "</th>";
  page.html += "</tr></thead><tbody>";
  for (const json& w : array(summary, "workloads")) {
    auto row = [&](const std::string& label, const json& t, bool strong) {
      page.html += std::string("<tr") + (strong ? " class=\"total\"" : "") + "><td>" + esc(text(w, "name")) +
                   "</td><td>" + esc(label) + "</td>";
      const json& c = object(t, "status_counts");
      for (const std::string& s : statuses) {
        const std::uint64_t n = count(c, s.c_str());
        const bool bad = n > 0 && s != "STATUS_SUCCESS";
        page.html += std::string("<td class=\"num") + (bad ? " bad" : "") + "\">" + (n ? int_text(n) : "&middot;") + "</td>";
      }
      page.html += "</tr>";
    };
    for (const json& t : array(w, "types"))
      row(text(t, "type"), t, false);
    row("all types", sub(w, "all_types"), true);
  }
  page.html += "</tbody></table>\n<p class=\"legend\">Measured requests only (warm-up excluded), by the status the "
               "workload saw.</p>\n</section>\n";
}

void render_accounting(Page& page, const json& summary) {
  page.html += "<section id=\"accounting\"><h2>Accounting</h2>\n";
  const json& a = sub(summary, "accounting");
  const json& stuck = array(a, "stuck");
  const json& violations = array(a, "violations");
  const std::uint64_t total = field(a, "violations_total") ? count(a, "violations_total") : violations.size();
  page.html += "<div class=\"tiles\">";
  auto tile = [&](const std::string& label, std::uint64_t v, const char* cls) {
    page.html += std::string("<div class=\"tile ") + cls + "\"><div class=\"value\">" + int_text(v) +
                 "</div><div class=\"label\">" + label + "</div></div>";
  };
  tile("IRPs issued", count(a, "issued"), "");
  tile("completed", count(a, "completed"), "");
  if (count(a, "in_flight") > 0)
    tile("in flight at the halt", count(a, "in_flight"), "warn");
  tile("stuck", stuck.size(), stuck.empty() ? "good" : "bad");
  tile("violations", total, total ? "bad" : "good");
  page.html += "</div>\n";
  if (stuck.empty() && total == 0 && count(a, "in_flight") == 0)
    page.html += "<p>Every IRP issued came back, and the framework reported no violation.</p>\n";
  else if (stuck.empty() && total == 0)
    page.html += "<p>Every IRP issued either came back or was in flight when the run was halted; the framework "
                 "reported no violation.</p>\n";
  const json& counts = object(a, "violation_counts");
  if (!counts.empty()) {
    page.html += "<table><thead><tr><th>violation</th><th>count</th></tr></thead><tbody>";
    for (const auto& item : counts.items())
      page.html += "<tr><td>" + esc(item.key()) + "</td><td class=\"num bad\">" +
                   int_text(item.value().is_number() ? item.value().get<std::uint64_t>() : 0) + "</td></tr>";
    page.html += "</tbody></table>\n";
  }
  constexpr std::size_t kShown = 25;
  if (!stuck.empty()) {
    page.html += "<h3>Stuck IRPs <span class=\"sub\">outstanding when the run ended</span></h3><table><thead><tr>"
                 "<th>IRP</th><th>workload</th><th>type</th><th>issued at</th><th>where</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < stuck.size() && i < kShown; ++i) {
      const json& s = stuck[i];
      page.html += "<tr><td class=\"num\">" + int_text(count(s, "irp_id")) + "</td><td>" + esc(text(s, "workload")) +
                   "</td><td>" + esc(text(s, "type")) + "</td><td class=\"num\">" + ns_text(number(s, "issued_ns")) +
                   "</td><td>" + esc(text(s, "where")) + "</td></tr>";
    }
    page.html += "</tbody></table>\n";
    if (stuck.size() > kShown)
      page.note("&hellip; and " + int_text(stuck.size() - kShown) + " more stuck IRPs (all in summary.json).");
  }
  if (!violations.empty()) {
    page.html += "<h3>Violations <span class=\"sub\">in time order</span></h3><table><thead><tr><th>time</th>"
                 "<th>IRP</th><th>violation</th><th>driver</th><th>detail</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < violations.size() && i < kShown; ++i) {
      const json& v = violations[i];
      page.html += "<tr><td class=\"num\">" + ns_text(number(v, "time_ns")) + "</td><td class=\"num\">" +
                   int_text(count(v, "irp_id")) + "</td><td>" + esc(text(v, "name")) + "</td><td>" +
                   esc(text(v, "driver")) + "</td><td>" + esc(text(v, "detail")) + "</td></tr>";
    }
    page.html += "</tbody></table>\n";
  }
  if (total > std::min<std::uint64_t>(violations.size(), kShown))
    page.note("&hellip; and " + int_text(total - std::min<std::uint64_t>(violations.size(), kShown)) +
              " more violations (summary.json lists the first 1000; violation_counts counts them all).");
  page.html += "</section>\n";
}

void render_run_cost(Page& page, const json& summary) {
  page.html += "<section id=\"cost\"><h2>Run cost</h2>\n";
  const json* r = field(summary, "run_info");
  if (!r) {
    page.note("No run_info in this summary.");
  } else {
    auto wall = number(*r, "wall_s"), simulated = number(*r, "simulated_s");
    page.html += "<table class=\"kv\"><tbody>";
    auto kv = [&](const char* k, const std::string& v) {
      page.html += std::string("<tr><th>") + k + "</th><td>" + v + "</td></tr>";
    };
    kv("wall time", wall ? fmt("%.3f s", *wall) : "&ndash;");
    kv("simulated time", simulated ? fmt("%.4f s", *simulated) : "&ndash;");
    if (wall && simulated && *wall > 0)
      kv("simulated / wall", fmt("%.3g", *simulated / *wall));
    kv("IRPs per wall second", count_text(number(*r, "irps_per_wall_s")));
    kv("hops", count_text(number(*r, "hops")));
    kv("hops per wall second", count_text(number(*r, "hops_per_wall_s")));
    kv("peak memory", number(*r, "peak_rss_bytes") ? esc(format_bytes(*number(*r, "peak_rss_bytes"))) : "&ndash;");
    kv("irpsim", esc(text(*r, "irpsim_version")));
    kv("SimGrid", esc(text(*r, "simgrid_version")));
    kv("scenario file", esc(text(*r, "scenario_file")));
    page.html += "</tbody></table>\n<p class=\"legend\">Wall time and memory differ from run to run; every other "
                 "figure of this report depends only on the scenario and its seed.</p>\n";
  }
  if (const json* t = field(summary, "trace")) {
    const std::uint64_t skipped = count(*t, "irps_skipped");
    page.html += "<p>Timeline trace: <code>" + esc(text(*t, "file")) + "</code>, " +
                 int_text(count(*t, "irps_traced")) + " IRPs traced" +
                 (skipped > 0 ? ", " + int_text(skipped) + " left out by the cap (sampled by IRP id)" : std::string()) +
                 ". Open it in Perfetto (ui.perfetto.dev) or chrome://tracing.</p>\n";
  }
  page.html += "</section>\n";
}

void render_scenario(Page& page, const json& summary, const json* document) {
  page.html += "<section id=\"scenario\"><h2>The scenario</h2>\n";
  const std::string file = text(sub(summary, "scenario"), "file");
  if (!document) {
    page.note("This summary does not carry the scenario document" +
              (file.empty() ? std::string(".") : " (it was read from <code>" + esc(file) + "</code>)."));
  } else {
    const std::string pretty = document->dump(2, ' ', false, json::error_handler_t::replace);
    const std::size_t lines = static_cast<std::size_t>(std::count(pretty.begin(), pretty.end(), '\n')) + 1;
    page.html += "<details open><summary>" + (file.empty() ? std::string("scenario") : "<code>" + esc(file) + "</code>") +
                 ", " + std::to_string(lines) + " lines</summary><pre class=\"json\">" + esc(pretty) +
                 "</pre></details>\n";
  }
  page.html += "</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Static parts of the page.



// Builds a Chart.js configuration from each specification in #irpsim-charts and draws it; then records on the DOM
// what was drawn (see the comment at the top of this file).


// "Chart.js v3.9.1" from the library's banner comment.
std::string chart_js_name() {
  const std::string_view js = chart_js();
  const std::size_t at = js.substr(0, 400).find("Chart.js v");
  if (at == std::string_view::npos)
    return "Chart.js";
  std::size_t end = at + 10;
  while (end < js.size() && (std::isdigit(static_cast<unsigned char>(js[end])) || js[end] == '.'))
    ++end;
  return std::string(js.substr(at, end - at));
}

}  // namespace

std::string render_html_report(const json& summary) {
  Page page;
  const json& sc = sub(summary, "scenario");
  const json* document = field(sc, "document");
  if (document && !document->is_object())
    document = nullptr;
  const std::string name = text(sc, "name");

  render_header(page, summary);
  page.html += "<nav><a href=\"#stack\">stack</a><a href=\"#latency\">latency</a><a href=\"#layers\">layers</a>"
               "<a href=\"#cpu\">cpu</a><a href=\"#time\">over time</a><a href=\"#ordering\">ordering</a><a href=\"#status\">status</a>"
               "<a href=\"#accounting\">accounting</a><a href=\"#cost\">run cost</a><a href=\"#scenario\">scenario</a>"
               "</nav>\n";
  render_stack_diagram(page, summary, document);
  render_latency(page, summary);
  render_layers(page, summary);
  render_cpu(page, summary);
  render_time_series(page, summary);
  render_ordering(page, summary);
  render_status(page, summary);
  render_accounting(page, summary);
  render_run_cost(page, summary);
  render_scenario(page, summary, document);

  const std::string version = text(sub(summary, "run_info"), "irpsim_version");
  std::string out;
  out.reserve(page.html.size() + chart_js().size() + 200000);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"irpsim" +
         (version.empty() ? std::string() : " " + esc(version)) + "\">\n<title>" +
         esc(name.empty() ? std::string("irpsim report") : name + " \xE2\x80\x94 irpsim report") + "</title>\n<style>" +
         std::string(page_style()) + "</style>\n</head>\n";
  out += "<body data-charts-expected=\"" + std::to_string(page.charts.size()) + "\">\n<main>\n";
  out += "<noscript><p class=\"alert\">The charts need JavaScript; every figure is also in the tables.</p></noscript>\n";
  out += page.html;
  out += "<footer>Written by irpsim" + (version.empty() ? std::string() : " " + esc(version)) +
         " from summary.json; regenerate with <code>irpsim report SUMMARY.json</code>. Charts drawn with " +
         esc(chart_js_name()) + " (MIT License), inlined: this file needs no network.</footer>\n</main>\n";
  out += "<script type=\"application/json\" id=\"irpsim-summary\">" + script_json(summary) + "</script>\n";
  out += "<script type=\"application/json\" id=\"irpsim-charts\">" + script_json(page.charts) + "</script>\n";
  out += "<script>\n";
  out += chart_js();
  out += "\n</script>\n<script>";
  out += page_script();
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace irpsim::report
