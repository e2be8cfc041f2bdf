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
  return std::nullopt;
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
