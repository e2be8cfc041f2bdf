#include "sim/cli/compare_render.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "sim/cli/html_page.hpp"
#include "sim/cli/summary_metrics.hpp"
#include "sim/core/request_type.hpp"
#include "sim/report/text_report.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::size_t kCell = 13;  // width of a figure column

const ojson* member(const ojson* o, const std::string& key) {
  if (o == nullptr || !o->is_object())
    return nullptr;
  const auto it = o->find(key);
  return it == o->end() ? nullptr : &*it;
}

std::string text_of(const ojson* o, const std::string& key) {
  const ojson* v = member(o, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

std::size_t type_rank(const std::string& name) {
  if (name == "all")
    return 0;
  const auto t = core::parse_request_type(name);
  return 1 + (t ? core::index_of(*t) : core::kRequestTypeCount);
}

// A table block: one workload and one type ("all" for all types).
struct BlockKey {
  std::string workload, type;
  bool operator==(const BlockKey&) const = default;
};

// The block of `variant` for `key`, or nullptr when that variant has no such workload or type.
const ojson* find_block(const ojson& variant, const BlockKey& key) {
  const ojson* workloads = member(&variant, "workloads");
  if (workloads == nullptr)
    return nullptr;
  for (const ojson& w : *workloads) {
    if (text_of(&w, "name") != key.workload)
      continue;
    if (key.type == "all")
      return member(&w, "all_types");
    if (const ojson* types = member(&w, "types"))
      for (const ojson& t : *types)
        if (text_of(&t, "type") == key.type)
          return &t;
  }
  return nullptr;
}

// Every block in display order: workloads by first appearance, all types first, then the request types in the
// summary's order; a workload's single type is left out (its all-types block says the same).
std::vector<BlockKey> block_keys(const ojson& compare) {
  std::vector<std::string> workloads;
  std::vector<std::vector<std::string>> types;
  for (const ojson& v : compare["variants"])
    for (const ojson& w : v["workloads"]) {
      const std::string name = w["name"].get<std::string>();
      auto it = std::find(workloads.begin(), workloads.end(), name);
      if (it == workloads.end()) {
        workloads.push_back(name);
        types.emplace_back();
        it = workloads.end() - 1;
      }
      auto& list = types[static_cast<std::size_t>(it - workloads.begin())];
      for (const ojson& t : w["types"]) {
        const std::string type = t["type"].get<std::string>();
        if (std::find(list.begin(), list.end(), type) == list.end())
          list.push_back(type);
      }
    }
  std::vector<BlockKey> keys;
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    keys.push_back({workloads[i], "all"});
    std::stable_sort(types[i].begin(), types[i].end(),
                     [](const std::string& a, const std::string& b) { return type_rank(a) < type_rank(b); });
    if (types[i].size() > 1)
      for (const std::string& t : types[i])
        keys.push_back({workloads[i], t});
  }
  return keys;
}

std::string block_title(const BlockKey& key, const ojson& compare) {
  std::string title = "workload " + key.workload + ", " + (key.type == "all" ? "all types" : key.type);
  if (key.type == "all") {  // say which type "all" is when there is only one
    std::set<std::string> types;
    for (const ojson& v : compare["variants"])
      if (const ojson* b = find_block(v, key); b != nullptr)
        for (const ojson& w : v["workloads"])
          if (w["name"] == key.workload)
            for (const ojson& t : w["types"])
              types.insert(t["type"].get<std::string>());
    if (types.size() == 1)
      title += " (" + *types.begin() + ")";
  }
  return title;
}

std::string format_value(MetricUnit unit, double v) {
  switch (unit) {
    case MetricUnit::PER_S:
      return report::format_count(v);
    case MetricUnit::NS:
      return report::format_duration_ns(v);
    case MetricUnit::PERCENT: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f%%", v);
      return buf;
    }
  }
  return {};
}

std::optional<double> number(const ojson* figure, const char* key) {
  const ojson* v = member(figure, key);
  return v != nullptr && v->is_number() ? std::optional<double>(v->get<double>()) : std::nullopt;
}

// The three lines of one figure: mean, ± half-width, change ("*" when apart). Empty strings where there is none.
struct FigureText {
  std::string mean, half, change;
  bool apart = false;
};

FigureText figure_text(const ojson* figure, MetricUnit unit) {
  FigureText t;
  if (auto m = number(figure, "mean"))
    t.mean = format_value(unit, *m);
  else
    t.mean = "-";
  if (auto h = number(figure, "ci95_half_width"))
    t.half = *h == 0 ? std::string("±0") : "±" + format_value(unit, *h);
  if (auto c = number(figure, "change_vs_baseline_percent")) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f%%", *c);
    t.change = buf;
  }
  const ojson* d = member(figure, "differs_from_baseline");
  t.apart = d != nullptr && d->is_boolean() && d->get<bool>();
  if (t.apart)
    t.change += "*";
  return t;
}

// Right-aligns in `width` display columns ("±" is one column but two bytes).
std::string pad_left(const std::string& s, std::size_t width) {
  std::size_t columns = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80)
      ++columns;
  return columns >= width ? " " + s : std::string(width - columns, ' ') + s;
}

std::string trim_right(std::string s) {
  s.erase(s.find_last_not_of(' ') + 1);
  return s;
}

std::string pad_right(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

// A column of a figures table.
struct Column {
  std::string_view key, label;
  MetricUnit unit;
};

// One table of the text and of the page: its title, its columns, and per variant (in order) the object whose
// "metrics" holds the figures, or nullptr when the variant has no such block.
struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<const ojson*> blocks;
};

std::optional<double> number(const ojson* figure, const char* key);

// Whether some variant's figure `key` has a mean other than 0.
bool any_nonzero(const std::vector<const ojson*>& blocks, std::string_view key) {
  for (const ojson* b : blocks)
    if (auto m = number(member(member(b, "metrics"), std::string(key)), "mean"); m && *m != 0)
      return true;
  return false;
}

// The tables in display order: every workload block (block_keys), then per host its CPU utilisation and per driver
// its CPU per request, each only when some variant has a figure other than 0 there (a run without CPU costs has none).
// A column with shown_when_nonzero is left out of a table where every figure of that key is 0.
std::vector<Table> figure_tables(const ojson& compare) {
  std::vector<Table> tables;
  const ojson& variants = compare["variants"];
  for (const BlockKey& key : block_keys(compare)) {
    Table t;
    t.title = block_title(key, compare);
    for (const ojson& v : variants)
      t.blocks.push_back(find_block(v, key));
    for (const MetricDef& m : compare_metrics())
      if ((key.type == "all" || !m.all_types_only) &&
          (m.shown_when_nonzero.empty() || any_nonzero(t.blocks, m.shown_when_nonzero)))
        t.columns.push_back({m.key, m.label, m.unit});
    tables.push_back(std::move(t));
  }
  for (const CpuEntity entity : {CpuEntity::HOST, CpuEntity::DRIVER}) {
    const std::string list(cpu_entity_list(entity));
    std::vector<std::string> names;
    for (const ojson& v : variants)
      if (const ojson* l = member(member(&v, "cpu"), list); l != nullptr && l->is_array())
        for (const ojson& e : *l)
          if (const std::string n = text_of(&e, "name"); std::find(names.begin(), names.end(), n) == names.end())
            names.push_back(n);
    for (const std::string& name : names) {
      Table t;
      t.title = entity == CpuEntity::HOST ? "host " + name + ", CPU utilization" : "driver " + name + ", CPU per request";
      for (const ojson& v : variants) {
        const ojson* found = nullptr;
        if (const ojson* l = member(member(&v, "cpu"), list); l != nullptr && l->is_array())
          for (const ojson& e : *l)
            if (text_of(&e, "name") == name)
              found = &e;
        t.blocks.push_back(found);
      }
      bool any = false;
      for (const CpuMetricDef& m : cpu_metrics())
        if (m.entity == entity) {
          t.columns.push_back({m.key, m.label, m.unit});
          any = any || any_nonzero(t.blocks, m.key);
        }
      if (any)
        tables.push_back(std::move(t));
    }
  }
  return tables;
}

bool has_problems(const ojson& variant) {
  const ojson* p = member(&variant, "problem_runs");
  return p != nullptr && p->is_number() && p->get<double>() > 0;
}

std::string csv_number(const ojson* v) {
  if (v == nullptr || v->is_null())
    return "";
  return v->dump();
}

}  // namespace

ojson histogram_cdf_points(const ojson& histogram) {
  ojson points = ojson::array();
  const ojson* buckets = member(&histogram, "buckets");
  if (buckets == nullptr || !buckets->is_array() || buckets->empty())
    return points;
  double total = 0;
  for (const ojson& b : *buckets)
    total += b[1].get<double>();
  if (!(total > 0))
    return points;
  const auto first = (*buckets)[0][0].get<std::uint64_t>();
  const auto us = [](std::uint64_t ns) { return static_cast<double>(std::max<std::uint64_t>(ns, 1)) / 1000.0; };
  points.push_back(ojson::array({us(stats::Histogram::bucket_low(first)), 0.0}));
  double cumulative = 0;
  for (const ojson& b : *buckets) {
    cumulative += b[1].get<double>();
    points.push_back(ojson::array({us(stats::Histogram::bucket_high(b[0].get<std::uint64_t>())), cumulative / total}));
  }
  return points;
}

std::string render_compare_table(const ojson& compare) {
  std::string out;
  const ojson& variants = compare["variants"];
  const std::string baseline = text_of(&compare, "baseline");
  std::size_t name_width = 8;
  for (const ojson& v : variants)
    name_width = std::max(name_width, text_of(&v, "name").size() + 3);

  std::string seeds;
  for (const ojson& s : compare["seeds"])
    seeds += (seeds.empty() ? "" : ", ") + s.dump();
  out += "compare " + text_of(&compare["scenario"], "name") + " (" + text_of(&compare["scenario"], "file") + "): " +
         std::to_string(variants.size()) + " variants x " + compare["replications"].dump() + " replications (seeds " +
         seeds + ")\n";
  out += "Each figure: the mean over the replications, below it the half-width of its 95% confidence interval "
         "(Student t),\nthen the change against the baseline \"" + baseline + "\" (* where the two intervals do not "
         "overlap).\n";
  std::size_t problem_variants = 0;
  for (const ojson& v : variants)
    problem_variants += has_problems(v) ? 1 : 0;
  if (problem_variants > 0)
    out += "! after a name: some of its runs finished with stuck IRPs or framework violations (exit code 3).\n";

  for (const Table& table : figure_tables(compare)) {
    out += "\n" + table.title + "\n";
    out += pad_right("variant", name_width);
    for (const Column& m : table.columns)
      out += pad_left(std::string(m.label), kCell);
    out += "\n";
    for (std::size_t vi = 0; vi < variants.size(); ++vi) {
      const ojson& v = variants[vi];
      const ojson* block = table.blocks[vi];
      if (block == nullptr)
        continue;
      std::string line1 = pad_right(text_of(&v, "name") + (has_problems(v) ? " !" : ""), name_width);
      std::string line2(name_width, ' '), line3(name_width, ' ');
      bool any_change = false;
      for (const Column& m : table.columns) {
        const FigureText t = figure_text(member(member(block, "metrics"), std::string(m.key)), m.unit);
        line1 += pad_left(t.mean, kCell);
        line2 += pad_left(t.half, kCell);
        line3 += pad_left(t.change, kCell);
        any_change = any_change || !t.change.empty();
      }
      out += trim_right(line1) + "\n";
      if (!trim_right(line2).empty())
        out += trim_right(line2) + "\n";
      if (any_change)
        out += trim_right(line3) + "\n";
      // Status counts: requests per replication completed with each status.
      if (const ojson* statuses = member(block, "status_counts"); statuses != nullptr && !statuses->empty()) {
        std::string line = std::string(name_width, ' ') + "statuses:";
        bool first = true;
        for (const auto& [name, figure] : statuses->items()) {
          const FigureText t = figure_text(&figure, MetricUnit::PER_S);
          line += std::string(first ? " " : "; ") + name + " " + t.mean;
          if (!t.half.empty())
            line += " " + t.half;
          if (!t.change.empty())
            line += " (" + t.change + ")";
          first = false;
        }
        out += line + "\n";
      }
    }
  }

  // Runs that finished with problems, by name.
  for (const ojson& v : variants)
    for (const ojson& r : v["runs"]) {
      const bool problem = r["exit_code"].get<int>() != 0 || r["stuck_irps"].get<double>() > 0 ||
                           r["violations"].get<double>() > 0;
      if (problem)
        out += "\nwarning: variant " + text_of(&v, "name") + ", replication " + r["replication"].dump() + " (seed " +
               r["seed"].dump() + "): exit code " + r["exit_code"].dump() + ", " + r["stuck_irps"].dump() +
               " stuck IRP(s), " + r["violations"].dump() + " framework violation(s); see " + text_of(&r, "dir") +
               "/summary.json";
    }
  if (problem_variants > 0)
    out += "\n";
  return out;
}

std::string render_compare_csv(const ojson& compare) {
  std::string out = "variant,workload,type,metric,replications,mean,ci95_low,ci95_high,ci95_half_width,"
                    "change_vs_baseline_percent,differs_from_baseline\n";
  const auto row = [&](const std::string& variant, const std::string& workload, const std::string& type,
                       const std::string& metric, const ojson& f) {
    out += variant + "," + workload + "," + type + "," + metric + "," + csv_number(member(&f, "replications")) + "," +
           csv_number(member(&f, "mean")) + "," + csv_number(member(&f, "ci95_low")) + "," +
           csv_number(member(&f, "ci95_high")) + "," + csv_number(member(&f, "ci95_half_width")) + "," +
           csv_number(member(&f, "change_vs_baseline_percent")) + "," +
           csv_number(member(&f, "differs_from_baseline")) + "\n";
  };
  for (const ojson& v : compare["variants"]) {
    const std::string name = text_of(&v, "name");
    for (const ojson& w : v["workloads"]) {
      const std::string workload = text_of(&w, "name");
      std::vector<const ojson*> blocks{&w["all_types"]};
      for (const ojson& t : w["types"])
        blocks.push_back(&t);
      for (const ojson* b : blocks) {
        const std::string type = text_of(b, "type");
        for (const auto& [metric, figure] : (*b)["metrics"].items())
          row(name, workload, type, metric, figure);
        for (const auto& [status, figure] : (*b)["status_counts"].items())
          row(name, workload, type, "status_counts." + status, figure);
      }
    }
    // The CPU figures, per host and driver: no workload or type; the metric names the host or driver.
    for (const CpuEntity entity : {CpuEntity::HOST, CpuEntity::DRIVER})
      if (const ojson* list = member(member(&v, "cpu"), std::string(cpu_entity_list(entity))); list != nullptr)
        for (const ojson& e : *list)
          for (const CpuMetricDef& m : cpu_metrics())
            if (m.entity == entity)
              if (const ojson* f = member(member(&e, "metrics"), std::string(m.key)); f != nullptr)
                row(name, "", "", cpu_metric_name(m, text_of(&e, "name")), *f);
  }
  return out;
}

std::string render_compare_html(const ojson& compare) {
  const std::string scenario = compare["scenario"]["name"].get<std::string>();
  const std::string baseline = text_of(&compare, "baseline");
  const auto keys = block_keys(compare);
  std::string body;
  body += "<h1>irpsim compare: " + html_escape(scenario) + "</h1>\n<p class=\"note\">";
  body += html_escape(std::to_string(compare["variants"].size())) + " variants of " +
          html_escape(text_of(&compare["scenario"], "file")) + " (variants from " +
          html_escape(text_of(&compare, "variants_file")) + "), " + compare["replications"].dump() +
          " replications each; replication r of every variant uses the same seed.</p>\n";
  if (const std::string d = text_of(&compare, "description"); !d.empty())
    body += "<p>" + html_escape(d) + "</p>\n";

  // The CDF plot, one line per variant, for the block chosen in the selector.
  body += "<h2>Latency CDF</h2>\n<label>workload and type: <select id=\"block\">";
  for (std::size_t i = 0; i < keys.size(); ++i)
    body += "<option value=\"" + std::to_string(i) + "\">" +
            html_escape(keys[i].workload + " · " + (keys[i].type == "all" ? "all types" : keys[i].type)) +
            "</option>";
  body += "</select></label>\n<div class=\"chart\"><canvas id=\"cdf\"></canvas></div>\n"
          "<p class=\"note\">Fraction of requests completed within a latency (log axis), from the latency histograms "
          "of all replications of a variant merged (log-linear buckets, at most 1/128 of their value wide).</p>\n";

  ojson data = ojson::array();
  for (const BlockKey& key : keys) {
    ojson series = ojson::array();
    for (const ojson& v : compare["variants"])
      if (const ojson* b = find_block(v, key))
        series.push_back({{"name", text_of(&v, "name")}, {"points", histogram_cdf_points((*b)["histogram"])}});
    data.push_back(std::move(series));
  }

  // The tables.
  body += "<h2>Figures</h2>\n<p class=\"note\">Mean over the replications ± the half-width of its 95% confidence "
          "interval (Student t); below, the change against the baseline <b>" + html_escape(baseline) +
          "</b>, <span class=\"apart\">marked *</span> where the two intervals do not overlap.</p>\n";
  for (const Table& table : figure_tables(compare)) {
    const bool statuses = std::any_of(table.blocks.begin(), table.blocks.end(),
                                      [](const ojson* b) { return member(b, "status_counts") != nullptr; });
    body += "<h3>" + html_escape(table.title) + "</h3>\n<table>\n<tr><th>variant</th>";
    for (const Column& m : table.columns)
      body += "<th>" + html_escape(m.label) + "</th>";
    body += statuses ? "<th>statuses</th></tr>\n" : "</tr>\n";
    for (std::size_t vi = 0; vi < compare["variants"].size(); ++vi) {
      const ojson& v = compare["variants"][vi];
      const ojson* block = table.blocks[vi];
      if (block == nullptr)
        continue;
      body += "<tr><td>" + html_escape(text_of(&v, "name")) +
              (has_problems(v) ? " <span class=\"apart\">!</span>" : "") + "</td>";
      for (const Column& m : table.columns) {
        const FigureText t = figure_text(member(member(block, "metrics"), std::string(m.key)), m.unit);
        body += "<td>" + html_escape(t.mean) + (t.half.empty() ? "" : "<br><small>" + html_escape(t.half) + "</small>");
        if (!t.change.empty())
          body += "<br><small" + std::string(t.apart ? " class=\"apart\"" : "") + ">" + html_escape(t.change) +
                  "</small>";
        body += "</td>";
      }
      if (statuses) {
        body += "<td>";
        if (const ojson* counts = member(block, "status_counts"); counts != nullptr)
          for (const auto& [name, figure] : counts->items()) {
            const FigureText t = figure_text(&figure, MetricUnit::PER_S);
            body += html_escape(name) + " " + html_escape(t.mean) +
                    (t.change.empty() ? "" : " <small" + std::string(t.apart ? " class=\"apart\"" : "") + ">" +
                                                 html_escape(t.change) + "</small>") + "<br>";
          }
        body += "</td>";
      }
      body += "</tr>\n";
    }
    body += "</table>\n";
  }

  body += "<h2>Variants</h2>\n";
  for (const ojson& v : compare["variants"]) {
    body += "<h3>" + html_escape(text_of(&v, "name")) + (text_of(&v, "name") == baseline ? " (baseline)" : "") +
            "</h3>\n";
    if (const std::string d = text_of(&v, "description"); !d.empty())
      body += "<p>" + html_escape(d) + "</p>\n";
    body += "<pre>" + html_escape(v["patch"].dump(2)) + "</pre>\n<p class=\"note\">runs: ";
    for (const ojson& r : v["runs"])
      body += html_escape(text_of(&r, "dir")) + " (seed " + r["seed"].dump() + ", exit " + r["exit_code"].dump() +
              ") ";
    body += "</p>\n";
  }

  const std::string script = "const BLOCKS = " + script_json(data) + ";\n" + R"JS(
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
                '#17becf'];
function datasets(i) {
  return BLOCKS[i].map((s, k) => ({
    label: s.name, data: s.points.map(p => ({x: p[0], y: p[1]})), borderColor: COLORS[k % COLORS.length],
    backgroundColor: COLORS[k % COLORS.length], borderWidth: k === 0 ? 2.5 : 1.5, pointRadius: 0, stepped: false,
    tension: 0}));
}
const chart = new Chart(document.getElementById('cdf'), {
  type: 'line',
  data: {datasets: datasets(0)},
  options: {
    animation: false, maintainAspectRatio: false, parsing: true,
    interaction: {mode: 'nearest', intersect: false},
    scales: {
      x: {type: 'logarithmic', title: {display: true, text: 'latency (log scale)'},
          ticks: {callback: v => {  // 1, 2 and 5 times a power of ten, as a time
            const m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
            if (![1, 2, 5].some(k => Math.abs(m - k) < 1e-6)) return '';
            return v >= 1e6 ? v / 1e6 + ' s' : v >= 1e3 ? v / 1e3 + ' ms' : v >= 1 ? v + ' µs' : v * 1e3 + ' ns';
          }}},
      y: {min: 0, max: 1, title: {display: true, text: 'fraction of requests ≤ latency'}}
    },
    plugins: {tooltip: {callbacks: {label: c => c.dataset.label + ': ' + (100 * c.parsed.y).toFixed(2) +
                                               '% ≤ ' + c.parsed.x.toPrecision(4) + ' µs'}}}
  }
});
// For a headless browser to check the plot: how many variants' curves were laid out with points.
document.body.dataset.curvesDrawn = chart.getSortedVisibleDatasetMetas().filter(m => m.data.length > 0).length;
document.getElementById('block').addEventListener('change', e => {
  chart.data.datasets = datasets(+e.target.value);
  chart.update();
});
)JS";
  return html_page("irpsim compare: " + scenario, ".apart{color:#c0392b;font-weight:bold}td{white-space:nowrap}", body,
                   script);
}

}  // namespace irpsim::cli
