#include "sim/cli/summary_metrics.hpp"

namespace irpsim::cli {
namespace {

using ojson = nlohmann::ordered_json;

std::optional<double> number_at(const ojson& o, std::initializer_list<const char*> path) {
  const ojson* at = &o;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key))
      return std::nullopt;
    at = &(*at)[key];
  }
  if (!at->is_number())
    return std::nullopt;
  return at->get<double>();
}

}  // namespace

const std::vector<MetricDef>& compare_metrics() {
  static const std::vector<MetricDef> list{
      {"iops_per_s", "IOPS", MetricUnit::PER_S},
      {"mean_ns", "mean", MetricUnit::NS},
      {"p50_ns", "p50", MetricUnit::NS},
      {"p99_ns", "p99", MetricUnit::NS},
      {"p99_9_ns", "p99.9", MetricUnit::NS},
      {"max_ns", "max", MetricUnit::NS},
      {"out_of_order_percent", "out of order", MetricUnit::PERCENT, true},
      {"submission_mean_ns", "slat mean", MetricUnit::NS, false, "submission_mean_ns"},
      {"completion_mean_ns", "clat mean", MetricUnit::NS, false, "submission_mean_ns"},
  };
  return list;
}

std::optional<double> metric_value(const MetricDef& metric, const ojson& workload, const ojson& type_block,
                                   bool all_types) {
  const std::string_view k = metric.key;
  if (k == "iops_per_s")
    return number_at(type_block, {"iops_per_s"});
  if (k == "mean_ns")
    return number_at(type_block, {"latency_ns", "mean_ns"});
  if (k == "p50_ns")
    return number_at(type_block, {"latency_ns", "percentiles_ns", "50.00"});
  if (k == "p99_ns")
    return number_at(type_block, {"latency_ns", "percentiles_ns", "99.00"});
  if (k == "p99_9_ns")
    return number_at(type_block, {"latency_ns", "percentiles_ns", "99.90"});
  if (k == "max_ns")
    return number_at(type_block, {"latency_ns", "max_ns"});
  if (k == "out_of_order_percent" && all_types)
    return number_at(workload, {"ordering", "out_of_order_percent"});
  if (k == "submission_mean_ns")
    return number_at(type_block, {"submission_latency_ns", "mean_ns"});
  if (k == "completion_mean_ns")
    return number_at(type_block, {"completion_latency_ns", "mean_ns"});
  return std::nullopt;
}

const std::vector<CpuMetricDef>& cpu_metrics() {
  static const std::vector<CpuMetricDef> list{
      {"utilization_percent", "CPU busy", MetricUnit::PERCENT, CpuEntity::HOST},
      {"cpu_ns_per_request", "CPU/request", MetricUnit::NS, CpuEntity::DRIVER},
      {"dispatch_cpu_ns_per_request", "dispatch", MetricUnit::NS, CpuEntity::DRIVER},
      {"completion_cpu_ns_per_request", "completion", MetricUnit::NS, CpuEntity::DRIVER},
  };
  return list;
}

std::string_view cpu_entity_list(CpuEntity entity) { return entity == CpuEntity::HOST ? "hosts" : "drivers"; }
std::string_view cpu_entity_prefix(CpuEntity entity) { return entity == CpuEntity::HOST ? "host" : "driver"; }

namespace {

// The host or driver `name` in summary.json's cpu block, or nullptr.
const ojson* cpu_entity(const ojson& summary, CpuEntity entity, const std::string& name) {
  if (!summary.is_object() || !summary.contains("cpu") || !summary["cpu"].is_object())
    return nullptr;
  const std::string list(cpu_entity_list(entity));
  const ojson& cpu = summary["cpu"];
  if (!cpu.contains(list) || !cpu[list].is_array())
    return nullptr;
  for (const ojson& e : cpu[list])
    if (e.is_object() && e.contains("name") && e["name"].is_string() && e["name"].get_ref<const std::string&>() == name)
      return &e;
  return nullptr;
}

}  // namespace

std::vector<std::string> cpu_entity_names(const ojson& summary, CpuEntity entity) {
  std::vector<std::string> names;
  if (!summary.is_object() || !summary.contains("cpu") || !summary["cpu"].is_object())
    return names;
  const std::string list(cpu_entity_list(entity));
  const ojson& cpu = summary["cpu"];
  if (!cpu.contains(list) || !cpu[list].is_array())
    return names;
  for (const ojson& e : cpu[list])
    if (e.is_object() && e.contains("name") && e["name"].is_string())
      names.push_back(e["name"].get<std::string>());
  return names;
}

std::optional<double> cpu_metric_value(const CpuMetricDef& metric, const ojson& summary, const std::string& name) {
  const ojson* e = cpu_entity(summary, metric.entity, name);
  if (e == nullptr)
    return std::nullopt;
  const std::string_view k = metric.key;
  if (k == "utilization_percent") {
    const auto f = number_at(*e, {"utilization_fraction"});
    return f ? std::optional<double>(*f * 100.0) : std::nullopt;
  }
  if (k == "cpu_ns_per_request")
    return number_at(*e, {"cpu_ns_per_request"});
  if (k == "dispatch_cpu_ns_per_request")
    return number_at(*e, {"dispatch", "cpu_ns_per_request"});
  if (k == "completion_cpu_ns_per_request")
    return number_at(*e, {"completion", "cpu_ns_per_request"});
  return std::nullopt;
}

std::string cpu_metric_name(const CpuMetricDef& metric, const std::string& name) {
  return std::string(cpu_entity_prefix(metric.entity)) + "." + name + "." + std::string(metric.key);
}

bool summary_has_problems(const ojson& summary) {
  if (!summary.contains("accounting"))
    return false;
  const ojson& a = summary["accounting"];
  const bool stuck = a.contains("stuck") && a["stuck"].is_array() && !a["stuck"].empty();
  const bool violations = a.contains("violations_total") && a["violations_total"].is_number() &&
                          a["violations_total"].get<double>() > 0;
  return stuck || violations;
}

}  // namespace irpsim::cli
