#include "sim/cli/compare_aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "sim/cli/stats_ci.hpp"
#include "sim/cli/summary_metrics.hpp"
#include "sim/core/request_type.hpp"
#include "sim/stats/histogram.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

double round3(double x) { return std::round(x * 1000.0) / 1000.0; }

ojson number_or_null(std::optional<double> v) { return v ? ojson(round3(*v)) : ojson(nullptr); }

// Position of a request type name in the summary's fixed order; unknown names go last.
std::size_t type_rank(const std::string& name) {
  const auto t = core::parse_request_type(name);
  return t ? core::index_of(*t) : core::kRequestTypeCount;
}

// o[key] when o is an object that has it, else nullptr (const operator[] must never see a missing key).
const ojson* member(const ojson* o, const char* key) {
  if (o == nullptr || !o->is_object())
    return nullptr;
  const auto it = o->find(key);
  return it == o->end() ? nullptr : &*it;
}

const ojson* find_named(const ojson* array, const char* key, const std::string& value) {
  if (array == nullptr || !array->is_array())
    return nullptr;
  for (const ojson& e : *array)
    if (e.is_object() && e.contains(key) && e[key].is_string() && e[key].get_ref<const std::string&>() == value)
      return &e;
  return nullptr;
}

// One workload of one variant, over its replications.
ojson aggregate_type(const std::vector<const ojson*>& workloads, const std::string& type, bool all_types) {
  // The type block of each replication (null when that replication had no request of the type).
  std::vector<const ojson*> blocks;
  for (const ojson* w : workloads) {
    blocks.push_back(all_types ? member(w, "all_types") : find_named(member(w, "types"), "type", type));
  }
  ojson out;
  out["type"] = all_types ? "all" : type;
  ojson metrics = ojson::object();
  for (const MetricDef& m : compare_metrics()) {
    if (m.all_types_only && !all_types)
      continue;
    std::vector<std::optional<double>> values;
    for (std::size_t r = 0; r < blocks.size(); ++r) {
      if (blocks[r] == nullptr) {  // the workload ran but issued none of this type: no throughput, no latency
        values.push_back(m.key == "iops_per_s" && workloads[r] != nullptr ? std::optional<double>(0) : std::nullopt);
        continue;
      }
      values.push_back(metric_value(m, *workloads[r], *blocks[r], all_types));
    }
    metrics[std::string(m.key)] = figure_json(values);
  }
  out["metrics"] = std::move(metrics);

  // Status names in order of first appearance (each summary lists them by status value).
  std::vector<std::string> statuses;
  std::set<std::string> seen;
  for (const ojson* b : blocks)
    if (const ojson* counts = member(b, "status_counts"); counts != nullptr && counts->is_object())
      for (const auto& [name, count] : counts->items())
        if (seen.insert(name).second)
          statuses.push_back(name);
  ojson status_counts = ojson::object();
  for (const std::string& name : statuses) {
    std::vector<std::optional<double>> values;
    for (const ojson* b : blocks) {
      const ojson* n = member(member(b, "status_counts"), name.c_str());
      values.push_back(n != nullptr && n->is_number() ? n->get<double>() : 0.0);
    }
    status_counts[name] = figure_json(values);
  }
  out["status_counts"] = std::move(status_counts);

  std::map<std::uint64_t, std::uint64_t> merged;
  for (const ojson* b : blocks) {
    const ojson* buckets = member(member(member(b, "latency_ns"), "histogram"), "buckets");
    if (buckets == nullptr || !buckets->is_array())
      continue;
    for (const ojson& bucket : *buckets)
      if (bucket.is_array() && bucket.size() == 2)
        merged[bucket[0].get<std::uint64_t>()] += bucket[1].get<std::uint64_t>();
  }
  ojson buckets = ojson::array();
  for (const auto& [index, count] : merged)
    buckets.push_back(ojson::array({index, count}));
  out["histogram"] = {{"scheme", stats::Histogram::kSchemeName}, {"buckets", std::move(buckets)}};
  return out;
}

ojson aggregate_variant_workloads(const VariantRuns& v) {
  // Workload names in order of first appearance over the replications.
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const ReplicationRun& run : v.runs)
    if (const ojson* list = member(&run.summary, "workloads"); list != nullptr && list->is_array())
      for (const ojson& w : *list)
        if (const ojson* n = member(&w, "name"); n != nullptr && n->is_string())
          if (seen.insert(n->get<std::string>()).second)
            names.push_back(n->get<std::string>());
  ojson workloads = ojson::array();
  for (const std::string& name : names) {
    std::vector<const ojson*> per_run;
    std::vector<std::string> types;
    std::set<std::string> type_seen;
    for (const ReplicationRun& run : v.runs) {
      const ojson* w = find_named(member(&run.summary, "workloads"), "name", name);
      per_run.push_back(w);
      if (const ojson* list = member(w, "types"); list != nullptr && list->is_array())
        for (const ojson& t : *list)
          if (const ojson* n = member(&t, "type"); n != nullptr && n->is_string())
            if (type_seen.insert(n->get<std::string>()).second)
              types.push_back(n->get<std::string>());
    }
    std::stable_sort(types.begin(), types.end(),
                     [](const std::string& a, const std::string& b) { return type_rank(a) < type_rank(b); });
    ojson wo;
    wo["name"] = name;
    ojson type_blocks = ojson::array();
    for (const std::string& t : types)
      type_blocks.push_back(aggregate_type(per_run, t, false));
    wo["types"] = std::move(type_blocks);
    wo["all_types"] = aggregate_type(per_run, "", true);
    workloads.push_back(std::move(wo));
  }
  return workloads;
}

// The run's CPU over the replications: per host and per driver (by name, in order of first appearance), each figure of
// cpu_metrics() for it. Empty lists for summaries without a "cpu" block.
ojson aggregate_variant_cpu(const VariantRuns& v) {
  ojson cpu = ojson::object();
  for (const CpuEntity entity : {CpuEntity::HOST, CpuEntity::DRIVER}) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const ReplicationRun& run : v.runs)
      for (const std::string& name : cpu_entity_names(run.summary, entity))
        if (seen.insert(name).second)
          names.push_back(name);
    ojson list = ojson::array();
    for (const std::string& name : names) {
      ojson metrics = ojson::object();
      for (const CpuMetricDef& m : cpu_metrics()) {
        if (m.entity != entity)
          continue;
        std::vector<std::optional<double>> values;
        for (const ReplicationRun& run : v.runs)
          values.push_back(cpu_metric_value(m, run.summary, name));
        metrics[std::string(m.key)] = figure_json(values);
      }
      list.push_back({{"name", name}, {"metrics", std::move(metrics)}});
    }
    cpu[std::string(cpu_entity_list(entity))] = std::move(list);
  }
  return cpu;
}

// Adds change_vs_baseline_percent and differs_from_baseline to `figure`, against `base` (either may be null).
void compare_figure(ojson& figure, const ojson* base) {
  figure["change_vs_baseline_percent"] = nullptr;
  figure["differs_from_baseline"] = nullptr;
  const ojson* base_mean = member(base, "mean");
  if (base_mean == nullptr || !base_mean->is_number() || !figure["mean"].is_number())
    return;
  figure["change_vs_baseline_percent"] =
      number_or_null(change_percent(base_mean->get<double>(), figure["mean"].get<double>()));
  const ojson* base_low = member(base, "ci95_low");
  const ojson* base_high = member(base, "ci95_high");
  if (figure["ci95_low"].is_number() && base_low != nullptr && base_low->is_number()) {
    const bool apart = figure["ci95_low"].get<double>() > base_high->get<double>() ||
                       figure["ci95_high"].get<double>() < base_low->get<double>();
    figure["differs_from_baseline"] = apart;
  }
}

void compare_type_block(ojson& block, const ojson* base_block) {
  for (auto& [key, figure] : block["metrics"].items()) {
    compare_figure(figure, member(member(base_block, "metrics"), key.c_str()));
  }
  for (auto& [name, figure] : block["status_counts"].items()) {
    compare_figure(figure, member(member(base_block, "status_counts"), name.c_str()));
  }
}

}  // namespace

ojson figure_json(const std::vector<std::optional<double>>& values) {
  std::vector<double> present;
  ojson list = ojson::array();
  for (const auto& v : values) {
    list.push_back(number_or_null(v));
    if (v)
      present.push_back(*v);
  }
  const Estimate e = estimate_mean(present);
  ojson f;
  const bool any = e.samples > 0;
  f["mean"] = any ? ojson(round3(e.mean)) : ojson(nullptr);
  f["ci95_low"] = e.half_width ? ojson(round3(e.low())) : ojson(nullptr);
  f["ci95_high"] = e.half_width ? ojson(round3(e.high())) : ojson(nullptr);
  f["ci95_half_width"] = e.half_width ? ojson(round3(*e.half_width)) : ojson(nullptr);
  f["stddev"] = e.samples >= 2 ? ojson(round3(e.stddev)) : ojson(nullptr);
  f["replications"] = e.samples;
  f["values"] = std::move(list);
  return f;
}

ojson build_compare_document(const CompareInput& in) {
  ojson doc;
  doc["schema_version"] = 1;
  doc["scenario"] = {{"name", in.scenario_name}, {"file", in.scenario_file}};
  doc["variants_file"] = in.variants_file;
  doc["description"] = in.description;
  doc["replications"] = in.replications;
  ojson seeds = ojson::array();
  if (!in.variants.empty())
    for (const ReplicationRun& run : in.variants.front().runs)
      seeds.push_back(run.seed);
  doc["seeds"] = std::move(seeds);
  doc["confidence_percent"] = 95;
  doc["baseline"] = in.variants.empty() ? std::string() : in.variants.front().name;

  ojson variants = ojson::array();
  for (const VariantRuns& v : in.variants) {
    ojson vo;
    vo["name"] = v.name;
    vo["description"] = v.description;
    vo["patch"] = v.patch;
    ojson runs = ojson::array();
    std::size_t problems = 0;
    for (const ReplicationRun& run : v.runs) {
      const ojson* stuck = member(member(&run.summary, "accounting"), "stuck");
      const ojson* violations = member(member(&run.summary, "accounting"), "violations_total");
      ojson ro;
      ro["replication"] = run.replication;
      ro["seed"] = run.seed;
      ro["dir"] = run.dir;
      ro["exit_code"] = run.exit_code;
      ro["stuck_irps"] = stuck != nullptr && stuck->is_array() ? stuck->size() : 0;
      ro["violations"] = violations != nullptr ? *violations : ojson(0);
      if (run.exit_code != 0 || summary_has_problems(run.summary))
        ++problems;
      runs.push_back(std::move(ro));
    }
    vo["runs"] = std::move(runs);
    vo["problem_runs"] = problems;
    vo["workloads"] = aggregate_variant_workloads(v);
    vo["cpu"] = aggregate_variant_cpu(v);
    variants.push_back(std::move(vo));
  }

  // Against the baseline: the same workload name and request type.
  if (!variants.empty()) {
    const ojson baseline = variants[0];
    for (std::size_t i = 0; i < variants.size(); ++i)
      for (ojson& w : variants[i]["workloads"]) {
        const ojson* bw =
            i == 0 ? nullptr : find_named(member(&baseline, "workloads"), "name", w["name"].get<std::string>());
        for (ojson& t : w["types"])
          compare_type_block(t, find_named(member(bw, "types"), "type", t["type"].get<std::string>()));
        compare_type_block(w["all_types"], member(bw, "all_types"));
      }
    // The CPU figures: the same host or driver name.
    for (std::size_t i = 0; i < variants.size(); ++i)
      for (const char* list : {"hosts", "drivers"})
        for (ojson& e : variants[i]["cpu"][list]) {
          const ojson* be =
              i == 0 ? nullptr
                     : find_named(member(member(&baseline, "cpu"), list), "name", e["name"].get<std::string>());
          for (auto& [key, figure] : e["metrics"].items())
            compare_figure(figure, member(member(be, "metrics"), key.c_str()));
        }
  }
  doc["variants"] = std::move(variants);
  return doc;
}

}  // namespace irpsim::cli
