// report.html's charts: latency histograms and CDFs per workload and request type on a log time axis with percentile
// markers, the per-layer breakdown as stacked bars, where CPU time goes (per core by kind of work, utilisation over
// time, per driver and device), and throughput, latency and outstanding requests over simulated time. Each becomes a
// chart specification (JSON) the page's script hands to Chart.js.
#include "sim/report/html_parts.hpp"

namespace irpsim::report::html {

void render_latency(Page& page, const json& summary) {
  page.html += "<section id=\"latency\"><h2>Latency distributions</h2>\n";
  page.html += "<p class=\"legend\">Histograms show the percent of measured requests per bin of equal width on the log "
               "time axis; CDFs the percent completed within a time. Dashed lines mark p50, p99 and p99.9.</p>\n";
  const json& workloads = array(summary, "workloads");
  if (workloads.empty())
    page.note("No workload in this summary.");
  const bool submission = summary_has_submission_latency(summary);
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
    if (submission) {
      // fio's slat and clat: issue -> IoCallDriver returned to the submitting thread, and from there to completion.
      page.html += "<table class=\"slat\"><thead><tr><th>type</th>"
                   "<th>slat min</th><th>slat mean</th><th>slat p50</th><th>slat p99</th><th>slat max</th>"
                   "<th>clat min</th><th>clat mean</th><th>clat p50</th><th>clat p99</th><th>clat max</th>"
                   "</tr></thead><tbody>";
      auto split_row = [&](const std::string& label, const json& t, bool strong) {
        page.html += std::string("<tr") + (strong ? " class=\"total\"" : "") + "><td>" + esc(label) + "</td>";
        for (const char* key : {"submission_latency_ns", "completion_latency_ns"}) {
          const json& l = sub(t, key);
          const json& p = sub(l, "percentiles_ns");
          for (std::optional<double> v : {number(l, "min_ns"), number(l, "mean_ns"), number(p, "50.00"),
                                          number(p, "99.00"), number(l, "max_ns")})
            page.html += "<td class=\"num\">" + ns_text(v) + "</td>";
        }
        page.html += "</tr>";
      };
      for (const json& t : array(w, "types"))
        split_row(text(t, "type"), t, false);
      if (const json* all = field(w, "all_types"))
        split_row("all types", *all, true);
      page.html += "</tbody></table>\n<p class=\"legend\">slat: from the issue until the submitting thread's "
                   "IoCallDriver returned (the dispatch routines it ran down the stack); clat: from then until the "
                   "completion; latency = slat + clat, request by request.</p>\n";
    }

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
  const bool cpu = summary_has_cpu_time(summary);
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
    static const Component plain[] = {{"wait for the thread", "threads", "queue_wait_ns", "#8d6e63"},
                                      {"queue wait (driver)", "driver", "queue_wait_ns", "#f2a900"},
                                      {"in layer (driver)", "driver", "in_layer_ns", "#1f77b4"},
                                      {"held (I/O target)", "target", "held_ns", "#9467bd"},
                                      {"wait (device)", "device", "queue_wait_ns", "#d62728"},
                                      {"service (device)", "device", "service_ns", "#2ca02c"}};
    // With CPU time, a driver's time in layer is split into its parts, and the device's interrupt is added.
    static const Component with_cpu[] = {{"wait for the thread", "threads", "queue_wait_ns", "#8d6e63"},
                                         {"queue wait (driver)", "driver", "queue_wait_ns", "#f2a900"},
                                         {"core wait (driver)", "driver", "core_wait_ns", "#00838f"},
                                         {"lock spin (driver)", "driver", "lock_spin_ns", "#c2185b"},
                                         {"CPU (driver)", "driver", "cpu_ns", "#1f77b4"},
                                         {"own delay (driver)", "driver", "own_delay_ns", "#5c6bc0"},
                                         {"held (I/O target)", "target", "held_ns", "#9467bd"},
                                         {"wait (device)", "device", "queue_wait_ns", "#d62728"},
                                         {"service (device)", "device", "service_ns", "#2ca02c"},
                                         {"interrupt (device)", "device", "interrupt_ns", "#e8710a"}};
    const auto components = cpu ? std::vector<Component>(std::begin(with_cpu), std::end(with_cpu))
                                : std::vector<Component>(std::begin(plain), std::end(plain));
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
                 "<th>in layer / held / service</th><th>p99</th>" +
                 std::string(cpu ? "<th>core wait</th><th>lock spin</th><th>CPU</th><th>interrupt</th>" : "") +
                 "<th>below</th><th>utilization</th><th>share</th></tr></thead><tbody>";
    for (const json& r : rows) {
      const std::string kind = text(r, "kind");
      const char* main_key = kind == "driver" ? "in_layer_ns" : kind == "target" ? "held_ns" : "service_ns";
      page.html += "<tr><td>" + esc(text(r, "name")) + "</td><td>" + esc(kind == "driver" ? text(r, "role") : kind) +
                   "</td><td class=\"num\">" + int_text(count(r, "requests")) + "</td><td class=\"num\">" +
                   (kind == "driver" ? int_text(count(r, "passed_through")) : "&ndash;") + "</td><td class=\"num\">" +
                   (kind == "target" ? "&ndash;" : mean_of(r, "queue_wait_ns")) + "</td><td class=\"num\">" +
                   mean_of(r, main_key) + "</td><td class=\"num\">" + ns_text(number(sub(r, main_key), "p99_ns")) +
                   "</td>";
      if (cpu) {
        const bool driver = kind == "driver";
        page.html += "<td class=\"num\">" + (driver ? mean_of(r, "core_wait_ns") : "&ndash;") + "</td><td class=\"num\">" +
                     (driver ? mean_of(r, "lock_spin_ns") : "&ndash;") + "</td><td class=\"num\">" +
                     (driver ? mean_of(r, "cpu_ns") : "&ndash;") + "</td><td class=\"num\">" +
                     (kind == "device" ? mean_of(r, "interrupt_ns") : "&ndash;") + "</td>";
      }
      page.html += "<td class=\"num\">" + (kind == "driver" ? mean_of(r, "below_ns") : "&ndash;") +
                   "</td><td class=\"num\">" + (kind == "device" ? percent_text(number(r, "utilization_percent")) : "&ndash;") +
                   "</td><td class=\"num\">" + percent_text(number(r, "share_of_latency_percent")) + "</td></tr>";
    }
    page.html += "</tbody></table>\n";
  }
  page.html += "</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Where CPU time goes, from the summary's "cpu" block: per host the utilisation of each core by kind of work as
// stacked bars and the utilisation over time; per driver its CPU per request and its locks; per device its
// interrupts.

namespace {

struct CpuKind {
  const char* key;
  const char* label;
  const char* color;
};
constexpr CpuKind kCpuKinds[] = {{"dispatch", "dispatch", "#1f77b4"},
                                 {"completion", "completion", "#2ca02c"},
                                 {"isr", "ISR", "#d62728"},
                                 {"dpc", "DPC", "#e8710a"},
                                 {"lock_spin", "lock spin", "#9467bd"}};

std::string fraction_text(std::optional<double> f) { return f ? fmt("%.1f%%", *f * 100.0) : "&ndash;"; }

// The host's cores as stacked bars (all cores first, then each core; at most kMaxCoreBars), percent busy by kind.
constexpr std::size_t kMaxCoreBars = 64;

void render_host(Page& page, const json& h, std::optional<double> simulated_ns) {
  const std::string name = text(h, "name");
  const json& cores = array(h, "per_core");
  page.html += "<h3>host " + esc(name) + " <span class=\"sub\">" + int_text(count(h, "cores")) + " cores, " +
               fraction_text(number(h, "utilization_fraction")) + " busy over the run</span></h3>\n";
  if (!(number(h, "busy_ns").value_or(0) > 0)) {
    page.note("No CPU work ran on host " + esc(name) + ".");
    return;
  }
  json labels = json::array({"all cores"});
  for (std::size_t c = 0; c < cores.size() && c < kMaxCoreBars; ++c)
    labels.push_back("core " + std::to_string(c));
  json datasets = json::array();
  for (const CpuKind& k : kCpuKinds) {
    json data = json::array();
    auto value = [&](const json& o) {
      auto f = number(sub(o, "utilization_by_kind_fraction"), k.key);
      return f ? pct_rounded(*f * 100.0) : json(nullptr);
    };
    data.push_back(value(h));
    for (std::size_t c = 0; c < cores.size() && c < kMaxCoreBars; ++c)
      data.push_back(value(cores[c]));
    datasets.push_back({{"label", k.label}, {"color", k.color}, {"data", std::move(data)}});
  }
  if (has_points(datasets))
    page.chart({{"kind", "bars"},
                {"title", "host " + name + ": utilization of each core by kind of work"},
                {"unit", "percent"},
                {"x_title", "time the core was busy"},
                {"labels", std::move(labels)},
                {"datasets", std::move(datasets)}},
               110 + 26 * static_cast<int>(std::min(cores.size(), kMaxCoreBars) + 1),
               "<b>host " + esc(name) + "</b>: percent of the run each core spent in dispatch callbacks, completion "
               "routines, ISRs, DPCs and spinning for locks" +
                   (cores.size() > kMaxCoreBars ? "; the first " + int_text(kMaxCoreBars) + " cores are drawn"
                                                : std::string()) + ".");

  // Utilisation over time, at the middle of each bucket. A bucket the run ended inside is read over its covered part.
  const json& timeline = sub(h, "timeline");
  const json& series = array(timeline, "utilization_fraction");
  const double bucket = number(timeline, "bucket_ns").value_or(0);
  json points = json::array();
  for (std::size_t i = 0; i < series.size() && bucket > 0; ++i) {
    if (!series[i].is_number())
      continue;
    const double start = bucket * static_cast<double>(i);
    double covered = bucket;
    if (simulated_ns && *simulated_ns > start && *simulated_ns < start + bucket)
      covered = *simulated_ns - start;
    const double v = std::min(100.0, series[i].get<double>() * 100.0 * bucket / covered);
    points.push_back(json::array({rounded(start + covered / 2), pct_rounded(v)}));
  }
  json line = json::array({{{"label", "utilization"}, {"color", "#1f77b4"}, {"axis", "y"}, {"points", std::move(points)}}});
  if (has_points(line))
    page.chart({{"kind", "series"},
                {"title", "host " + name + ": CPU utilization over time"},
                {"x", simulated_ns ? json{{"min", 0}, {"max", rounded(*simulated_ns)}} : json::object()},
                {"y", {{"unit", "percent"}, {"title", "utilization (all cores)"}}},
                {"datasets", std::move(line)}},
               220, "<b>host " + esc(name) + "</b>: busy core time over every core in each interval of " +
                        ns_text(bucket) + ".");

  // The figures as a table.
  page.html += "<table><thead><tr><th>core</th><th>busy</th>";
  for (const CpuKind& k : kCpuKinds)
    page.html += std::string("<th><span class=\"swatch\" style=\"background:") + k.color + "\"></span>" + k.label +
                 "</th>";
  page.html += "<th>steps</th></tr></thead><tbody>";
  auto core_row = [&](const std::string& label, const json& o, bool strong) {
    page.html += std::string("<tr") + (strong ? " class=\"total\"" : "") + "><td>" + esc(label) +
                 "</td><td class=\"num\">" + fraction_text(number(o, "utilization_fraction")) + "</td>";
    for (const CpuKind& k : kCpuKinds)
      page.html += "<td class=\"num\">" + fraction_text(number(sub(o, "utilization_by_kind_fraction"), k.key)) + "</td>";
    page.html += "<td class=\"num\">" + int_text(count(o, "steps")) + "</td></tr>";
  };
  core_row("all cores", h, true);
  for (std::size_t c = 0; c < cores.size() && c < kMaxCoreBars; ++c)
    core_row("core " + std::to_string(c), cores[c], false);
  page.html += "</tbody></table>\n";
  if (cores.size() > kMaxCoreBars)
    page.note("&hellip; and " + int_text(cores.size() - kMaxCoreBars) + " more cores (all in summary.json).");
}

}  // namespace

void render_cpu(Page& page, const json& summary) {
  page.html += "<section id=\"cpu\"><h2>Where CPU time goes</h2>\n";
  const json& cpu = sub(summary, "cpu");
  if (!summary_has_cpu_time(summary)) {
    page.note(field(summary, "cpu") ? "This run spent no CPU time: no driver step, ISR or DPC has a CPU cost."
                                    : "No CPU figures in this summary.");
    page.html += "</section>\n";
    return;
  }
  page.html += "<p class=\"legend\">Every dispatch callback, completion routine, ISR and DPC runs on a core of its "
               "host. Utilization is the time a core was busy (computing, or spinning for a spin lock) over the "
               "run's simulated time.</p>\n";
  const std::optional<double> simulated_ns = number(summary, "simulated_time_ns");
  for (const json& h : array(cpu, "hosts"))
    render_host(page, h, simulated_ns);

  const json& drivers = array(cpu, "drivers");
  if (!drivers.empty()) {
    page.html += "<h3>Drivers <span class=\"sub\">per request their dispatch callback ran for</span></h3>\n"
                 "<table><thead><tr><th>driver</th><th>host</th><th>requests</th><th>CPU dispatch</th>"
                 "<th>CPU completion</th><th>CPU total</th><th>core wait</th><th>lock spin</th></tr></thead><tbody>";
    for (const json& d : drivers)
      page.html += "<tr><td>" + esc(text(d, "name")) + "</td><td>" + esc(text(d, "host")) + "</td><td class=\"num\">" +
                   int_text(count(d, "requests")) + "</td><td class=\"num\">" +
                   ns_text(number(sub(d, "dispatch"), "cpu_ns_per_request")) + "</td><td class=\"num\">" +
                   ns_text(number(sub(d, "completion"), "cpu_ns_per_request")) + "</td><td class=\"num\"><b>" +
                   ns_text(number(d, "cpu_ns_per_request")) + "</b></td><td class=\"num\">" +
                   ns_text(number(d, "core_wait_ns_per_request")) + "</td><td class=\"num\">" +
                   ns_text(number(d, "lock_spin_ns_per_request")) + "</td></tr>";
    page.html += "</tbody></table>\n";
    bool any_lock = false;
    for (const json& d : drivers)
      any_lock = any_lock || !array(d, "locks").empty();
    if (any_lock) {
      page.html += "<table><thead><tr><th>driver</th><th>lock</th><th>acquisitions</th><th>wait</th><th>hold</th>"
                   "<th>held</th></tr></thead><tbody>";
      for (const json& d : drivers)
        for (const json& l : array(d, "locks"))
          page.html += "<tr><td>" + esc(text(d, "name")) + "</td><td>" + esc(text(l, "name")) +
                       "</td><td class=\"num\">" + int_text(count(l, "acquisitions")) + "</td><td class=\"num\">" +
                       ns_text(number(l, "wait_ns_per_acquisition")) + "</td><td class=\"num\">" +
                       ns_text(number(l, "hold_ns_per_acquisition")) + "</td><td class=\"num\">" +
                       fraction_text(number(l, "utilization_fraction")) + "</td></tr>";
      page.html += "</tbody></table>\n<p class=\"legend\">Spin locks: wait (spinning, the core busy) and hold per "
                   "acquisition; held: the share of the run the lock was held.</p>\n";
    }
  }
  const json& devices = array(cpu, "devices");
  if (!devices.empty()) {
    page.html += "<h3>Devices <span class=\"sub\">completion interrupts</span></h3>\n<table><thead><tr>"
                 "<th>device</th><th>host</th><th>interrupts</th><th>ISR</th><th>DPC</th><th>core wait</th></tr>"
                 "</thead><tbody>";
    for (const json& d : devices)
      page.html += "<tr><td>" + esc(text(d, "name")) + "</td><td>" + esc(text(d, "host")) + "</td><td class=\"num\">" +
                   int_text(count(d, "interrupts")) + "</td><td class=\"num\">" +
                   ns_text(number(d, "isr_ns_per_interrupt")) + "</td><td class=\"num\">" +
                   ns_text(number(d, "dpc_ns_per_interrupt")) + "</td><td class=\"num\">" +
                   ns_text(number(d, "core_wait_ns_per_interrupt")) + "</td></tr>";
    page.html += "</tbody></table>\n<p class=\"legend\">Per interrupt: the ISR's and the DPC's CPU, and their wait "
                 "for the interrupt's core.</p>\n";
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

}  // namespace irpsim::report::html
