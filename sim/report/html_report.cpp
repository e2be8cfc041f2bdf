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
#include "sim/report/text_report.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::report {

using json = nlohmann::ordered_json;

namespace {

// ---------------------------------------------------------------------------------------------------------------
// Null-tolerant accessors: a missing or null field reads as absent / zero / empty.

const json* field(const json& o, const char* key) {
  if (!o.is_object())
    return nullptr;
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}
std::optional<double> number(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_number() ? std::optional<double>(f->get<double>()) : std::nullopt;
}
std::uint64_t count(const json& o, const char* key) {
  const json* f = field(o, key);
  if (!f || !f->is_number())
    return 0;
  const double v = f->get<double>();
  return v > 0 ? f->is_number_unsigned() ? f->get<std::uint64_t>() : static_cast<std::uint64_t>(v) : 0;
}
std::string text(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_string() ? f->get<std::string>() : std::string();
}
const json& sub(const json& o, const char* key) {
  static const json null_value;
  const json* f = field(o, key);
  return f ? *f : null_value;
}
const json& array(const json& o, const char* key) {
  static const json empty = json::array();
  const json* f = field(o, key);
  return f && f->is_array() ? *f : empty;
}
const json& object(const json& o, const char* key) {
  static const json empty = json::object();
  const json* f = field(o, key);
  return f && f->is_object() ? *f : empty;
}
// The element of an array of objects whose "name" is `name`, or null.
const json* named(const json& list, const std::string& name) {
  if (!list.is_array())
    return nullptr;
  for (const json& item : list)
    if (item.is_object() && text(item, "name") == name)
      return &item;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// Text.

__attribute__((format(printf, 1, 2))) std::string fmt(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON to put inside a <script> element: "<", ">" and "&" only occur inside JSON strings, where \u003c and friends
// mean the same, and without them no "</script>" or "<!--" can end or confuse the element.
std::string script_json(const json& j) {
  const std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(s.size() + s.size() / 64);
  for (char c : s) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

// Three significant digits.
std::string sig3(double v) {
  const double a = std::fabs(v);
  if (a >= 99.95 || v == std::floor(v))
    return fmt("%.0f", v);
  if (a >= 9.995)
    return fmt("%.1f", v);
  return fmt("%.2f", v);
}

const char* const kMicro = "\xC2\xB5";  // U+00B5 MICRO SIGN, UTF-8

// "286 µs", "1.50 µs", "7 ns", "2.31 ms", "1.20 s".
std::string ns_text(double ns) {
  const double a = std::fabs(ns);
  if (a < 1e3)
    return sig3(ns) + " ns";
  if (a < 999.5e3)
    return sig3(ns / 1e3) + " " + kMicro + "s";
  if (a < 999.5e6)
    return sig3(ns / 1e6) + " ms";
  return sig3(ns / 1e9) + " s";
}
std::string ns_text(std::optional<double> ns) { return ns ? ns_text(*ns) : std::string("&ndash;"); }
std::string count_text(std::optional<double> v) { return v ? esc(format_count(*v)) : std::string("&ndash;"); }
std::string percent_text(std::optional<double> v) { return v ? fmt("%.1f%%", *v) : std::string("&ndash;"); }
std::string int_text(std::uint64_t v) { return fmt("%llu", static_cast<unsigned long long>(v)); }
std::string bytes_per_s_text(std::optional<double> v) {
  return v ? esc(format_bytes(*v)) + "/s" : std::string("&ndash;");
}

// A value of the scenario document (a duration, size, name, small object) as short text.
std::string value_text(const json& v) {
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_object()) {
    std::string out;
    if (const json* d = field(v, "dist"); d && d->is_string())
      out = d->get<std::string>();
    for (const auto& item : v.items()) {
      if (item.key() == "dist")
        continue;
      if (!out.empty())
        out += ' ';
      out += item.key() + "=" + value_text(item.value());
    }
    return out;
  }
  if (v.is_array()) {
    std::string out;
    for (const json& x : v)
      out += (out.empty() ? "" : ", ") + value_text(x);
    return "[" + out + "]";
  }
  return v.dump();
}

std::string workload_kind_text(const json& w) {
  const std::string kind = text(w, "kind");
  if (kind == "closed")
    return "closed loop, queue depth " + int_text(count(w, "queue_depth"));
  const std::string how = kind == "open_poisson" ? "open loop, Poisson arrivals"
                          : kind == "open_fixed" ? "open loop, fixed rate"
                                                 : "open loop (" + kind + ")";
  return how + ", offered " + format_count(number(w, "offered_rate_per_s").value_or(0)) + "/s";
}

// ---------------------------------------------------------------------------------------------------------------
// Latency distributions, decoded from the summary's histogram blocks.

struct Bucket {
  std::uint64_t index = 0;
  double low = 0, high = 0;  // inclusive value range, ns
  double count = 0;
};

// The non-zero buckets of a latency block in index order, or nothing when the block has no histogram in the
// log-linear-128 scheme. The outer edges are narrowed to the exact min and max the block carries.
std::vector<Bucket> decode_histogram(const json& latency) {
  std::vector<Bucket> out;
  const json& h = sub(latency, "histogram");
  if (text(h, "scheme") != stats::Histogram::kSchemeName)
    return out;
  static const std::uint64_t kLastIndex = stats::Histogram::bucket_index(std::numeric_limits<std::uint64_t>::max());
  std::map<std::uint64_t, double> counts;
  for (const json& b : array(h, "buckets")) {
    if (!b.is_array() || b.size() != 2 || !b[0].is_number_unsigned() || !b[1].is_number() ||
        !(b[1].get<double>() > 0))
      continue;
    const std::uint64_t i = b[0].get<std::uint64_t>();
    if (i <= kLastIndex)
      counts[i] += b[1].get<double>();
  }
  for (const auto& [i, c] : counts)
    out.push_back({i, static_cast<double>(stats::Histogram::bucket_low(i)),
                   static_cast<double>(stats::Histogram::bucket_high(i)), c});
  if (!out.empty()) {
    if (auto mn = number(latency, "min_ns"))
      out.front().low = std::clamp(*mn, out.front().low, out.front().high);
    if (auto mx = number(latency, "max_ns"))
      out.back().high = std::clamp(*mx, out.back().low, out.back().high);
  }
  return out;
}

double total_of(const std::vector<Bucket>& b) {
  double t = 0;
  for (const Bucket& x : b)
    t += x.count;
  return t;
}

// Log axes cannot show 0: values below 1 ns are drawn at 1 ns.
double on_log_axis(double ns) { return std::max(ns, 1.0); }

// A number rounded for the page's JSON: integers of ns above 100, four significant digits below.
json rounded(double v) {
  if (!std::isfinite(v))
    return nullptr;
  if (std::fabs(v) >= 100)
    return std::round(v);
  return std::round(v * 1e4) / 1e4;
}
json pct_rounded(double v) { return std::round(v * 1e4) / 1e4; }

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return !(hi >= lo); }
};

// Whole decades around the range, so a log axis has round ends.
json log_axis(const Range& r) {
  if (r.empty())
    return {{"log", true}};
  // 2 % of margin, so that data on a power of ten does not sit on the edge of the plot.
  const double lo = std::pow(10.0, std::floor(std::log10(on_log_axis(r.lo) * 0.98)));
  double hi = std::pow(10.0, std::ceil(std::log10(on_log_axis(r.hi) * 1.02)));
  if (hi <= lo)
    hi = lo * 10;
  return {{"log", true}, {"min", rounded(lo)}, {"max", rounded(hi)}};
}

// The histogram as a step line on a log time axis: y is the percent of requests in each bin. With few buckets each
// recorded bucket is its own bin; otherwise buckets are gathered into kBins bins of equal width in log space (a
// bucket goes to the bin holding its midpoint), which keeps bars comparable in area.
json histogram_points(const std::vector<Bucket>& b, Range& range) {
  json points = json::array();
  const double total = total_of(b);
  if (b.empty() || !(total > 0))
    return points;
  constexpr std::uint64_t kBins = 64;
  std::vector<double> edges, pct;
  const std::uint64_t first = b.front().index, last = b.back().index;
  if (last - first + 1 <= kBins) {
    std::size_t j = 0;
    for (std::uint64_t i = first; i <= last; ++i) {
      double c = 0;
      if (j < b.size() && b[j].index == i)
        c = b[j++].count;
      edges.push_back(on_log_axis(static_cast<double>(stats::Histogram::bucket_low(i))));
      pct.push_back(c / total * 100.0);
    }
    edges.push_back(on_log_axis(static_cast<double>(stats::Histogram::bucket_high(last)) + 1));
  } else {
    const double lo = on_log_axis(static_cast<double>(stats::Histogram::bucket_low(first)));
    const double hi = std::max(lo * 1.001, on_log_axis(static_cast<double>(stats::Histogram::bucket_high(last)) + 1));
    const double span = std::log(hi / lo);
    pct.assign(kBins, 0.0);
    for (std::uint64_t k = 0; k <= kBins; ++k)
      edges.push_back(lo * std::exp(span * static_cast<double>(k) / static_cast<double>(kBins)));
    for (const Bucket& x : b) {
      const double mid = on_log_axis((static_cast<double>(stats::Histogram::bucket_low(x.index)) +
                                      static_cast<double>(stats::Histogram::bucket_high(x.index))) / 2.0);
      const double pos = std::log(mid / lo) / span * static_cast<double>(kBins);
      const auto k = static_cast<std::size_t>(std::clamp(std::floor(pos), 0.0, static_cast<double>(kBins - 1)));
      pct[k] += x.count / total * 100.0;
    }
  }
  for (std::size_t k = 1; k < edges.size(); ++k)  // strictly increasing edges, even below 1 ns
    edges[k] = std::max(edges[k], edges[k - 1] * 1.0001);
  points.push_back(json::array({rounded(edges.front()), 0}));
  for (std::size_t k = 0; k < pct.size(); ++k)
    points.push_back(json::array({rounded(edges[k]), pct_rounded(pct[k])}));
  points.push_back(json::array({rounded(edges.back()), 0}));
  range.add(edges.front());
  range.add(edges.back());
  return points;
}

// The empirical CDF, linear inside each bucket: (low, percent below the bucket), (high, percent up to its end).
json cdf_points(const std::vector<Bucket>& b, Range& range) {
  json points = json::array();
  const double total = total_of(b);
  if (b.empty() || !(total > 0))
    return points;
  double cumulative = 0, previous_high = -2;
  for (const Bucket& x : b) {
    if (x.low > previous_high + 1)
      points.push_back(json::array({rounded(on_log_axis(x.low)), pct_rounded(cumulative / total * 100.0)}));
    cumulative += x.count;
    points.push_back(json::array({rounded(on_log_axis(x.high)), pct_rounded(cumulative / total * 100.0)}));
    previous_high = x.high;
  }
  range.add(on_log_axis(b.front().low));
  range.add(on_log_axis(b.back().high));
  return points;
}

struct Marker {
  const char* key;
  const char* label;
};
constexpr Marker kMarkers[] = {{"50.00", "p50"}, {"99.00", "p99"}, {"99.90", "p99.9"}};

json percentile_markers(const json& latency, const std::string& prefix = "") {
  json markers = json::array();
  const json& p = sub(latency, "percentiles_ns");
  for (const Marker& m : kMarkers)
    if (auto v = number(p, m.key))
      markers.push_back({{"label", prefix + m.label}, {"value", on_log_axis(*v)}, {"ns", *v}});
  return markers;
}

// ---------------------------------------------------------------------------------------------------------------
// Colours: saturated, so the browser test can tell painted data from the grey axes. One per request type.

std::string type_color(const std::string& type) {
  static const std::map<std::string, std::string> colors{
      {"read", "#1f77b4"},           {"write", "#e8710a"},          {"ioctl", "#2ca02c"},
      {"internal_ioctl", "#9c27b0"}, {"internal_ioctl_others", "#c2185b"}, {"all", "#455a64"}};
  auto it = colors.find(type);
  return it != colors.end() ? it->second : "#00838f";
}
// Layers in the share bars: drivers in blues, I/O targets in purples, devices in greens, as in the layer bars.
std::string kind_color(const std::string& kind, std::size_t i) {
  static const char* const drivers[] = {"#1f77b4", "#3949ab", "#0097a7", "#5c6bc0", "#1565c0", "#00695c"};
  static const char* const targets[] = {"#9467bd", "#ab47bc", "#7b1fa2", "#ce93d8"};
  static const char* const devices[] = {"#2ca02c", "#7cb342", "#00a86b"};
  if (kind == "target")
    return targets[i % std::size(targets)];
  if (kind == "device")
    return devices[i % std::size(devices)];
  return drivers[i % std::size(drivers)];
}

// ---------------------------------------------------------------------------------------------------------------
// The page under construction.

struct Page {
  std::string html;
  json charts = json::array();

  // Adds a chart specification and writes its canvas; `height_px` is the plot's height.
  void chart(json spec, int height_px, const std::string& caption) {
    const std::string id = fmt("chart-%zu", charts.size() + 1);
    spec["id"] = id;
    html += fmt("<figure class=\"chart\"><div class=\"canvas-box\" style=\"height:%dpx\">", height_px);
    html += "<canvas id=\"" + id + "\" data-chart-kind=\"" + esc(text(spec, "kind")) + "\" role=\"img\" aria-label=\"" +
            esc(text(spec, "title")) + "\"></canvas></div>";
    if (!caption.empty())
      html += "<figcaption>" + caption + "</figcaption>";
    html += "</figure>\n";
    charts.push_back(std::move(spec));
  }
  void note(const std::string& what) { html += "<p class=\"note\">" + what + "</p>\n"; }
};

bool has_points(const json& datasets) {
  for (const json& d : datasets) {
    for (const json& p : array(d, "points"))
      if (p.is_array() && p.size() == 2 && p[1].is_number())
        return true;
    for (const json& v : array(d, "data"))
      if (v.is_number())
        return true;
  }
  return false;
}

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
  if (stuck > 0 || violations > 0)
    page.html += "<p class=\"alert\">This run has " + int_text(stuck) + " stuck IRP(s) and " + int_text(violations) +
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

std::string policy_text(const std::string& key, const json& p) {
  const std::string action = text(p, "action");
  std::string out = "<b>" + esc(key) + "</b> &rarr; <span class=\"action\">" + esc(action) + "</span>";
  std::vector<std::string> parts;
  std::set<std::string> used{"action"};
  auto take = [&](const char* k) -> const json* {
    used.insert(k);
    return field(p, k);
  };
  if (const json* t = take("target"); t && value_text(*t) != "lower")
    parts.push_back("to " + value_text(*t));
  if (const json* t = take("targets"))
    parts.push_back((action == "route" ? "among " : "to ") + value_text(*t));
  if (const json* t = take("by"))
    parts.push_back("by " + value_text(*t));
  if (const json* t = take("stripe"))
    parts.push_back("stripe " + value_text(*t));
  if (const json* t = take("chunk"))
    parts.push_back("in chunks of " + value_text(*t));
  if (const json* t = take("order"))
    parts.push_back(value_text(*t));
  if (const json* t = take("mode"))
    parts.push_back(value_text(*t));
  if (const json* t = take("complete_on")) {
    if (t->is_object() && field(*t, "quorum"))
      parts.push_back("complete on a quorum of " + value_text((*t)["quorum"]));
    else
      parts.push_back("complete on " + value_text(*t));
  }
  if (const json* t = take("create"); t && t->is_boolean() && t->get<bool>())
    parts.push_back("driver-created copy");
  if (const json* t = take("rewrite"))
    parts.push_back("rewritten as " + value_text(*t));
  if (const json* t = take("delay"))
    parts.push_back("after " + value_text(*t));
  if (const json* t = take("status"))
    parts.push_back("with " + value_text(*t));
  if (const json* t = take("send"); t && t->is_object()) {
    std::vector<std::string> opts;
    for (const auto& item : t->items())
      if (item.value().is_boolean())
        opts.push_back(item.value().get<bool>() ? item.key() : "no " + item.key());
      else
        opts.push_back(item.key() + " " + value_text(item.value()));
    if (!opts.empty()) {
      std::string s = "send:";
      for (const std::string& o : opts)
        s += " " + o;
      parts.push_back(s);
    }
  }
  for (const auto& item : p.items())
    if (!used.count(item.key()) && item.key() != "mistake")
      parts.push_back(item.key() + " " + value_text(item.value()));
  for (const std::string& s : parts)
    out += ", " + esc(s);
  if (const json* m = field(p, "mistake"))
    out += " <span class=\"mistake\">mistake: " + esc(value_text(*m)) + "</span>";
  return out;
}

std::string queue_text(const json& q) {
  std::string s = text(q, "name");
  std::vector<std::string> parts;
  if (const json* d = field(q, "default"); d && d->is_boolean() && d->get<bool>())
    parts.push_back("default");
  if (const json* t = field(q, "types"))
    parts.push_back(value_text(*t));
  parts.push_back(field(q, "dispatch") ? value_text(q["dispatch"]) : "parallel");
  for (const char* k : {"max_presented", "retrieve_every", "max_retrieved"})
    if (const json* v = field(q, k))
      parts.push_back(std::string(k) + " " + value_text(*v));
  s += " (";
  for (std::size_t i = 0; i < parts.size(); ++i)
    s += (i ? ", " : "") + parts[i];
  return esc(s + ")");
}

std::string mean_of(const json& row, const char* key) { return ns_text(number(sub(row, key), "mean_ns")); }

std::string stack_anchor(const std::string& name) {
  std::string id = "stack-";
  for (char c : name)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return id;
}

void render_driver_box(Page& page, const std::string& name, const json* row, const json* doc,
                       const std::vector<const json*>& remote_rows, const json& doc_targets) {
  const std::string role = row ? text(*row, "role") : doc ? text(*doc, "role") : "";
  page.html += "<div class=\"box driver role-" + esc(role) + "\"><div class=\"box-head\"><span class=\"name\">" +
               esc(name) + "</span><span class=\"badge\">" + esc(role.empty() ? "driver" : role) + "</span>";
  if (doc && !text(*doc, "host").empty())
    page.html += "<span class=\"host\">on " + esc(text(*doc, "host")) + "</span>";
  page.html += "</div>";
  if (doc) {
    const json& queues = array(*doc, "queues");
    if (!queues.empty()) {
      page.html += "<div class=\"queues\">queues: ";
      for (std::size_t i = 0; i < queues.size(); ++i)
        page.html += (i ? "; " : "") + queue_text(queues[i]);
      page.html += "</div>";
    }
    const json& policies = object(*doc, "policies");
    if (!policies.empty()) {
      page.html += "<ul class=\"policies\">";
      for (const auto& item : policies.items())
        page.html += "<li>" + policy_text(item.key(), item.value()) + "</li>";
      page.html += "</ul>";
    } else {
      page.html += "<div class=\"queues\">no policies: " +
                   std::string(role == "filter" ? "passes every request through" : "fails every request") + "</div>";
    }
    if (const json* cpu = field(*doc, "cpu"))
      page.html += "<div class=\"queues\">cpu: " + esc(value_text(*cpu)) + "</div>";
  }
  if (row) {
    page.html += "<div class=\"figures\">" + count_text(static_cast<double>(count(*row, "requests"))) + " requests";
    if (count(*row, "passed_through") > 0)
      page.html += " &middot; " + count_text(static_cast<double>(count(*row, "passed_through"))) + " passed through";
    page.html += " &middot; queue wait " + mean_of(*row, "queue_wait_ns") + " &middot; in layer " +
                 mean_of(*row, "in_layer_ns") + " &middot; <b>" + percent_text(number(*row, "share_of_latency_percent")) +
                 "</b> of latency</div>";
  }
  for (const json* r : remote_rows) {
    const std::string full = text(*r, "name");
    const std::string short_name = full.substr(full.find("->") == std::string::npos ? 0 : full.find("->") + 2);
    const json* t = named(doc_targets, short_name);
    const std::string opens = t ? text(*t, "stack") : "";
    page.html += "<div class=\"remote\">&#8674; remote I/O target <b>" + esc(short_name) + "</b>";
    if (!opens.empty())
      page.html += " opens stack <a href=\"#" + esc(stack_anchor(opens)) + "\">" + esc(opens) + "</a>";
    page.html += " &middot; " + count_text(static_cast<double>(count(*r, "requests"))) + " sent, held " +
                 mean_of(*r, "held_ns") + "</div>";
  }
  // Remote targets with no row (summary without a layer table).
  if (remote_rows.empty())
    for (const json& t : doc_targets)
      page.html += "<div class=\"remote\">&#8674; remote I/O target <b>" + esc(text(t, "name")) +
                   "</b> opens stack <a href=\"#" + esc(stack_anchor(text(t, "stack"))) + "\">" +
                   esc(text(t, "stack")) + "</a></div>";
  page.html += "</div>\n";
}

void render_stack_diagram(Page& page, const json& summary, const json* document) {
  page.html += "<section id=\"stack\"><h2>The stack</h2>\n";
  if (!document)
    page.note("This summary does not carry the scenario document, so the diagram shows only the layer table: no "
              "queues, policies, remote target stacks or device settings.");
  // Stacks from the layer table, or from the document when there is none.
  struct StackView {
    std::string name, device;
    std::vector<std::string> drivers;
    const json* layer = nullptr;  // the stack's entry of summary["layers"]
  };
  std::vector<StackView> stacks;
  for (const json& s : array(summary, "layers")) {
    StackView v{text(s, "stack"), text(s, "device"), {}, &s};
    for (const json& r : array(s, "rows"))
      if (text(r, "kind") == "driver")
        v.drivers.push_back(text(r, "name"));
    stacks.push_back(std::move(v));
  }
  if (stacks.empty() && document)
    for (const json& s : array(*document, "stacks")) {
      StackView v{text(s, "name"), text(s, "device"), {}, nullptr};
      for (const json& d : array(s, "drivers"))
        if (d.is_string())
          v.drivers.push_back(d.get<std::string>());
      stacks.push_back(std::move(v));
    }
  if (stacks.empty()) {
    page.note("No stack in this summary.");
    page.html += "</section>\n";
    return;
  }
  static const json no_document = json::object();
  const json& doc = document ? *document : no_document;
  page.html += "<div class=\"stacks\">\n";
  for (const StackView& s : stacks) {
    page.html += "<div class=\"stack\" id=\"" + esc(stack_anchor(s.name)) + "\"><h3>stack " + esc(s.name) + "</h3>\n";
    // Who issues into the stack.
    std::vector<std::string> issuers;
    for (const json& w : array(summary, "workloads"))
      if (text(w, "stack") == s.name) {
        std::string line = "<b>" + esc(text(w, "name")) + "</b>: " + esc(workload_kind_text(w));
        if (const json* wd = named(array(doc, "workloads"), text(w, "name"))) {
          const json& mix = array(*wd, "mix");
          double weights = 0;
          for (const json& m : mix)
            weights += number(m, "weight").value_or(1);
          std::string mix_text;
          for (const json& m : mix)
            mix_text += (mix_text.empty() ? "" : ", ") +
                        fmt("%.0f%% ", weights > 0 ? number(m, "weight").value_or(1) / weights * 100 : 0) +
                        text(m, "type") + " " + text(m, "size");
          if (!mix_text.empty())
            line += "<br><span class=\"mix\">" + esc(mix_text) + "</span>";
        }
        issuers.push_back(line);
      }
    if (issuers.empty() && document)  // who opens this stack as a remote I/O target
      for (const json& d : array(doc, "drivers"))
        for (const json& t : array(d, "targets"))
          if (text(t, "stack") == s.name)
            issuers.push_back("remote I/O target <b>" + esc(text(t, "name")) + "</b> of driver <b>" + esc(text(d, "name")) +
                              "</b>");
    if (issuers.empty())
      issuers.push_back("no workload issues into this stack");
    page.html += "<div class=\"box issuer\">";
    for (std::size_t i = 0; i < issuers.size(); ++i)
      page.html += (i ? "<hr>" : "") + issuers[i];
    page.html += "</div>\n<div class=\"link\">&darr; IRPs</div>\n";

    static const json no_rows = json::array();
    const json& rows = s.layer ? array(*s.layer, "rows") : no_rows;
    auto row_of = [&](const std::string& kind, const std::string& name) -> const json* {
      for (const json& r : rows)
        if (text(r, "kind") == kind && text(r, "name") == name)
          return &r;
      return nullptr;
    };
    for (std::size_t di = 0; di < s.drivers.size(); ++di) {
      const std::string& d = s.drivers[di];
      const json* ddoc = named(array(doc, "drivers"), d);
      const json& doc_targets = ddoc ? array(*ddoc, "targets") : no_rows;
      const std::string next = di + 1 < s.drivers.size() ? s.drivers[di + 1] : std::string();
      const json* local = nullptr;
      std::vector<const json*> remotes;
      for (const json& r : rows) {
        if (text(r, "kind") != "target" || text(r, "driver") != d)
          continue;
        const std::string full = text(r, "name");
        const std::string tail = full.substr(full.find("->") == std::string::npos ? 0 : full.find("->") + 2);
        const bool remote = named(doc_targets, tail) ? true : !(tail == next && !next.empty());
        if (remote)
          remotes.push_back(&r);
        else if (!local)
          local = &r;
      }
      render_driver_box(page, d, row_of("driver", d), ddoc, remotes, doc_targets);
      if (local)
        page.html += "<div class=\"link target\">&darr; I/O target <b>" + esc(text(*local, "name")) + "</b> &middot; " +
                     count_text(static_cast<double>(count(*local, "requests"))) + " sent, held " +
                     mean_of(*local, "held_ns") + "</div>\n";
      else if (!next.empty())
        page.html += "<div class=\"link\">&darr;</div>\n";
      else
        page.html += "<div class=\"link\">&darr; starts the device</div>\n";
    }
    // The device.
    const json* drow = row_of("device", s.device);
    const json* ddoc = named(array(doc, "devices"), s.device);
    page.html += "<div class=\"box device\"><div class=\"box-head\"><span class=\"name\">" + esc(s.device) +
                 "</span><span class=\"badge\">device</span>";
    if (drow || ddoc) {
      const std::uint64_t ch = drow ? count(*drow, "channels") : ddoc ? count(*ddoc, "channels") : 0;
      page.html += "<span class=\"host\">" + int_text(ch == 0 ? 1 : ch) + " channel" + (ch == 1 ? "" : "s") + "</span>";
    }
    page.html += "</div>";
    if (ddoc) {
      for (const char* k : {"latency", "bandwidth", "errors", "cancelable"})
        if (const json* v = field(*ddoc, k)) {
          std::string t;
          if (v->is_object() && std::string(k) == "latency")
            for (const auto& item : v->items())
              t += (t.empty() ? "" : "; ") + item.key() + " " + value_text(item.value());
          else
            t = value_text(*v);
          page.html += "<div class=\"queues\">" + std::string(k) + ": " + esc(t) + "</div>";
        }
    }
    if (drow)
      page.html += "<div class=\"figures\">" + count_text(static_cast<double>(count(*drow, "requests"))) +
                   " requests &middot; wait " + mean_of(*drow, "queue_wait_ns") + " &middot; service " +
                   mean_of(*drow, "service_ns") + " &middot; utilization " +
                   percent_text(number(*drow, "utilization_percent")) + " &middot; <b>" +
                   percent_text(number(*drow, "share_of_latency_percent")) + "</b> of latency</div>";
    page.html += "</div>\n</div>\n";
  }
  page.html += "</div>\n";
  page.html += "<p class=\"legend\">Means per request that reached the layer, over measured requests; \"of latency\" is "
               "the layer's share of the stack's end-to-end time (queue wait + in layer for a driver, held for a "
               "target, wait + service for a device).</p>\n</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Latency: per workload a table, a CDF of every type together, then per type its histogram and CDF.

void render_latency(Page& page, const json& summary) {
  page.html += "<section id=\"latency\"><h2>Latency distributions</h2>\n";
  page.html += "<p class=\"legend\">Histograms show the percent of measured requests per bin of equal width on the log "
               "time axis; CDFs the percent completed within a time. Dashed lines mark p50, p99 and p99.9.</p>\n";
  const json& workloads = array(summary, "workloads");
  if (workloads.empty())
    page.note("No workload in this summary.");
  for (const json& w : workloads) {
    const std::string wname = text(w, "name");
    page.html += "<h3>" + esc(wname) + " <span class=\"sub\">" + esc(workload_kind_text(w)) + ", stack " +
                 esc(text(w, "stack")) + " &middot; " + int_text(count(w, "issued")) + " issued, " +
                 int_text(count(w, "completed")) + " completed, " + int_text(count(w, "warmup_excluded")) +
                 " warm-up excluded</span></h3>\n";
    page.html += "<table><thead><tr><th>type</th><th>requests</th><th>IOPS</th><th>bandwidth</th><th>min</th>"
                 "<th>mean</th><th>stddev</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>p99.99</th>"
                 "<th>max</th></tr></thead><tbody>";
    auto row = [&](const std::string& label, const json& t, bool strong) {
      const json& lat = sub(t, "latency_ns");
      const json& p = sub(lat, "percentiles_ns");
      page.html += std::string("<tr") + (strong ? " class=\"total\"" : "") + "><td><span class=\"swatch\" style=\"background:" +
                   type_color(strong ? "all" : label) + "\"></span>" + esc(label) + "</td><td class=\"num\">" +
                   int_text(count(t, "requests")) + "</td><td class=\"num\">" + count_text(number(t, "iops_per_s")) +
                   "</td><td class=\"num\">" + bytes_per_s_text(number(t, "bandwidth_bytes_per_s")) + "</td>";
      for (std::optional<double> v :
           {number(lat, "min_ns"), number(lat, "mean_ns"), number(lat, "stddev_ns"), number(p, "50.00"),
            number(p, "90.00"), number(p, "99.00"), number(p, "99.90"), number(p, "99.99"), number(lat, "max_ns")})
        page.html += "<td class=\"num\">" + ns_text(v) + "</td>";
      page.html += "</tr>";
    };
    for (const json& t : array(w, "types"))
      row(text(t, "type"), t, false);
    if (const json* all = field(w, "all_types"))
      row("all types", *all, true);
    page.html += "</tbody></table>\n";

    // Per type: decoded once, used by the overview and the type's own charts.
    struct TypeData {
      std::string type;
      const json* t;
      std::vector<Bucket> buckets;
    };
    std::vector<TypeData> types;
    for (const json& t : array(w, "types")) {
      std::vector<Bucket> b = decode_histogram(sub(t, "latency_ns"));
      if (!b.empty())
        types.push_back({text(t, "type"), &t, std::move(b)});
    }
    if (types.empty()) {
      page.note("No measured request completed in this workload: no distribution to draw.");
      continue;
    }
    if (types.size() > 1) {
      Range range;
      json datasets = json::array();
      for (const TypeData& td : types)
        datasets.push_back({{"label", td.type}, {"color", type_color(td.type)}, {"points", cdf_points(td.buckets, range)}});
      const json& all_lat = sub(sub(w, "all_types"), "latency_ns");
      std::vector<Bucket> all = decode_histogram(all_lat);
      if (!all.empty())
        datasets.push_back({{"label", "all types"}, {"color", type_color("all")}, {"dashed", true},
                            {"points", cdf_points(all, range)}});
      page.chart({{"kind", "cdf"},
                  {"title", wname + ": CDF of every request type"},
                  {"x", log_axis(range)},
                  {"datasets", std::move(datasets)},
                  {"markers", percentile_markers(all_lat, "all ")}},
                 320, "<b>" + esc(wname) + "</b>: latency CDF of each request type, and of all types together.");
    }
    page.html += "<div class=\"grid2\">\n";
    for (const TypeData& td : types) {
      const json& lat = sub(*td.t, "latency_ns");
      Range hr, cr;
      json hist = histogram_points(td.buckets, hr);
      json cdf = cdf_points(td.buckets, cr);
      const std::string caption = "<b>" + esc(wname) + " &middot; " + esc(td.type) + "</b>: " +
                                  int_text(count(lat, "samples")) + " samples";
      page.chart({{"kind", "histogram"},
                  {"title", wname + " " + td.type + ": latency histogram"},
                  {"x", log_axis(hr)},
                  {"datasets", json::array({{{"label", td.type}, {"color", type_color(td.type)}, {"points", std::move(hist)}}})},
                  {"markers", percentile_markers(lat)}},
                 240, caption + ", histogram");
      page.chart({{"kind", "cdf"},
                  {"title", wname + " " + td.type + ": latency CDF"},
                  {"x", log_axis(cr)},
                  {"datasets", json::array({{{"label", td.type}, {"color", type_color(td.type)}, {"points", std::move(cdf)}}})},
                  {"markers", percentile_markers(lat)}},
                 240, caption + ", CDF");
    }
    page.html += "</div>\n";
  }
  page.html += "</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Per-layer breakdown: per stack, the mean time per request in each layer as stacked bars, and each layer's share
// of the end-to-end latency per request type.

void render_layers(Page& page, const json& summary) {
  page.html += "<section id=\"layers\"><h2>Where the time goes</h2>\n";
  const json& stacks = array(summary, "layers");
  if (stacks.empty())
    page.note("No layer table in this summary.");
  for (const json& s : stacks) {
    const std::string sname = text(s, "stack");
    const json& e2e = sub(s, "end_to_end");
    if (count(e2e, "requests") > 0)
      page.html += "<h3>stack " + esc(sname) + " <span class=\"sub\">end-to-end mean " + ns_text(number(e2e, "mean_ns")) +
                   " over " + int_text(count(e2e, "requests")) + " requests; shares add up to " +
                   percent_text(number(s, "share_sum_percent")) + "</span></h3>\n";
    else
      page.html += "<h3>stack " + esc(sname) + " <span class=\"sub\">no measured request of its own (a stack reached "
                   "through remote I/O targets has no end-to-end time, so no shares)</span></h3>\n";
    const json& rows = array(s, "rows");
    // Mean time per request, stacked by component.
    struct Component {
      const char* label;
      const char* kind;
      const char* key;
      const char* color;
    };
    static const Component components[] = {{"queue wait (driver)", "driver", "queue_wait_ns", "#f2a900"},
                                           {"in layer (driver)", "driver", "in_layer_ns", "#1f77b4"},
                                           {"held (I/O target)", "target", "held_ns", "#9467bd"},
                                           {"wait (device)", "device", "queue_wait_ns", "#d62728"},
                                           {"service (device)", "device", "service_ns", "#2ca02c"}};
    json labels = json::array();
    for (const json& r : rows)
      labels.push_back(text(r, "name") + " (" + (text(r, "kind") == "driver" ? text(r, "role") : text(r, "kind")) + ")");
    json datasets = json::array();
    for (const Component& c : components) {
      json data = json::array();
      bool any = false;
      for (const json& r : rows) {
        std::optional<double> v;
        if (text(r, "kind") == c.kind)
          v = number(sub(r, c.key), "mean_ns");
        data.push_back(v ? rounded(*v) : json(nullptr));
        any = any || v.has_value();
      }
      if (any)
        datasets.push_back({{"label", c.label}, {"color", c.color}, {"data", std::move(data)}});
    }
    const int bar_height = 110 + 30 * static_cast<int>(rows.size());
    if (has_points(datasets))
      page.chart({{"kind", "bars"},
                  {"title", "stack " + sname + ": mean time per request in each layer"},
                  {"unit", "ns"},
                  {"labels", std::move(labels)},
                  {"datasets", std::move(datasets)}},
                 bar_height, "<b>stack " + esc(sname) + "</b>: mean time per request in each layer, top to bottom.");
    else
      page.note("No measured request went through stack " + esc(sname) + ".");

    // Share of end-to-end latency, per type: one bar per type, one segment per layer.
    std::vector<std::string> types;
    for (const json& r : rows)
      for (const json& t : array(r, "types"))
        if (std::find(types.begin(), types.end(), text(t, "type")) == types.end())
          types.push_back(text(t, "type"));
    json type_labels = json::array();
    for (const std::string& t : types)
      type_labels.push_back(t);
    type_labels.push_back("all types");
    json shares = json::array();
    std::map<std::string, std::size_t> kind_seen;
    for (std::size_t ri = 0; ri < rows.size(); ++ri) {
      const json& r = rows[ri];
      json data = json::array();
      for (const std::string& t : types) {
        std::optional<double> v;
        for (const json& to : array(r, "types"))
          if (text(to, "type") == t)
            v = number(to, "share_of_latency_percent");
        data.push_back(v ? pct_rounded(*v) : json(nullptr));
      }
      auto all = number(r, "share_of_latency_percent");
      data.push_back(all ? pct_rounded(*all) : json(nullptr));
      shares.push_back({{"label", text(r, "name")}, {"color", kind_color(text(r, "kind"), kind_seen[text(r, "kind")]++)},
                        {"data", std::move(data)}});
    }
    if (has_points(shares))
      page.chart({{"kind", "bars"},
                  {"title", "stack " + sname + ": share of end-to-end latency per request type"},
                  {"unit", "percent"},
                  {"labels", std::move(type_labels)},
                  {"datasets", std::move(shares)}},
                 110 + 30 * static_cast<int>(types.size() + 1) + 20 * static_cast<int>(rows.size() / 6),
                 "<b>stack " + esc(sname) + "</b>: each layer's share of the end-to-end latency, per request type.");

    // The figures as a table.
    page.html += "<table><thead><tr><th>layer</th><th>kind</th><th>requests</th><th>passed</th><th>queue wait</th>"
                 "<th>in layer / held / service</th><th>p99</th><th>below</th><th>utilization</th><th>share</th></tr>"
                 "</thead><tbody>";
    for (const json& r : rows) {
      const std::string kind = text(r, "kind");
      const char* main_key = kind == "driver" ? "in_layer_ns" : kind == "target" ? "held_ns" : "service_ns";
      page.html += "<tr><td>" + esc(text(r, "name")) + "</td><td>" + esc(kind == "driver" ? text(r, "role") : kind) +
                   "</td><td class=\"num\">" + int_text(count(r, "requests")) + "</td><td class=\"num\">" +
                   (kind == "driver" ? int_text(count(r, "passed_through")) : "&ndash;") + "</td><td class=\"num\">" +
                   (kind == "target" ? "&ndash;" : mean_of(r, "queue_wait_ns")) + "</td><td class=\"num\">" +
                   mean_of(r, main_key) + "</td><td class=\"num\">" + ns_text(number(sub(r, main_key), "p99_ns")) +
                   "</td><td class=\"num\">" + (kind == "driver" ? mean_of(r, "below_ns") : "&ndash;") +
                   "</td><td class=\"num\">" + (kind == "device" ? percent_text(number(r, "utilization_percent")) : "&ndash;") +
                   "</td><td class=\"num\">" + percent_text(number(r, "share_of_latency_percent")) + "</td></tr>";
    }
    page.html += "</tbody></table>\n";
  }
  page.html += "</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Over simulated time: throughput, latency and outstanding requests per interval, from each workload's
// "time_series" block.

void render_time_series(Page& page, const json& summary) {
  page.html += "<section id=\"time\"><h2>Over simulated time</h2>\n";
  bool any = false;
  for (const json& w : array(summary, "workloads")) {
    const json* ts = field(w, "time_series");
    if (!ts || !ts->is_object())
      continue;
    any = true;
    const std::string wname = text(w, "name");
    const json& start = array(*ts, "start_ns");
    const double interval = number(*ts, "interval_ns").value_or(0);
    page.html += "<h3>" + esc(wname) + " <span class=\"sub\">" + std::to_string(start.size()) + " intervals of " +
                 ns_text(interval) + "</span></h3>\n";
    if (start.empty()) {
      page.note("No interval recorded: nothing was issued.");
      continue;
    }
    // Points at the middle of each interval. The last interval ends at the last event (end_ns), so it may be
    // partly covered: its point sits in the middle of the covered part, and its rates (which the summary divides
    // by the whole interval) are scaled to that part, or left out when it covers less than half the interval.
    const std::size_t n = start.size();
    const std::optional<double> end = number(*ts, "end_ns");
    double last_covered = interval;
    if (end && n > 0 && start[n - 1].is_number())
      last_covered = std::clamp(*end - start[n - 1].get<double>(), 0.0, interval);
    auto series = [&](const char* key, bool rate) {
      json points = json::array();
      const json& values = array(*ts, key);
      for (std::size_t i = 0; i < n && i < values.size(); ++i) {
        if (!start[i].is_number())
          continue;
        const bool last = i + 1 == n;
        double x = start[i].get<double>() + (last ? last_covered : interval) / 2;
        json y = values[i].is_number() ? json(values[i].get<double>()) : json(nullptr);
        if (last && rate && last_covered < interval) {
          if (last_covered < interval / 2)
            continue;
          if (y.is_number())
            y = y.get<double>() * interval / last_covered;
        }
        points.push_back(json::array({rounded(x), y.is_number() ? rounded(y.get<double>()) : json(nullptr)}));
      }
      return points;
    };
    const std::string sub_caption = "<b>" + esc(wname) + "</b>: ";
    json x_axis = json::object();
    if (n > 0 && start[0].is_number() && start[n - 1].is_number())
      x_axis = {{"min", 0}, {"max", rounded(start[n - 1].get<double>() + last_covered)}};
    json throughput = json::array({{{"label", "IOPS"}, {"color", "#1f77b4"}, {"axis", "y"}, {"points", series("iops_per_s", true)}}});
    json bandwidth = series("bandwidth_bytes_per_s", true);
    bool has_bandwidth = false;
    for (const json& p : bandwidth)
      has_bandwidth = has_bandwidth || (p[1].is_number() && p[1].get<double>() > 0);
    if (has_bandwidth)
      throughput.push_back({{"label", "bandwidth"}, {"color", "#e8710a"}, {"axis", "y1"}, {"points", std::move(bandwidth)}});
    if (has_points(throughput))
      page.chart({{"kind", "series"},
                  {"title", wname + ": throughput over time"},
                  {"x", x_axis},
                  {"y", {{"unit", "per_s"}, {"title", "IOPS"}}},
                  {"y1", {{"unit", "bytes_per_s"}, {"title", "bandwidth"}}},
                  {"datasets", std::move(throughput)}},
                 220, sub_caption + "completions per second (and bytes per second) in each interval.");
    json latency = json::array({{{"label", "mean"}, {"color", "#2ca02c"}, {"axis", "y"}, {"points", series("mean_latency_ns", false)}},
                                {{"label", "p99"}, {"color", "#d62728"}, {"axis", "y"}, {"points", series("p99_latency_ns", false)}}});
    if (has_points(latency))
      page.chart({{"kind", "series"},
                  {"title", wname + ": latency over time"},
                  {"x", x_axis},
                  {"y", {{"unit", "ns"}, {"title", "latency"}}},
                  {"datasets", std::move(latency)}},
                 220, sub_caption + "mean and p99 latency of the requests completed in each interval.");
    json outstanding =
        json::array({{{"label", "outstanding"}, {"color", "#9467bd"}, {"axis", "y"}, {"points", series("outstanding_mean", false)}}});
    if (has_points(outstanding))
      page.chart({{"kind", "series"},
                  {"title", wname + ": outstanding requests over time"},
                  {"x", x_axis},
                  {"y", {{"unit", "count"}, {"title", "outstanding"}}},
                  {"datasets", std::move(outstanding)}},
                 220, sub_caption + "requests issued and not yet completed, time-averaged over each interval.");
  }
  if (!any)
    page.note("This summary has no time series (summary.json's workloads[].time_series).");
  page.html += "</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Completion ordering, status counts, accounting, run cost, the scenario.

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
  tile("stuck", stuck.size(), stuck.empty() ? "good" : "bad");
  tile("violations", total, total ? "bad" : "good");
  page.html += "</div>\n";
  if (stuck.empty() && total == 0)
    page.html += "<p>Every IRP issued came back, and the framework reported no violation.</p>\n";
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

constexpr const char* kStyle = R"CSS(
:root { --ink: #1d2430; --muted: #5b6675; --line: #dde3ea; --card: #ffffff; --bg: #f5f7fa; --accent: #1f77b4;
        --bad: #c62828; --good: #2e7d32; --warn: #b26a00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 0 24px 48px; }
header { padding: 28px 0 8px; }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; }
h1 { margin: 4px 0 8px; font-size: 28px; }
h2 { margin: 36px 0 12px; font-size: 21px; border-bottom: 2px solid var(--line); padding-bottom: 6px; }
h3 { margin: 22px 0 10px; font-size: 16px; }
h3 .sub { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 6px; }
.description { max-width: 980px; color: #333d4a; }
nav { position: sticky; top: 0; z-index: 5; background: rgba(245,247,250,.95); border-bottom: 1px solid var(--line);
      padding: 8px 0; margin-bottom: 8px; font-size: 13px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 16px; white-space: nowrap; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .label { color: var(--muted); font-size: 12px; }
.tile.bad { border-color: #f2b8b5; background: #fff5f5; } .tile.bad .value { color: var(--bad); }
.tile.good .value { color: var(--good); }
table { border-collapse: collapse; background: var(--card); border: 1px solid var(--line); margin: 8px 0 14px;
        font-size: 13px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef2f6; font-weight: 600; white-space: nowrap; }
th.status { font-size: 11px; white-space: normal; max-width: 160px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: var(--bad); font-weight: 600; }
tr.total td { font-weight: 600; background: #f8fafc; }
table.kv th { width: 200px; background: #f8fafc; font-weight: 500; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.note { color: var(--muted); font-style: italic; }
.legend { color: var(--muted); font-size: 12.5px; max-width: 980px; }
.alert { color: var(--bad); background: #fff5f5; border: 1px solid #f2b8b5; border-radius: 6px; padding: 8px 12px; }
.warn { color: var(--warn); background: #fff8e6; border: 1px solid #f3d9a4; border-radius: 6px; padding: 8px 12px; }
.chart { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px 8px; margin: 10px 0; }
.chart .canvas-box { position: relative; width: 100%; }
.chart figcaption { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 14px; }
.stacks { display: flex; flex-wrap: wrap; gap: 22px; align-items: flex-start; }
.stack { flex: 1 1 380px; max-width: 720px; }
.stack h3 { margin-top: 6px; }
.box { background: var(--card); border: 1px solid var(--line); border-left: 5px solid #90a4ae; border-radius: 8px;
       padding: 9px 12px; font-size: 13px; }
.box-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.box .name { font-weight: 700; font-size: 15px; }
.badge { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; padding: 1px 7px; border-radius: 10px;
         background: #eceff1; color: #37474f; }
.host { color: var(--muted); font-size: 12px; }
.box.role-filter { border-left-color: #8e7cc3; } .box.role-filter .badge { background: #ede7f6; color: #4527a0; }
.box.role-function { border-left-color: #1f77b4; } .box.role-function .badge { background: #e3f2fd; color: #0d47a1; }
.box.role-bus { border-left-color: #00897b; } .box.role-bus .badge { background: #e0f2f1; color: #004d40; }
.box.device { border-left-color: #2ca02c; background: #f4fbf4; } .box.device .badge { background: #e8f5e9; color: #1b5e20; }
.box.issuer { border-left-color: #f2a900; background: #fffbf0; }
.box.issuer hr { border: 0; border-top: 1px dashed var(--line); margin: 6px 0; }
.mix { color: var(--muted); font-size: 12px; }
.queues { color: var(--muted); font-size: 12px; margin-top: 3px; }
.policies { margin: 5px 0 2px; padding-left: 18px; }
.policies li { margin: 1px 0; }
.action { color: var(--accent); font-weight: 600; }
.mistake { color: var(--bad); font-weight: 600; }
.figures { margin-top: 6px; padding-top: 5px; border-top: 1px dashed var(--line); font-size: 12.5px;
           font-variant-numeric: tabular-nums; }
.remote { margin-top: 6px; padding: 4px 8px; border: 1px dashed #8e7cc3; border-radius: 6px; background: #faf8fe;
          font-size: 12.5px; }
.link { text-align: center; color: var(--muted); font-size: 12.5px; padding: 4px 0; }
.link.target { color: #4527a0; }
pre.json { background: #0f1720; color: #e4e9f0; padding: 14px; border-radius: 8px; overflow: auto; max-height: 640px;
           font-size: 12.5px; line-height: 1.4; }
details summary { cursor: pointer; color: var(--accent); margin-bottom: 6px; }
code { font-size: 12.5px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
@media print { nav { display: none; } body { background: #fff; } .chart, .box, table { break-inside: avoid; } }
)CSS";

// Builds a Chart.js configuration from each specification in #irpsim-charts and draws it; then records on the DOM
// what was drawn (see the comment at the top of this file).
constexpr const char* kScript = R"JS(
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('irpsim-charts').textContent);
  var MICRO = '\u00b5';

  function sig3(v) {
    var a = Math.abs(v);
    if (a >= 99.95 || v === Math.floor(v)) return v.toFixed(0);
    if (a >= 9.995) return v.toFixed(1);
    return v.toFixed(2);
  }
  function fmtNs(ns) {
    var a = Math.abs(ns);
    if (a < 1e3) return sig3(ns) + ' ns';
    if (a < 999.5e3) return sig3(ns / 1e3) + ' ' + MICRO + 's';
    if (a < 999.5e6) return sig3(ns / 1e6) + ' ms';
    return sig3(ns / 1e9) + ' s';
  }
  function fmtCount(v) {
    var a = Math.abs(v), units = ['', 'k', 'M', 'G', 'T'], i = 0;
    while (a >= 999.5 && i < units.length - 1) { v /= 1000; a /= 1000; i++; }
    return sig3(v) + units[i];
  }
  function fmtBytes(v) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[i];
  }
  function formatter(unit) {
    if (unit === 'ns') return fmtNs;
    if (unit === 'percent') return function (v) { return sig3(v) + '%'; };
    if (unit === 'per_s') return function (v) { return fmtCount(v) + '/s'; };
    if (unit === 'bytes_per_s') return function (v) { return fmtBytes(v) + '/s'; };
    return fmtCount;
  }
  // On a log axis, label only 1, 2 and 5 times a power of ten.
  function logTick(v) {
    var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    return (Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6) ? fmtNs(v) : '';
  }
  function withAlpha(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  // Dashed vertical lines with labels at the percentile markers.
  function markerPlugin(markers) {
    return {
      id: 'irpsimMarkers',
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
        ctx.save();
        ctx.font = '11px system-ui, sans-serif';
        markers.forEach(function (m, i) {
          var px = x.getPixelForValue(m.value);
          if (!(px >= area.left && px <= area.right)) return;
          ctx.strokeStyle = 'rgba(40,40,40,0.75)';
          ctx.lineWidth = 1;
          ctx.setLineDash([4, 3]);
          ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
          ctx.setLineDash([]);
          var label = m.label + ' ' + fmtNs(m.ns === undefined ? m.value : m.ns);
          var right = px > area.right - ctx.measureText(label).width - 8;
          ctx.textAlign = right ? 'right' : 'left';
          ctx.fillStyle = 'rgba(20,20,20,0.9)';
          ctx.fillText(label, px + (right ? -4 : 4), area.top + 12 + 13 * i);
        });
        ctx.restore();
      }
    };
  }
  function points(list) {
    return list.map(function (p) { return { x: p[0], y: p[1] }; });
  }
  function latencyChart(spec) {
    var cdf = spec.kind === 'cdf';
    var x = spec.x || {};
    return {
      type: 'line',
      data: {
        datasets: spec.datasets.map(function (d) {
          return {
            label: d.label, data: points(d.points), borderColor: d.color, borderWidth: cdf ? 2 : 1.5,
            backgroundColor: withAlpha(d.color, 0.28), fill: cdf ? false : 'origin', stepped: cdf ? false : 'after',
            pointRadius: 0, pointHitRadius: 4, borderDash: d.dashed ? [6, 4] : undefined, tension: 0
          };
        })
      },
      options: {
        parsing: false, normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'logarithmic', min: x.min, max: x.max, title: { display: true, text: 'latency (log scale)' },
               ticks: { callback: logTick, autoSkip: false, maxRotation: 0 } },
          y: { min: 0, max: cdf ? 100 : undefined, beginAtZero: true,
               title: { display: true, text: cdf ? '% completed within' : '% of requests' },
               ticks: { callback: function (v) { return v + '%'; } } }
        },
        plugins: {
          legend: { display: spec.datasets.length > 1 },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? fmtNs(items[0].parsed.x) : ''; },
            label: function (item) { return item.dataset.label + ': ' + item.parsed.y.toFixed(2) + '%'; } } }
        }
      },
      plugins: [markerPlugin(spec.markers || [])]
    };
  }
  function barChart(spec) {
    var f = formatter(spec.unit);
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: d.data, backgroundColor: d.color, borderColor: d.color, borderWidth: 0,
                   stack: 'layers', maxBarThickness: 26 };
        })
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, beginAtZero: true, suggestedMax: spec.unit === 'percent' ? 100 : undefined,
               title: { display: true, text: spec.unit === 'percent' ? 'share of end-to-end latency' : 'mean time per request' },
               ticks: { callback: function (v) { return f(v); } } },
          y: { stacked: true }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (item) {
            return item.dataset.label + ': ' + (item.raw === null ? '-' : f(item.raw)); } } }
        }
      }
    };
  }
  function seriesChart(spec) {
    var scales = {
      x: { type: 'linear', min: spec.x && spec.x.min, max: spec.x && spec.x.max,
           title: { display: true, text: 'simulated time' },
           ticks: { callback: function (v) { return fmtNs(v); }, maxRotation: 0 } }
    };
    ['y', 'y1'].forEach(function (axis) {
      if (!spec[axis] || !spec.datasets.some(function (d) { return d.axis === axis; })) return;
      var f = formatter(spec[axis].unit);
      scales[axis] = { type: 'linear', position: axis === 'y' ? 'left' : 'right', beginAtZero: true, grace: '5%',
                       title: { display: true, text: spec[axis].title },
                       grid: { drawOnChartArea: axis === 'y' }, ticks: { callback: function (v) { return f(v); } } };
    });
    return {
      type: 'line',
      data: {
        datasets: spec.datasets.map(function (d) {
          return { label: d.label, data: points(d.points), yAxisID: d.axis, borderColor: d.color,
                   backgroundColor: withAlpha(d.color, 0.2), borderWidth: 1.8, pointRadius: d.points.length > 60 ? 0 : 2,
                   pointHitRadius: 4, spanGaps: false, tension: 0 };
        })
      },
      options: {
        parsing: false, normalized: true,
        interaction: { mode: 'index', intersect: false },
        scales: scales,
        plugins: {
          legend: { display: spec.datasets.length > 1, position: 'bottom' },
          tooltip: { callbacks: {
            title: function (items) { return items.length ? 'at ' + fmtNs(items[0].parsed.x) : ''; },
            label: function (item) {
              var axis = item.dataset.yAxisID;
              return item.dataset.label + ': ' + formatter(spec[axis].unit)(item.parsed.y); } } }
        }
      }
    };
  }
  // Pixels painted in a saturated colour: the datasets' ink (axes, grid and text are grey).
  function dataInk(canvas) {
    try {
      var ctx = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
      var img = ctx.getImageData(0, 0, w, h).data, n = 0;
      for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++) {
          var i = (y * w + x) * 4, r = img[i], g = img[i + 1], b = img[i + 2];
          if (img[i + 3] > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n++;
        }
      return n;
    } catch (e) {
      return -1;
    }
  }

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  Chart.defaults.color = '#4a5563';
  Chart.defaults.plugins.title.display = true;
  Chart.defaults.plugins.title.align = 'start';

  var drawn = 0;
  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    try {
      var config = spec.kind === 'bars' ? barChart(spec) : spec.kind === 'series' ? seriesChart(spec) : latencyChart(spec);
      config.options.plugins.title = { text: spec.title };
      var chart = new Chart(canvas, config);
      chart.draw();
      var elements = 0;
      chart.getSortedVisibleDatasetMetas().forEach(function (meta) {
        meta.data.forEach(function (el) { if (!el.skip) elements++; });
      });
      canvas.dataset.drawn = 'true';
      canvas.dataset.elements = String(elements);
      canvas.dataset.ink = String(dataInk(canvas));
      if (elements > 0) drawn++;
    } catch (e) {
      canvas.dataset.drawn = 'false';
      canvas.dataset.error = String(e && e.message || e);
      var p = document.createElement('p');
      p.className = 'alert';
      p.textContent = 'This chart could not be drawn: ' + canvas.dataset.error;
      canvas.parentNode.appendChild(p);
    }
  });
  document.body.dataset.chartsDrawn = String(drawn);
})();
)JS";

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
               "<a href=\"#time\">over time</a><a href=\"#ordering\">ordering</a><a href=\"#status\">status</a>"
               "<a href=\"#accounting\">accounting</a><a href=\"#cost\">run cost</a><a href=\"#scenario\">scenario</a>"
               "</nav>\n";
  render_stack_diagram(page, summary, document);
  render_latency(page, summary);
  render_layers(page, summary);
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
         kStyle + "</style>\n</head>\n";
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
  out += kScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace irpsim::report
