#include "scenario_builder.hpp"

#include <algorithm>

namespace irpsim::test {

using namespace scenario;

DistributionSpec constant(double v) {
  DistributionSpec d;
  d.kind = DistributionSpec::Kind::CONSTANT;
  d.value = v;
  return d;
}

DistributionSpec exponential(double mean) {
  DistributionSpec d;
  d.kind = DistributionSpec::Kind::EXPONENTIAL;
  d.mean = mean;
  return d;
}

Builder::Builder(int layers, int cores) {
  s.name = "engine-test";
  s.seed = 12345;
  s.hosts.push_back(HostSpec{"cpu", cores, 1e9});
  DeviceSpec dev;
  dev.name = "dev";
  dev.latency.fill(constant(100e-6));
  s.devices.push_back(dev);
  StackSpec stack;
  stack.name = "stack";
  for (int i = 0; i < layers; ++i) {
    DriverSpec d;
    d.name = "driver" + std::to_string(i);
    d.role = i + 1 == layers ? DriverRole::BUS : (i == 0 && layers > 2 ? DriverRole::FILTER : DriverRole::FUNCTION);
    QueueSpec q;
    q.name = "default";
    q.is_default = true;
    d.queues.push_back(q);
    d.default_policy = PolicySpec{};
    s.drivers.push_back(d);
    stack.layers.push_back(static_cast<std::size_t>(i));
  }
  s.stacks.push_back(stack);
  WorkloadSpec w;
  w.name = "load";
  w.mix.push_back(MixEntry{core::RequestType::READ, 4096, 1, 0});
  w.think_time = constant(0);
  s.workloads.push_back(w);
  s.stop.requests = 1000;
}

Builder& Builder::device(DistributionSpec latency, int channels) {
  s.devices[0].latency.fill(latency);
  s.devices[0].channels = channels;
  return *this;
}

Builder& Builder::open_poisson(double rate) {
  s.workloads[0].kind = WorkloadSpec::Kind::OPEN_POISSON;
  s.workloads[0].rate_per_s = rate;
  return *this;
}

Builder& Builder::open_fixed(double rate) {
  s.workloads[0].kind = WorkloadSpec::Kind::OPEN_FIXED;
  s.workloads[0].rate_per_s = rate;
  return *this;
}

Builder& Builder::closed(std::uint32_t queue_depth, DistributionSpec think) {
  s.workloads[0].kind = WorkloadSpec::Kind::CLOSED;
  s.workloads[0].queue_depth = queue_depth;
  s.workloads[0].think_time = think;
  return *this;
}

Builder& Builder::requests(std::uint64_t n, std::uint64_t warmup) {
  s.stop.requests = n;
  s.warmup.requests = warmup;
  return *this;
}

Builder& Builder::seed(std::uint64_t value) {
  s.seed = value;
  return *this;
}

Measured measure(const engine::SimulationResult& result, std::size_t workload) {
  const auto& w = result.recorder.workloads().at(workload);
  Measured m;
  double sum_ns = 0;
  std::uint64_t min_ns = UINT64_MAX, max_ns = 0, window_completions = 0;
  for (const auto& t : w.per_type) {
    if (t.latency.count == 0)
      continue;
    m.requests += t.latency.count;
    window_completions += t.window_completions;
    sum_ns += t.latency.sum_ns;
    min_ns = std::min(min_ns, t.latency.min_ns);
    max_ns = std::max(max_ns, t.latency.max_ns);
  }
  if (m.requests == 0)
    return m;
  m.mean_latency_s = sum_ns / static_cast<double>(m.requests) * 1e-9;
  m.min_latency_s = static_cast<double>(min_ns) * 1e-9;
  m.max_latency_s = static_cast<double>(max_ns) * 1e-9;
  m.throughput_per_s =
      static_cast<double>(window_completions) / (w.last_measured_completion_s - w.first_measured_issue_s);
  return m;
}

}  // namespace irpsim::test
