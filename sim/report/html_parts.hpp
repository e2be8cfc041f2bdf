// The helpers the parts of report.html share (html_report.cpp, html_stack_diagram.cpp, html_charts.cpp): reading the
// summary defensively (a missing or null field reads as absent), HTML escaping and number formatting, histogram
// decoding for the charts, and the page under construction. Internal to irpsim_report.
#pragma once
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
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/html_escape.hpp"
#include "sim/report/text_report.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::report::html {

using json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------------------------
// Null-tolerant accessors: a missing or null field reads as absent / zero / empty.

inline const json* field(const json& o, const char* key) {
  if (!o.is_object())
    return nullptr;
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}
inline std::optional<double> number(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_number() ? std::optional<double>(f->get<double>()) : std::nullopt;
}
inline std::uint64_t count(const json& o, const char* key) {
  const json* f = field(o, key);
  if (!f || !f->is_number())
    return 0;
  const double v = f->get<double>();
  return v > 0 ? f->is_number_unsigned() ? f->get<std::uint64_t>() : static_cast<std::uint64_t>(v) : 0;
}
inline std::string text(const json& o, const char* key) {
  const json* f = field(o, key);
  return f && f->is_string() ? f->get<std::string>() : std::string();
}
inline const json& sub(const json& o, const char* key) {
  static const json null_value;
  const json* f = field(o, key);
  return f ? *f : null_value;
}
inline const json& array(const json& o, const char* key) {
  static const json empty = json::array();
  const json* f = field(o, key);
  return f && f->is_array() ? *f : empty;
}
inline const json& object(const json& o, const char* key) {
  static const json empty = json::object();
  const json* f = field(o, key);
  return f && f->is_object() ? *f : empty;
}
// The element of an array of objects whose "name" is `name`, or null.
inline const json* named(const json& list, const std::string& name) {
  if (!list.is_array())
    return nullptr;
  for (const json& item : list)
    if (item.is_object() && text(item, "name") == name)
      return &item;
  return nullptr;
}

// ---------------------------------------------------------------------------------------------------------------
// Text.

inline __attribute__((format(printf, 1, 2))) std::string fmt(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

inline std::string esc(std::string_view s) { return html_escape(s); }

// JSON to put inside a <script> element: "<", ">" and "&" only occur inside JSON strings, where \u003c and friends
// mean the same, and without them no "</script>" or "<!--" can end or confuse the element.
inline std::string script_json(const json& j) { return html_script_json(j); }

// Three significant digits.
inline std::string sig3(double v) {
  const double a = std::fabs(v);
  if (a >= 99.95 || v == std::floor(v))
    return fmt("%.0f", v);
  if (a >= 9.995)
    return fmt("%.1f", v);
  return fmt("%.2f", v);
}

inline const char* const kMicro = "\xC2\xB5";  // U+00B5 MICRO SIGN, UTF-8

// "286 µs", "1.50 µs", "7 ns", "2.31 ms", "1.20 s".
inline std::string ns_text(double ns) {
  const double a = std::fabs(ns);
  if (a < 1e3)
    return sig3(ns) + " ns";
  if (a < 999.5e3)
    return sig3(ns / 1e3) + " " + kMicro + "s";
  if (a < 999.5e6)
    return sig3(ns / 1e6) + " ms";
  return sig3(ns / 1e9) + " s";
}
inline std::string ns_text(std::optional<double> ns) { return ns ? ns_text(*ns) : std::string("&ndash;"); }
inline std::string count_text(std::optional<double> v) { return v ? esc(format_count(*v)) : std::string("&ndash;"); }
inline std::string percent_text(std::optional<double> v) { return v ? fmt("%.1f%%", *v) : std::string("&ndash;"); }
inline std::string int_text(std::uint64_t v) { return fmt("%llu", static_cast<unsigned long long>(v)); }
inline std::string bytes_per_s_text(std::optional<double> v) {
  return v ? esc(format_bytes(*v)) + "/s" : std::string("&ndash;");
}

// A value of the scenario document (a duration, size, name, small object) as short text.
inline std::string value_text(const json& v) {
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

inline std::string workload_kind_text(const json& w) {
  const std::string kind = text(w, "kind");
  if (kind == "closed")
    return "closed loop, queue depth " + int_text(count(w, "queue_depth"));
  if (kind == "trace_closed")
    return "trace replay, closed loop, queue depth " + int_text(count(w, "queue_depth"));
  if (kind == "trace_recorded") {
    auto rate = number(w, "offered_rate_per_s");
    return "trace replay at the recorded times" + (rate ? ", offered " + format_count(*rate) + "/s" : std::string());
  }
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
inline std::vector<Bucket> decode_histogram(const json& latency) {
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

inline double total_of(const std::vector<Bucket>& b) {
  double t = 0;
  for (const Bucket& x : b)
    t += x.count;
  return t;
}

// Log axes cannot show 0: values below 1 ns are drawn at 1 ns.
inline double on_log_axis(double ns) { return std::max(ns, 1.0); }

// A number rounded for the page's JSON: integers of ns above 100, four significant digits below.
inline json rounded(double v) {
  if (!std::isfinite(v))
    return nullptr;
  if (std::fabs(v) >= 100)
    return std::round(v);
  return std::round(v * 1e4) / 1e4;
}
inline json pct_rounded(double v) { return std::round(v * 1e4) / 1e4; }

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return !(hi >= lo); }
};

// Whole decades around the range, so a log axis has round ends.
inline json log_axis(const Range& r) {
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
inline json histogram_points(const std::vector<Bucket>& b, Range& range) {
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
inline json cdf_points(const std::vector<Bucket>& b, Range& range) {
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
inline constexpr Marker kMarkers[] = {{"50.00", "p50"}, {"99.00", "p99"}, {"99.90", "p99.9"}};

inline json percentile_markers(const json& latency, const std::string& prefix = "") {
  json markers = json::array();
  const json& p = sub(latency, "percentiles_ns");
  for (const Marker& m : kMarkers)
    if (auto v = number(p, m.key))
      markers.push_back({{"label", prefix + m.label}, {"value", on_log_axis(*v)}, {"ns", *v}});
  return markers;
}

// ---------------------------------------------------------------------------------------------------------------
// Colours: saturated, so the browser test can tell painted data from the grey axes. One per request type.

inline std::string type_color(const std::string& type) {
  static const std::map<std::string, std::string> colors{
      {"read", "#1f77b4"},           {"write", "#e8710a"},          {"ioctl", "#2ca02c"},
      {"internal_ioctl", "#9c27b0"}, {"internal_ioctl_others", "#c2185b"}, {"all", "#455a64"}};
  auto it = colors.find(type);
  return it != colors.end() ? it->second : "#00838f";
}
// Layers in the share bars: drivers in blues, I/O targets in purples, devices in greens, as in the layer bars.
inline std::string kind_color(const std::string& kind, std::size_t i) {
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

inline bool has_points(const json& datasets) {
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

// The mean of a layer row's latency block ("queue_wait_ns", "in_layer_ns", ...), as text.
inline std::string mean_of(const json& row, const char* key) { return ns_text(number(sub(row, key), "mean_ns")); }

// The page's CSS and its chart-drawing script (html_page_assets.cpp).
std::string_view page_style();
std::string_view page_script();

// The sections of the page (each in the file that draws it).
void render_stack_diagram(Page& page, const json& summary, const json* document);
void render_latency(Page& page, const json& summary);
void render_layers(Page& page, const json& summary);
void render_time_series(Page& page, const json& summary);
void render_cpu(Page& page, const json& summary);

}  // namespace irpsim::report::html
