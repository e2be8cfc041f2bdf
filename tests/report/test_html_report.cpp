#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "sim/report/assets.hpp"
#include "sim/report/html_parts.hpp"
#include "sim/report/html_report.hpp"
#include "sim/stats/histogram.hpp"
#include "summary_fixture.hpp"

using namespace irpsim;
using json = nlohmann::ordered_json;

namespace {

json build(const test::SummaryFixture& f) {
  return report::build_summary(f.scenario, f.recorder, f.targets, f.accounting, f.run_info);
}

// The scenario document the run command adds to the summary, for the fixture's scenario.
json fixture_document() {
  return json::parse(R"({
    "schema_version": 1, "name": "quickstart", "seed": 42,
    "hosts": [{"name": "host0", "cores": 4}],
    "devices": [{"name": "ssd0", "channels": 2, "latency": {"default": "50us"}}],
    "drivers": [
      {"name": "upper-filter", "role": "filter", "host": "host0",
       "queues": [{"name": "rw", "types": ["read"], "dispatch": "parallel"}],
       "policies": {"read": {"action": "forward"}}},
      {"name": "fdo", "role": "function", "host": "host0", "queues": [{"name": "main", "default": true}],
       "policies": {"default": {"action": "forward", "send": {"timeout": "1ms"}},
                    "ioctl": {"action": "complete", "status": "STATUS_SUCCESS", "delay": "5us"}}},
      {"name": "pdo", "role": "bus", "host": "host0", "queues": [{"name": "main", "default": true}],
       "policies": {"default": {"action": "forward"}}}
    ],
    "stacks": [{"name": "disk", "drivers": ["upper-filter", "fdo", "pdo"], "device": "ssd0"}],
    "workloads": [
      {"name": "app", "stack": "disk", "type": "closed", "queue_depth": 4,
       "mix": [{"type": "read", "size": "4KiB", "weight": 2}, {"type": "write", "size": "4KiB", "weight": 1}]},
      {"name": "bg", "stack": "disk", "type": "open_poisson", "rate": 2000, "mix": [{"type": "read", "size": "4KiB"}]}
    ],
    "stop": {"requests": 800}, "warmup": {"requests": 20}
  })");
}

json fixture_time_series() {
  return json::parse(R"({"interval_ns": 10000000, "start_ns": [0, 10000000, 20000000],
    "completions": [100, 120, 0], "iops_per_s": [10000, 12000, 0],
    "bandwidth_bytes_per_s": [40960000, 49152000, 0], "mean_latency_ns": [60000, 62000.5, null],
    "p99_latency_ns": [70000, 71000, null], "outstanding_mean": [3.5, 3.9, 0]})");
}

// Checks that `page` contains `what`, printing only `what` when it does not (pages are 300 KB).
#define CHECK_HAS(page, what)                                  \
  do {                                                         \
    const std::string what_ = (what);                          \
    INFO("page contains: " << what_);                          \
    CHECK((page).find(what_) != std::string::npos);            \
  } while (false)

std::size_t occurrences(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
    ++n;
  return n;
}

// The JSON in <script type="application/json" id="ID">.
json embedded(const std::string& page, const std::string& id) {
  const std::string open = "<script type=\"application/json\" id=\"" + id + "\">";
  const std::size_t begin = page.find(open);
  REQUIRE(begin != std::string::npos);
  const std::size_t end = page.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  return json::parse(page.substr(begin + open.size(), end - begin - open.size()));
}

int expected_charts(const json& summary) {
  int n = 0;
  for (const json& w : summary["workloads"]) {
    int types = 0;
    for (const json& t : w["types"])
      types += t["latency_ns"].is_null() ? 0 : 1;
    n += 2 * types + (types > 1 ? 1 : 0);
    if (w.contains("time_series") && !w["time_series"]["start_ns"].empty()) {
      auto has = [&](std::initializer_list<const char*> keys) {
        for (const char* k : keys)
          for (const json& v : w["time_series"][k])
            if (!v.is_null())
              return 1;
        return 0;
      };
      n += has({"iops_per_s"}) + has({"mean_latency_ns", "p99_latency_ns"}) + has({"outstanding_mean"});
    }
  }
  // Per stack: the layer bars when a row has a time, the share bars when a row has a share.
  for (const json& s : summary["layers"]) {
    bool time = false, share = false;
    for (const json& r : s["rows"]) {
      for (const char* k : {"queue_wait_ns", "in_layer_ns", "held_ns", "service_ns"})
        time = time || (r.contains(k) && !r[k].is_null());
      share = share || !r["share_of_latency_percent"].is_null();
    }
    n += (time ? 1 : 0) + (share ? 1 : 0);
  }
  // Per host that was busy: its cores as bars, and its utilisation over time when the timeline has a figure.
  if (summary.contains("cpu"))
    for (const json& h : summary["cpu"]["hosts"]) {
      if (!(h["busy_ns"].get<double>() > 0))
        continue;
      bool any = false;
      for (const json& v : h["timeline"]["utilization_fraction"])
        any = any || v.is_number();
      n += 1 + (any ? 1 : 0);
    }
  return n;
}

}  // namespace

TEST_CASE("the embedded Chart.js is the library, and can be inlined", "[html]") {
  const std::string_view js = report::chart_js();
  CHECK(js.size() > 100000);
  CHECK(js.substr(0, 200).find("Chart.js v") != std::string_view::npos);
  CHECK(js.find("</script") == std::string_view::npos);
  CHECK(js.find("</SCRIPT") == std::string_view::npos);
}

TEST_CASE("the HTML report is one self-contained page", "[html]") {
  json summary = build(test::make_summary_fixture());
  summary["scenario"]["document"] = fixture_document();
  const std::string page = report::render_html_report(summary);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_HAS(page, ("</html>"));
  // Nothing loaded from elsewhere: no external scripts, styles, images, frames or fonts. (Searched by hand: std::regex
  // recurses per character and overflows the stack on a 300 KB page.)
  // Outside the inlined library (which has toDataURL( in its code), lower-cased.
  std::string lower = page;
  const std::size_t library = lower.find(std::string(report::chart_js()));
  REQUIRE(library != std::string::npos);
  lower.erase(library, report::chart_js().size());
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const std::string tag : {"<script", "<link", "<img", "<iframe", "<object", "<embed", "<source"}) {
    for (std::size_t at = lower.find(tag); at != std::string::npos; at = lower.find(tag, at + 1)) {
      const std::string element = lower.substr(at, lower.find('>', at) - at);
      CAPTURE(element);
      CHECK(element.find(" src") == std::string::npos);
      CHECK(element.find(" href") == std::string::npos);
    }
  }
  CHECK(lower.find("@import") == std::string::npos);
  CHECK(lower.find("url(") == std::string::npos);
  // The only URLs are in the inlined library's banner comment: none anywhere else.
  CHECK(lower.find("http://") == std::string::npos);
  CHECK(lower.find("https://") == std::string::npos);
  // Chart.js itself, whole.
  CHECK(page.find(std::string(report::chart_js())) != std::string::npos);
  CHECK_HAS(page, ("new Chart(canvas"));
  CHECK_HAS(page, ("document.body.dataset.chartsDrawn"));
  // Every script element is closed where it should be: exactly our four.
  CHECK(occurrences(page, "<script") == 4);
  CHECK(occurrences(page, "</script>") == 4);
}

TEST_CASE("the HTML report carries the data and every section", "[html]") {
  json summary = build(test::make_summary_fixture());
  summary["scenario"]["document"] = fixture_document();
  summary["workloads"][0]["time_series"] = fixture_time_series();
  summary["trace"] = {{"file", "run.trace.json"}, {"irps_traced", 100}, {"irps_skipped", 700}};
  const std::string page = report::render_html_report(summary);

  SECTION("the data") {
    CHECK(embedded(page, "irpsim-summary") == summary);
    const json charts = embedded(page, "irpsim-charts");
    const int expected = expected_charts(summary);
    // app and bg: read, write and the overview; the time series of both; the layers; host0's cores and timeline.
    CHECK(expected == 2 * (2 * 2 + 1) + 3 * 2 + 2 + 2);
    CHECK(charts.size() == static_cast<std::size_t>(expected));
    CHECK_HAS(page, ("data-charts-expected=\"" + std::to_string(expected) + "\""));
    for (const json& c : charts) {
      CAPTURE(c.dump().substr(0, 300));
      CHECK_HAS(page, ("<canvas id=\"" + c["id"].get<std::string>() + "\""));
      CHECK(!c["datasets"].empty());
    }
  }

  SECTION("each section") {
    for (const char* id :
         {"stack", "latency", "layers", "cpu", "time", "ordering", "status", "accounting", "cost", "scenario"})
      CHECK_HAS(page, (std::string("<section id=\"") + id + "\">"));
    // Header.
    CHECK_HAS(page, ("<h1>quickstart</h1>"));
    CHECK_HAS(page, ("a filter over a function driver over a bus driver, one SSD"));
    CHECK_HAS(page, ("<div class=\"value\">42</div><div class=\"label\">seed</div>"));
    CHECK_HAS(page, ("<div class=\"label\">simulated time</div>"));
    // Stack diagram: drivers with their roles and policies, the targets between them, the device.
    CHECK_HAS(page, ("<span class=\"name\">upper-filter</span><span class=\"badge\">filter</span>"));
    CHECK_HAS(page, ("<span class=\"name\">fdo</span><span class=\"badge\">function</span>"));
    CHECK_HAS(page, ("<span class=\"name\">pdo</span><span class=\"badge\">bus</span>"));
    CHECK_HAS(page, ("I/O target <b>upper-filter-&gt;fdo</b>"));
    CHECK_HAS(page, ("I/O target <b>fdo-&gt;pdo</b>"));
    CHECK_HAS(page, ("<b>ioctl</b> &rarr; <span class=\"action\">complete</span>, after 5us, with STATUS_SUCCESS"));
    CHECK_HAS(page, ("send: timeout 1ms"));
    CHECK_HAS(page, ("<span class=\"name\">ssd0</span><span class=\"badge\">device</span><span class=\"host\">2 channels"));
    CHECK_HAS(page, ("67% read 4KiB, 33% write 4KiB"));
    // Latency, layers, time series.
    CHECK_HAS(page, ("data-chart-kind=\"histogram\""));
    CHECK_HAS(page, ("data-chart-kind=\"cdf\""));
    CHECK_HAS(page, ("data-chart-kind=\"bars\""));
    CHECK_HAS(page, ("data-chart-kind=\"series\""));
    CHECK_HAS(page, ("app: outstanding requests over time"));
    // Ordering, status, accounting, run cost, trace, scenario.
    CHECK_HAS(page, ("<td class=\"num\">75.0%</td>"));
    CHECK_HAS(page, ("STATUS_DEVICE_DATA_ERROR"));
    CHECK_HAS(page, ("REQUEST_ALREADY_COMPLETED"));
    CHECK_HAS(page, ("queue default of driver fdo (presented)"));
    CHECK_HAS(page, ("<th>peak memory</th><td>31.0 MiB</td>"));
    CHECK_HAS(page, ("was capped: it holds 100 IRPs and leaves out 700"));
    CHECK_HAS(page, ("&quot;stop&quot;: {"));
    CHECK_HAS(page, ("Chart.js v3"));
  }
}

TEST_CASE("the HTML report decodes histograms with the recorder's bucket scheme", "[html]") {
  const json summary = build(test::make_summary_fixture());
  const json charts = embedded(report::render_html_report(summary), "irpsim-charts");
  const json& read = summary["workloads"][0]["types"][0];
  REQUIRE(read["type"] == "read");
  const json& lat = read["latency_ns"];
  // The read CDF of "app": starts at the exact minimum with 0 %, ends at the exact maximum with 100 %, and rises
  // at each bucket's upper edge by that bucket's share.
  const json* cdf = nullptr;
  const json* hist = nullptr;
  for (const json& c : charts) {
    if (c["title"] == "app read: latency CDF")
      cdf = &c;
    if (c["title"] == "app read: latency histogram")
      hist = &c;
  }
  REQUIRE(cdf);
  REQUIRE(hist);
  const json& pts = (*cdf)["datasets"][0]["points"];
  REQUIRE(pts.size() >= 2);
  CHECK(pts.front()[0].get<double>() == lat["min_ns"].get<double>());
  CHECK(pts.front()[1].get<double>() == 0);
  CHECK(pts.back()[0].get<double>() == lat["max_ns"].get<double>());
  CHECK(pts.back()[1].get<double>() == Approx(100));
  double total = 0;
  for (const json& b : lat["histogram"]["buckets"])
    total += b[1].get<double>();
  double cumulative = 0;
  std::size_t matched = 0;
  const auto& buckets = lat["histogram"]["buckets"];
  for (std::size_t i = 0; i + 1 < buckets.size(); ++i) {  // the last edge is clamped to max_ns
    cumulative += buckets[i][1].get<double>();
    const double high = static_cast<double>(stats::Histogram::bucket_high(buckets[i][0].get<std::uint64_t>()));
    for (const json& p : pts)
      if (p[0].get<double>() == high) {
        CHECK(p[1].get<double>() == Approx(cumulative / total * 100).margin(1e-3));
        ++matched;
      }
  }
  CHECK(matched == buckets.size() - 1);
  // Percentile markers at the summary's p50, p99 and p99.9.
  const json& markers = (*cdf)["markers"];
  REQUIRE(markers.size() == 3);
  CHECK(markers[0]["label"] == "p50");
  CHECK(markers[0]["value"].get<double>() == lat["percentiles_ns"]["50.00"].get<double>());
  CHECK(markers[2]["label"] == "p99.9");
  // The histogram's bars add up to 100 % and sit on a log axis spanning whole decades around the data.
  double sum = 0;
  for (const json& p : (*hist)["datasets"][0]["points"])
    sum += p[1].get<double>();
  CHECK(sum == Approx(100).margin(0.01));
  const double lo = (*hist)["x"]["min"].get<double>(), hi = (*hist)["x"]["max"].get<double>();
  CHECK(lo <= lat["min_ns"].get<double>());
  CHECK(hi >= lat["max_ns"].get<double>());
  CHECK(std::log10(lo) == Approx(std::round(std::log10(lo))));
}

TEST_CASE("the HTML report escapes what the scenario says", "[html]") {
  json summary = build(test::make_summary_fixture());
  summary["scenario"]["name"] = "a <b>bold</b> & </script><script>alert(1)</script> name";
  summary["scenario"]["description"] = "\"quoted\" 'single'";
  const std::string page = report::render_html_report(summary);
  CHECK_HAS(page, ("<h1>a &lt;b&gt;bold&lt;/b&gt; &amp; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; name</h1>"));
  CHECK(occurrences(page, "<script") == 4);
  CHECK(occurrences(page, "</script>") == 4);
  CHECK(embedded(page, "irpsim-summary")["scenario"]["name"] == summary["scenario"]["name"]);
}

TEST_CASE("the HTML report of an empty run still renders", "[html]") {
  const json summary = build(test::make_empty_fixture());
  const std::string page = report::render_html_report(summary);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_HAS(page, ("</html>"));
  CHECK_HAS(page, ("data-charts-expected=\"0\""));
  CHECK(embedded(page, "irpsim-charts").empty());
  CHECK_HAS(page, ("No measured request completed in this workload"));
  CHECK_HAS(page, ("This summary does not carry the scenario document"));
  CHECK_HAS(page, ("No interval recorded: nothing was issued."));
  for (const char* id : {"stack", "latency", "layers", "cpu", "time", "ordering", "status", "accounting", "cost",
                         "scenario"})
    CHECK_HAS(page, (std::string("<section id=\"") + id + "\">"));
  CHECK_HAS(page, ("This run spent no CPU time"));
}

TEST_CASE("the HTML report of a halted run says the results are partial", "[html]") {
  auto f = test::make_summary_fixture();
  CHECK(report::render_html_report(build(f)).find("Partial results") == std::string::npos);
  f.accounting.in_flight = 12;
  f.accounting.halt = report::Accounting::Halt{"interrupted", "Ctrl-C (SIGINT)", 0.5};
  const std::string page = report::render_html_report(build(f));
  CHECK_HAS(page, ("<strong>Partial results (interrupted)</strong>: Ctrl-C (SIGINT) at 500 ms simulated; 12 "
                   "request(s) were still in flight."));
  CHECK_HAS(page, ("in flight at the halt"));
}

TEST_CASE("the HTML report tolerates a summary with almost nothing in it", "[html]") {
  for (const char* doc : {"{}", "null", R"({"scenario": {"document": 3}, "workloads": [{}], "layers": [{"rows": [{}]}],
                                           "accounting": {"stuck": 2}, "run_info": null})"}) {
    CAPTURE(doc);
    const std::string page = report::render_html_report(json::parse(doc));
    CHECK_HAS(page, ("</html>"));
    CHECK_HAS(page, ("<section id=\"scenario\">"));
  }
}

namespace {

const json* chart_titled(const json& charts, const std::string& title) {
  for (const json& c : charts)
    if (c["title"] == title)
      return &c;
  return nullptr;
}

std::string pct_cell(double fraction) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "<td class=\"num\">%.1f%%</td>", fraction * 100.0);
  return buf;
}

}  // namespace

TEST_CASE("the HTML report shows where CPU time goes", "[html][cpu]") {
  const json summary = build(test::make_summary_fixture());
  const std::string page = report::render_html_report(summary);
  const json charts = embedded(page, "irpsim-charts");
  CHECK_HAS(page, ("<section id=\"cpu\"><h2>Where CPU time goes</h2>"));
  CHECK_HAS(page, ("<a href=\"#cpu\">cpu</a>"));
  CHECK(page.find("<section id=\"layers\">") < page.find("<section id=\"cpu\">"));
  CHECK(page.find("<section id=\"cpu\">") < page.find("<section id=\"time\">"));
  // host0: 4 cores busy 0.0175 s of 4 x 0.05 s.
  CHECK_HAS(page, ("<h3>host host0 <span class=\"sub\">4 cores, 8.8% busy over the run</span></h3>"));

  // The cores as stacked bars in percent: all cores, then core 0 .. 3; one dataset per kind of work.
  const json* bars = chart_titled(charts, "host host0: utilization of each core by kind of work");
  REQUIRE(bars);
  CHECK((*bars)["kind"] == "bars");
  CHECK((*bars)["unit"] == "percent");
  CHECK((*bars)["labels"] == json::array({"all cores", "core 0", "core 1", "core 2", "core 3"}));
  REQUIRE((*bars)["datasets"].size() == 5);
  std::vector<std::string> labels;
  for (const json& d : (*bars)["datasets"])
    labels.push_back(d["label"]);
  CHECK(labels == std::vector<std::string>{"dispatch", "completion", "ISR", "DPC", "lock spin"});
  const json& dispatch = (*bars)["datasets"][0]["data"];
  CHECK(dispatch[0].get<double>() == Approx((0.004 + 0.003 + 0.0025) / (4 * 0.05) * 100).margin(1e-4));
  CHECK(dispatch[1].get<double>() == Approx(0.004 / 0.05 * 100).margin(1e-4));
  CHECK(dispatch[3].get<double>() == Approx(0.0025 / 0.05 * 100).margin(1e-4));
  CHECK(dispatch[4].get<double>() == 0);
  CHECK((*bars)["datasets"][4]["data"][2].get<double>() == Approx(0.001 / 0.05 * 100).margin(1e-4));  // core 1 spin

  // Utilisation over time: one point per 10 ms bucket, at its middle; the run ends with the last bucket.
  const json* series = chart_titled(charts, "host host0: CPU utilization over time");
  REQUIRE(series);
  CHECK((*series)["kind"] == "series");
  CHECK((*series)["y"]["unit"] == "percent");
  const json& points = (*series)["datasets"][0]["points"];
  REQUIRE(points.size() == 5);
  const double busy[] = {0.004, 0.006, 0.002, 0.0035, 0.002};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(points[i][0].get<double>() == 10e6 * static_cast<double>(i) + 5e6);
    CHECK(points[i][1].get<double>() == Approx(busy[i] / (4 * 0.01) * 100).margin(1e-4));
  }

  // The table of the host: all cores, then per core; the drivers' CPU per request; the lock; the interrupts.
  CHECK_HAS(page, ("<tr class=\"total\"><td>all cores</td>" + pct_cell(0.0175 / 0.2)));
  CHECK_HAS(page, ("<tr><td>core 0</td>" + pct_cell(0.010 / 0.05) + pct_cell(0.004 / 0.05) + pct_cell(0.002 / 0.05) +
                   pct_cell(0.001 / 0.05) + pct_cell(0.002 / 0.05) + pct_cell(0.001 / 0.05) +
                   "<td class=\"num\">1000</td></tr>"));
  // fdo: 800 requests; 1.2 ms dispatch CPU, 0.4 ms completion CPU, 200 us core wait, 80 us spin.
  CHECK_HAS(page, ("<tr><td>fdo</td><td>host0</td><td class=\"num\">800</td><td class=\"num\">" +
                   report::html::ns_text(0.0012 * 1e9 / 800) + "</td><td class=\"num\">" +
                   report::html::ns_text(0.0004 * 1e9 / 800) + "</td><td class=\"num\"><b>" +
                   report::html::ns_text(0.0016 * 1e9 / 800) + "</b></td><td class=\"num\">" +
                   report::html::ns_text(0.0002 * 1e9 / 800) + "</td><td class=\"num\">" +
                   report::html::ns_text(0.00008 * 1e9 / 800) + "</td></tr>"));
  CHECK_HAS(page, ("<tr><td>fdo</td><td>fdo-queue-lock</td><td class=\"num\">1600</td><td class=\"num\">" +
                   report::html::ns_text(0.00008 * 1e9 / 1600) + "</td><td class=\"num\">" +
                   report::html::ns_text(0.0008 * 1e9 / 1600) + "</td>" + pct_cell(0.0008 / 0.05) + "</tr>"));
  CHECK_HAS(page, ("<tr><td>ssd0</td><td>host0</td><td class=\"num\">800</td><td class=\"num\">" +
                   report::html::ns_text(1000) + "</td><td class=\"num\">" + report::html::ns_text(2000) +
                   "</td><td class=\"num\">" + report::html::ns_text(1000) + "</td></tr>"));

  // The layers: a driver's time in layer split into its parts, and the device's interrupt.
  const json* layer_bars = chart_titled(charts, "stack disk: mean time per request in each layer");
  REQUIRE(layer_bars);
  std::vector<std::string> parts;
  for (const json& d : (*layer_bars)["datasets"])
    parts.push_back(d["label"]);
  CHECK(parts == std::vector<std::string>{"queue wait (driver)", "core wait (driver)", "lock spin (driver)",
                                          "CPU (driver)", "own delay (driver)", "held (I/O target)", "wait (device)",
                                          "service (device)", "interrupt (device)"});
  CHECK((*layer_bars)["datasets"][3]["data"][2] == 1500.0);  // fdo's CPU per request
  CHECK((*layer_bars)["datasets"][8]["data"][5] == 4000.0);  // the device's interrupt
  CHECK_HAS(page, ("<th>core wait</th><th>lock spin</th><th>CPU</th><th>interrupt</th>"));

  // slat and clat per type, in the latency section.
  CHECK_HAS(page, ("<th>slat min</th><th>slat mean</th>"));
  CHECK_HAS(page, ("<tr><td>read</td><td class=\"num\">" + report::html::ns_text(3000) + "</td>"));
}

TEST_CASE("the HTML report of a run without CPU time draws no CPU chart", "[html][cpu]") {
  const json summary = build(test::make_summary_fixture(400, false));
  const std::string page = report::render_html_report(summary);
  const json charts = embedded(page, "irpsim-charts");
  CHECK(charts.size() == static_cast<std::size_t>(expected_charts(summary)));
  CHECK(charts.size() == 2 * (2 * 2 + 1) + 3 * 2 + 2);  // as with CPU time, less host0's two charts
  CHECK_HAS(page, ("<section id=\"cpu\"><h2>Where CPU time goes</h2>\n<p class=\"note\">This run spent no CPU time"));
  CHECK(page.find("<th>slat min</th>") == std::string::npos);
  CHECK(page.find("<th>core wait</th>") == std::string::npos);
  CHECK(chart_titled(charts, "host host0: utilization of each core by kind of work") == nullptr);
  const json* layer_bars = chart_titled(charts, "stack disk: mean time per request in each layer");
  REQUIRE(layer_bars);
  CHECK((*layer_bars)["datasets"].size() == 5);
}
