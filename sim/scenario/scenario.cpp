#include "sim/scenario/scenario.hpp"

namespace irpsim::scenario {

std::string_view role_name(DriverRole r) {
  switch (r) {
    case DriverRole::FILTER: return "filter";
    case DriverRole::FUNCTION: return "function";
    case DriverRole::BUS: return "bus";
  }
  return "?";
}

std::string_view dispatch_name(DispatchKind d) {
  switch (d) {
    case DispatchKind::SEQUENTIAL: return "sequential";
    case DispatchKind::PARALLEL: return "parallel";
    case DispatchKind::MANUAL: return "manual";
  }
  return "?";
}

std::uint64_t planned_requests(const Scenario& s) {
  if (s.stop.requests)
    return *s.stop.requests;
  std::uint64_t total = 0;
  for (const WorkloadSpec& w : s.workloads) {
    if (!w.trace || s.stop.time_s)
      return 0;
    total += w.trace->census.requests;
  }
  return total;
}

std::string_view workload_kind_name(WorkloadSpec::Kind k) {
  switch (k) {
    case WorkloadSpec::Kind::CLOSED: return "closed";
    case WorkloadSpec::Kind::OPEN_POISSON: return "open_poisson";
    case WorkloadSpec::Kind::OPEN_FIXED: return "open_fixed";
    case WorkloadSpec::Kind::TRACE_RECORDED: return "trace_recorded";
    case WorkloadSpec::Kind::TRACE_CLOSED: return "trace_closed";
  }
  return "?";
}

namespace {
bool zero(const DistributionSpec& d) {
  using K = DistributionSpec::Kind;
  switch (d.kind) {
    case K::CONSTANT: return d.value == 0;
    case K::UNIFORM: return d.min == 0 && d.max == 0;
    case K::EMPIRICAL:
      for (const auto& [value, weight] : d.table)
        if (value != 0)
          return false;
      return true;
    default: return false;  // exponential, normal, lognormal: a mean of 0 is refused by the parser
  }
}
}  // namespace

bool has_no_cpu_costs(const Scenario& s) {
  for (const DriverSpec& d : s.drivers) {
    if (!d.locks.empty())
      return false;
    for (const auto& p : d.policies)
      if (p && (!zero(p->dispatch_cpu) || !zero(p->completion_cpu)))
        return false;
    if (d.default_policy && (!zero(d.default_policy->dispatch_cpu) || !zero(d.default_policy->completion_cpu)))
      return false;
  }
  for (const DeviceSpec& v : s.devices)
    if (!zero(v.interrupt.isr) || !zero(v.interrupt.dpc))
      return false;
  return true;
}

}  // namespace irpsim::scenario
