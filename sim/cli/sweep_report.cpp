#include "sim/cli/sweep_report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include "sim/cli/compare_aggregate.hpp"
#include "sim/cli/html_page.hpp"
#include "sim/cli/summary_metrics.hpp"
#include "sim/report/text_report.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

// The figures of a sweep row: compare's, without max latency and ordering.
std::vector<const MetricDef*> sweep_metrics() {
  std::vector<const MetricDef*> out;
  for (const MetricDef& m : compare_metrics())
    if (m.key != "max_ns" && m.key != "out_of_order_percent")
      out.push_back(&m);
  return out;
}

const ojson* member(const ojson* o, const std::string& key) {
  if (o == nullptr || !o->is_object())
    return nullptr;
  const auto it = o->find(key);
  return it == o->end() ? nullptr : &*it;
}

const ojson* first_workload(const ojson& summary) {
  const ojson* list = member(&summary, "workloads");
  return list != nullptr && list->is_array() && !list->empty() ? &(*list)[0] : nullptr;
}

std::string value_text(const ojson& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// A figure's mean, when it has one.
std::optional<double> mean_of(const ojson* figure) {
  const ojson* m = member(figure, "mean");
  return m != nullptr && m->is_number() ? std::optional<double>(m->get<double>()) : std::nullopt;
}

// Whether some point's figure `key` has a mean other than 0.
bool any_point_nonzero(const ojson& sweep, const std::string& key) {
  for (const ojson& row : sweep["points"])
    if (auto m = mean_of(member(&row, key)); m && *m != 0)
      return true;
  return false;
}

// The figures of the sweep's tables: sweep_metrics(), less those shown only when a figure is not 0 (slat and clat)
// where it is 0 at every point.
std::vector<const MetricDef*> table_metrics(const ojson& sweep) {
  std::vector<const MetricDef*> out;
  for (const MetricDef* m : sweep_metrics())
    if (m->shown_when_nonzero.empty() || any_point_nonzero(sweep, std::string(m->shown_when_nonzero)))
      out.push_back(m);
  return out;
}

// A CPU figure of the sweep: one metric of one host or driver, as the points' "cpu" blocks hold it.
struct CpuColumn {
  const CpuMetricDef* metric;
  std::string name;  // the host or driver
  std::string flat;  // cpu_metric_name: "host.cpu0.utilization_percent"
};

// The figure of `column` at a point, or nullptr.
const ojson* cpu_figure(const ojson& row, const CpuColumn& column) {
  const ojson* list = member(member(&row, "cpu"), std::string(cpu_entity_list(column.metric->entity)));
  if (list == nullptr || !list->is_array())
    return nullptr;
  for (const ojson& e : *list)
    if (const ojson* n = member(&e, "name"); n != nullptr && n->is_string() && n->get<std::string>() == column.name)
      return member(&e, std::string(column.metric->key));
  return nullptr;
}

// Every CPU figure of the sweep: per host its metrics, then per driver, names in order of first appearance over the
// points. With `nonzero_only`, those some point has a mean other than 0 for (the tables and the page), and of the
// drivers only the CPU per request.
std::vector<CpuColumn> cpu_columns(const ojson& sweep, bool nonzero_only) {
  std::vector<CpuColumn> out;
  for (const CpuEntity entity : {CpuEntity::HOST, CpuEntity::DRIVER}) {
    std::vector<std::string> names;
    for (const ojson& row : sweep["points"])
      if (const ojson* list = member(member(&row, "cpu"), std::string(cpu_entity_list(entity)));
          list != nullptr && list->is_array())
        for (const ojson& e : *list)
          if (const ojson* n = member(&e, "name"); n != nullptr && n->is_string() &&
                                                   std::find(names.begin(), names.end(), n->get<std::string>()) ==
                                                       names.end())
            names.push_back(n->get<std::string>());
    for (const std::string& name : names)
      for (const CpuMetricDef& m : cpu_metrics()) {
        if (m.entity != entity)
          continue;
        if (nonzero_only && m.entity == CpuEntity::DRIVER && m.key != "cpu_ns_per_request")
          continue;
        CpuColumn c{&m, name, cpu_metric_name(m, name)};
        bool any = false;
        for (const ojson& row : sweep["points"])
          if (auto v = mean_of(cpu_figure(row, c)); v && *v != 0)
            any = true;
        if (!nonzero_only || any)
          out.push_back(std::move(c));
      }
  }
  return out;
}

// A CPU column's title in the tables: "cpu0 busy", "fdo CPU/req".
std::string cpu_column_label(const CpuColumn& c) {
  return c.name + (c.metric->entity == CpuEntity::HOST ? " busy" : " CPU/req");
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos)
    return text;
  std::string out = "\"";
  for (char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_number(const ojson* v) { return v == nullptr || v->is_null() ? std::string() : v->dump(); }

std::string format_value(MetricUnit unit, double v) {
  if (unit == MetricUnit::PERCENT) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", v);
    return buf;
  }
  return unit == MetricUnit::NS ? report::format_duration_ns(v) : report::format_count(v);
}

std::string half_text(MetricUnit unit, double half) { return half == 0 ? std::string("0") : format_value(unit, half); }

std::string pad_left(const std::string& s, std::size_t width) {
  std::size_t columns = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++columns;
  return columns >= width ? " " + s : std::string(width - columns, ' ') + s;
}

std::string pad_right(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

// A leading decimal number and the rest ("1000/s" -> 1000, "/s"); none when the text does not start with one.
std::optional<std::pair<double, std::string>> split_number(const std::string& text) {
  if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '.'))
    return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str())
    return std::nullopt;
  return std::make_pair(v, std::string(end));
}

// How many points of the grid sweep.json leaves out (0 for documents written before the field existed).
std::size_t missing_points(const ojson& sweep) {
  const auto it = sweep.find("points_missing");
  return it != sweep.end() && it->is_array() ? it->size() : 0;
}

}  // namespace

ojson build_sweep_document(const SweepInput& in) {
  const SweepFile& sweep = *in.sweep;
  ojson doc;
  doc["schema_version"] = 1;
  doc["name"] = sweep.name;
  doc["description"] = sweep.description;
  doc["sweep_file"] = in.sweep_file;
  doc["base"] = {{"file", in.base_file.empty() ? ojson(nullptr) : ojson(in.base_file)},
                 {"scenario", in.scenario_name}};
  doc["seeds"] = sweep.seeds;
  doc["complete"] = in.points_missing.empty();
  doc["points_missing"] = in.points_missing;
  std::string workload;
  for (const PointResults& p : in.points)
    for (const PointRun& r : p.runs)
      if (const ojson* w = first_workload(r.summary); w != nullptr && workload.empty())
        workload = (*w)["name"].get<std::string>();
  doc["figures_of"] = {{"workload", workload}, {"types", "all"},
                       {"note", "the first workload of the scenario, all request types together"}};
  ojson params = ojson::array();
  for (const SweepParameter& p : sweep.parameters)
    params.push_back({{"label", p.label}, {"pointer", p.pointer}, {"values", p.values}});
  doc["parameters"] = std::move(params);

  ojson points = ojson::array();
  for (const PointResults& p : in.points) {
    ojson row;
    row["key"] = p.point.key;
    row["dir"] = p.dir;
    ojson values = ojson::object();
    for (std::size_t i = 0; i < sweep.parameters.size(); ++i)
      values[sweep.parameters[i].label] = sweep.parameters[i].values[p.point.indices[i]];
    row["values"] = std::move(values);
    ojson runs = ojson::array();
    std::size_t problems = 0;
    for (const PointRun& r : p.runs) {
      const bool problem = summary_has_problems(r.summary);
      problems += problem ? 1 : 0;
      runs.push_back({{"replication", r.replication}, {"seed", r.seed}, {"problems", problem}});
    }
    row["replications"] = std::move(runs);
    row["problem_runs"] = problems;
    for (const MetricDef* m : sweep_metrics()) {
      std::vector<std::optional<double>> values_per_run;
      for (const PointRun& r : p.runs) {
        const ojson* w = first_workload(r.summary);
        const ojson* all = member(w, "all_types");
        values_per_run.push_back(w != nullptr && all != nullptr ? metric_value(*m, *w, *all, true) : std::nullopt);
      }
      row[std::string(m->key)] = figure_json(values_per_run);
    }
    // The run's CPU: per host and per driver of the point's runs, each figure of cpu_metrics().
    ojson cpu = ojson::object();
    for (const CpuEntity entity : {CpuEntity::HOST, CpuEntity::DRIVER}) {
      std::vector<std::string> names;
      for (const PointRun& r : p.runs)
        for (const std::string& name : cpu_entity_names(r.summary, entity))
          if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
      ojson list = ojson::array();
      for (const std::string& name : names) {
        ojson e;
        e["name"] = name;
        for (const CpuMetricDef& m : cpu_metrics()) {
          if (m.entity != entity)
            continue;
          std::vector<std::optional<double>> values_per_run;
          for (const PointRun& r : p.runs)
            values_per_run.push_back(cpu_metric_value(m, r.summary, name));
          e[std::string(m.key)] = figure_json(values_per_run);
        }
        list.push_back(std::move(e));
      }
      cpu[std::string(cpu_entity_list(entity))] = std::move(list);
    }
    row["cpu"] = std::move(cpu);
    points.push_back(std::move(row));
  }
  doc["points"] = std::move(points);
  return doc;
}

std::string render_sweep_table(const ojson& sweep) {
  const bool ci = sweep["seeds"].get<int>() > 1;
  const std::size_t cell = ci ? 21 : 11;
  std::string out = "sweep " + sweep["name"].get<std::string>() + ": " + std::to_string(sweep["points"].size()) +
                    " points x " + sweep["seeds"].dump() + " replication(s); figures of workload \"" +
                    sweep["figures_of"]["workload"].get<std::string>() + "\", all request types" +
                    (ci ? " (mean ± half-width of the 95% confidence interval)" : "") + "\n";
  if (const std::size_t missing = missing_points(sweep); missing > 0)
    out += "incomplete: " + std::to_string(missing) + " point(s) missing (see points_missing in sweep.json)\n";
  out += "\n";
  std::vector<std::size_t> widths;
  for (const ojson& p : sweep["parameters"]) {
    std::size_t w = p["label"].get<std::string>().size();
    for (const ojson& v : p["values"])
      w = std::max(w, value_text(v).size());
    widths.push_back(w + 2);
  }
  std::size_t i = 0;
  const auto metrics = table_metrics(sweep);
  const auto cpu = cpu_columns(sweep, true);
  for (const ojson& p : sweep["parameters"])
    out += pad_right(p["label"].get<std::string>(), widths[i++]);
  for (const MetricDef* m : metrics)
    out += pad_left(std::string(m->label), cell);
  for (const CpuColumn& c : cpu)
    out += pad_left(cpu_column_label(c), std::max(cell, cpu_column_label(c).size() + 2));
  out += "\n";
  bool problems = false;
  for (const ojson& row : sweep["points"]) {
    i = 0;
    for (const ojson& p : sweep["parameters"])
      out += pad_right(value_text(row["values"][p["label"].get<std::string>()]), widths[i++]);
    for (const MetricDef* m : metrics) {
      const ojson& f = row[std::string(m->key)];
      std::string text = f["mean"].is_number() ? format_value(m->unit, f["mean"].get<double>()) : "-";
      if (ci && f["ci95_half_width"].is_number())
        text += " ±" + half_text(m->unit, f["ci95_half_width"].get<double>());
      out += pad_left(text, cell);
    }
    for (const CpuColumn& c : cpu) {
      const ojson* f = cpu_figure(row, c);
      const auto mean = mean_of(f);
      std::string text = mean ? format_value(c.metric->unit, *mean) : "-";
      if (const ojson* h = member(f, "ci95_half_width"); ci && h != nullptr && h->is_number())
        text += " ±" + half_text(c.metric->unit, h->get<double>());
      out += pad_left(text, std::max(cell, cpu_column_label(c).size() + 2));
    }
    if (row["problem_runs"].get<int>() > 0) {
      out += "  ! " + row["problem_runs"].dump() + " run(s) with stuck IRPs or violations";
      problems = true;
    }
    out += "\n";
  }
  if (problems)
    out += "\n! see the summary.json of those runs in points/KEY/N/ (accounting)\n";
  return out;
}

std::string render_sweep_csv(const ojson& sweep) {
  std::string out = "key";
  for (const ojson& p : sweep["parameters"])
    out.append(",").append(csv_field(p["label"].get<std::string>()));
  out += ",replications,problem_runs";
  for (const MetricDef* m : sweep_metrics()) {
    for (const char* suffix : {"", "_ci95_low", "_ci95_high"})
      out.append(",").append(m->key).append(suffix);
  }
  const auto cpu = cpu_columns(sweep, false);
  for (const CpuColumn& c : cpu)
    for (const char* suffix : {"", "_ci95_low", "_ci95_high"})
      out.append(",").append(csv_field(c.flat + suffix));
  out += "\n";
  for (const ojson& row : sweep["points"]) {
    out += csv_field(row["key"].get<std::string>());
    for (const ojson& p : sweep["parameters"])
      out.append(",").append(csv_field(value_text(row["values"][p["label"].get<std::string>()])));
    out.append(",").append(std::to_string(row["replications"].size())).append(",").append(row["problem_runs"].dump());
    for (const MetricDef* m : sweep_metrics()) {
      const ojson& f = row[std::string(m->key)];
      for (const char* field : {"mean", "ci95_low", "ci95_high"})
        out.append(",").append(csv_number(member(&f, field)));
    }
    for (const CpuColumn& c : cpu) {
      const ojson* f = cpu_figure(row, c);
      for (const char* field : {"mean", "ci95_low", "ci95_high"})
        out.append(",").append(csv_number(member(f, field)));
    }
    out += "\n";
  }
  return out;
}

std::string render_sweep_html(const ojson& sweep) {
  const ojson& params = sweep["parameters"];
  const std::string x_label = params[0]["label"].get<std::string>();
  // The x axis: numbers when every value of the first parameter is a number, or a number followed by one common
  // unit ("1000/s"); otherwise the values in grid order as categories.
  bool numeric = true;
  std::optional<std::string> unit;
  for (const ojson& v : params[0]["values"]) {
    if (v.is_number()) {
      numeric = numeric && (!unit || unit->empty());
      unit = "";
      continue;
    }
    const auto split = v.is_string() ? split_number(v.get<std::string>()) : std::nullopt;
    if (!split || (unit && *unit != split->second))
      numeric = false;
    else
      unit = split->second;
  }
  const auto x_of = [&](const ojson& v) -> ojson {
    if (!numeric)
      return value_text(v);
    return v.is_number() ? v.get<double>() : split_number(v.get<std::string>())->first;
  };

  const auto cpu_shown = cpu_columns(sweep, true);
  // Series: one per combination of the other parameters' values, in order of first appearance.
  std::vector<std::string> series_names;
  std::map<std::string, ojson> series;
  for (const ojson& row : sweep["points"]) {
    std::string name;
    for (std::size_t i = 1; i < params.size(); ++i) {
      const std::string label = params[i]["label"].get<std::string>();
      name += (name.empty() ? "" : ", ") + label + "=" + value_text(row["values"][label]);
    }
    if (name.empty())
      name = sweep["name"].get<std::string>();
    if (!series.count(name)) {
      series_names.push_back(name);
      series[name] = ojson::array();
    }
    const auto us = [&](const char* key) {  // a latency figure's mean in microseconds, or null
      const ojson& m = row[key]["mean"];
      return m.is_number() ? ojson(m.get<double>() / 1000) : ojson();
    };
    ojson point = {{"x", x_of(row["values"][x_label])}, {"iops", row["iops_per_s"]["mean"]},
                   {"mean_us", us("mean_ns")}, {"p99_us", us("p99_ns")}};
    // The CPU figures shown (cpu_columns), by their flat names: percent for hosts, microseconds for drivers.
    ojson cpu_values = ojson::object();
    for (const CpuColumn& c : cpu_shown) {
      const auto m = mean_of(cpu_figure(row, c));
      cpu_values[c.flat] = m ? ojson(c.metric->unit == MetricUnit::NS ? *m / 1000 : *m) : ojson();
    }
    point["cpu"] = std::move(cpu_values);
    series[name].push_back(std::move(point));
  }
  ojson data = {{"x_label", x_label + (numeric && unit && !unit->empty() ? " (" + *unit + ")" : "")},
                {"numeric", numeric}, {"categories", ojson::array()}, {"series", ojson::array()}};
  if (!numeric)
    for (const ojson& v : params[0]["values"])
      data["categories"].push_back(value_text(v));
  for (const std::string& name : series_names)
    data["series"].push_back({{"name", name}, {"points", series[name]}});
  ojson hosts = ojson::array(), drivers = ojson::array();
  for (const CpuColumn& c : cpu_shown)
    (c.metric->entity == CpuEntity::HOST ? hosts : drivers).push_back({{"key", c.flat}, {"name", c.name}});
  data["cpu_hosts"] = std::move(hosts);
  data["cpu_drivers"] = std::move(drivers);

  std::string body = "<h1>irpsim sweep: " + html_escape(sweep["name"].get<std::string>()) + "</h1>\n";
  if (const std::string d = sweep["description"].get<std::string>(); !d.empty())
    body += "<p>" + html_escape(d) + "</p>\n";
  body += "<p class=\"note\">" + std::to_string(sweep["points"].size()) + " points x " + sweep["seeds"].dump() +
          " replication(s) of scenario " + html_escape(sweep["base"]["scenario"].get<std::string>()) +
          ". Figures of workload <b>" + html_escape(sweep["figures_of"]["workload"].get<std::string>()) +
          "</b> (the first of the scenario), all request types together; with several replications, the mean "
          "over them.</p>\n";
  if (const std::size_t missing = missing_points(sweep); missing > 0) {
    body += "<p class=\"note\"><b>Incomplete:</b> " + std::to_string(missing) + " point(s) of the grid are missing "
            "(the sweep was interrupted, or a run halted at a limit); run the sweep again to finish them:";
    for (const ojson& key : sweep["points_missing"])
      body += " " + html_escape(key.get<std::string>());
    body += "</p>\n";
  }
  body += "<h2>Latency against " + html_escape(x_label) + "</h2>\n<div class=\"chart\"><canvas id=\"lat\"></canvas>"
          "</div>\n<p class=\"note\">p99 solid, mean dashed; log latency axis.</p>\n";
  body += "<h2>Throughput against " + html_escape(x_label) + "</h2>\n<div class=\"chart\"><canvas id=\"tput\">"
          "</canvas></div>\n";
  body += "<h2>p99 latency against throughput</h2>\n<div class=\"chart\"><canvas id=\"curve\"></canvas></div>\n";
  // Where CPU time goes, when the runs spent any: each host's utilisation, each driver's CPU per request.
  if (!data["cpu_hosts"].empty())
    body += "<h2>CPU utilization against " + html_escape(x_label) + "</h2>\n<div class=\"chart\"><canvas "
            "id=\"cpu_util\"></canvas></div>\n<p class=\"note\">Busy core time over every core of a host and the "
            "simulated time.</p>\n";
  if (!data["cpu_drivers"].empty())
    body += "<h2>CPU per request against " + html_escape(x_label) + "</h2>\n<div class=\"chart\"><canvas "
            "id=\"cpu_req\"></canvas></div>\n<p class=\"note\">A driver's dispatch and completion CPU per request "
            "its dispatch callback ran for.</p>\n";

  body += "<h2>Points</h2>\n<table>\n<tr>";
  for (const ojson& p : params)
    body += "<th>" + html_escape(p["label"].get<std::string>()) + "</th>";
  const auto metrics = table_metrics(sweep);
  for (const MetricDef* m : metrics)
    body += "<th>" + html_escape(m->label) + "</th>";
  for (const CpuColumn& c : cpu_shown)
    body += "<th>" + html_escape(cpu_column_label(c)) + "</th>";
  body += "<th>folder</th></tr>\n";
  for (const ojson& row : sweep["points"]) {
    body += "<tr>";
    for (const ojson& p : params)
      body += "<td>" + html_escape(value_text(row["values"][p["label"].get<std::string>()])) + "</td>";
    for (const MetricDef* m : metrics) {
      const ojson& f = row[std::string(m->key)];
      std::string text = f["mean"].is_number() ? format_value(m->unit, f["mean"].get<double>()) : "-";
      if (f["ci95_half_width"].is_number())
        text += " ±" + half_text(m->unit, f["ci95_half_width"].get<double>());
      body += "<td>" + html_escape(text) + "</td>";
    }
    for (const CpuColumn& c : cpu_shown) {
      const ojson* f = cpu_figure(row, c);
      const auto mean = mean_of(f);
      std::string text = mean ? format_value(c.metric->unit, *mean) : "-";
      if (const ojson* h = member(f, "ci95_half_width"); h != nullptr && h->is_number())
        text += " ±" + half_text(c.metric->unit, h->get<double>());
      body += "<td>" + html_escape(text) + "</td>";
    }
    body += "<td>" + html_escape(row["dir"].get<std::string>()) +
            (row["problem_runs"].get<int>() > 0 ? " <b>! problems</b>" : "") + "</td></tr>\n";
  }
  body += "</table>\n";

  const std::string script = "const SWEEP = " + script_json(data) + ";\n" + R"JS(
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
                '#17becf'];
const color = k => COLORS[k % COLORS.length];
const xTitle = {display: true, text: SWEEP.x_label};
const xScale = SWEEP.numeric ? {type: 'linear', title: xTitle}
                             : {type: 'category', labels: SWEEP.categories, title: xTitle};
const base = {animation: false, maintainAspectRatio: false, spanGaps: true};
const lat = [];
SWEEP.series.forEach((s, k) => {
  lat.push({label: s.name + ' p99', data: s.points.map(p => ({x: p.x, y: p.p99_us})), borderColor: color(k),
            backgroundColor: color(k)});
  lat.push({label: s.name + ' mean', data: s.points.map(p => ({x: p.x, y: p.mean_us})), borderColor: color(k),
            backgroundColor: color(k), borderDash: [6, 4]});
});
new Chart(document.getElementById('lat'), {type: 'line', data: {datasets: lat}, options: {...base,
  scales: {x: xScale, y: {type: 'logarithmic', title: {display: true, text: 'latency (µs, log scale)'}}}}});
new Chart(document.getElementById('tput'), {type: 'line', data: {datasets: SWEEP.series.map((s, k) => ({
  label: s.name, data: s.points.map(p => ({x: p.x, y: p.iops})), borderColor: color(k), backgroundColor: color(k)}))},
  options: {...base, scales: {x: xScale, y: {min: 0, title: {display: true, text: 'completed requests per second'}}}}});
new Chart(document.getElementById('curve'), {type: 'scatter', data: {datasets: SWEEP.series.map((s, k) => ({
  label: s.name, data: s.points.map(p => ({x: p.iops, y: p.p99_us})), borderColor: color(k), backgroundColor: color(k),
  showLine: true}))},
  options: {...base, scales: {
    x: {type: 'linear', min: 0, title: {display: true, text: 'completed requests per second'}},
    y: {type: 'logarithmic', title: {display: true, text: 'p99 latency (µs, log scale)'}}}}});
)JS";
  // Only when the runs spent CPU time: one line per host (or driver) and series, its CPU figure against the first
  // parameter.
  const std::string cpu_script = cpu_shown.empty() ? std::string() : R"JS(
// One line per host (or driver) and series: its CPU figure against the first parameter.
function cpuChart(id, entities, title) {
  if (!entities.length) return;
  const lines = [];
  SWEEP.series.forEach((s, k) => entities.forEach((e, j) => lines.push({
    label: (SWEEP.series.length > 1 ? s.name + ' ' : '') + e.name,
    data: s.points.map(p => ({x: p.x, y: p.cpu[e.key]})), borderColor: color(k * entities.length + j),
    backgroundColor: color(k * entities.length + j)})));
  new Chart(document.getElementById(id), {type: 'line', data: {datasets: lines}, options: {...base,
    scales: {x: xScale, y: {min: 0, title: {display: true, text: title}}}}});
}
cpuChart('cpu_util', SWEEP.cpu_hosts, 'CPU utilization (%)');
cpuChart('cpu_req', SWEEP.cpu_drivers, 'CPU per request (µs)');
)JS";
  return html_page("irpsim sweep: " + sweep["name"].get<std::string>(), "", body, script + cpu_script);
}

}  // namespace irpsim::cli
