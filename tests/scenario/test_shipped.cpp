// The shipped scenarios parse, and the parsed values are what the files say (defaults applied, references
// resolved). Also the mapping rules of the format that the shipped files do not exercise.
#include <catch2/catch.hpp>

#include <filesystem>

#include "helpers.hpp"

using namespace irpsim::test;
using namespace irpsim::scenario;
using irpsim::core::index_of;
using irpsim::core::RequestType;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(repo_path("scenarios")))
    if (entry.path().extension() == ".json" && entry.path().filename() != "irpsim.schema.json")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

Scenario parse(const json& document) { return parse_scenario(document, "test"); }

}  // namespace

TEST_CASE("every shipped scenario parses", "[shipped]") {
  const auto files = shipped_scenarios();
  CHECK(files.size() >= 6);
  for (const auto& file : files) {
    INFO(file);
    try {
      const Scenario s = load_scenario_file(file);
      CHECK(std::filesystem::path(file).stem() == s.name);  // results/<name>/ matches the file name
    } catch (const ScenarioError& e) {
      FAIL(e.what());
    }
  }
}

TEST_CASE("quickstart parses to the values it states", "[shipped]") {
  const Scenario s = load_scenario_file(repo_path("scenarios/quickstart.json"));
  CHECK(s.name == "quickstart");
  CHECK(s.seed == 42);
  REQUIRE(s.hosts.size() == 1);
  CHECK(s.hosts[0].cores == 4);
  CHECK(s.hosts[0].speed_flops == 1e9);  // the default: CPU costs run as written

  REQUIRE(s.devices.size() == 1);
  const DeviceSpec& ssd = s.devices[0];
  CHECK(ssd.channels == 8);
  const auto& read = ssd.latency[index_of(RequestType::READ)];
  CHECK(read.kind == DistributionSpec::Kind::LOGNORMAL);
  CHECK(read.mean == 80e-6);
  CHECK(read.stddev == 30e-6);
  const auto& ioctl = ssd.latency[index_of(RequestType::DEVICE_CONTROL)];  // from "default"
  CHECK(ioctl.kind == DistributionSpec::Kind::CONSTANT);
  CHECK(ioctl.value == 20e-6);
  CHECK(ssd.bandwidth_bytes_per_s == 2e9);
  CHECK(ssd.error_rate == 0.0001);
  CHECK(ssd.error_status == irpsim::core::STATUS_DEVICE_DATA_ERROR);

  REQUIRE(s.drivers.size() == 3);
  const DriverSpec& filter = s.drivers[0];
  CHECK(filter.role == DriverRole::FILTER);
  CHECK(is_constant(filter.dispatch_cpu, 1e-6));
  CHECK(is_constant(filter.completion_cpu, 500e-9));
  REQUIRE(filter.queues.size() == 1);
  CHECK(filter.queues[0].is_default);
  CHECK(filter.queues[0].dispatch == DispatchKind::PARALLEL);
  CHECK(filter.queues[0].max_presented == -1);
  CHECK(filter.queues[0].types == std::vector<RequestType>{RequestType::READ, RequestType::WRITE});
  REQUIRE(filter.policies[index_of(RequestType::READ)]);
  const PolicySpec& fwd = *filter.policies[index_of(RequestType::READ)];
  CHECK(fwd.action == PolicySpec::Action::FORWARD);
  CHECK_FALSE(fwd.status);
  CHECK(is_constant(fwd.dispatch_cpu, 1e-6));  // the driver's defaults, applied
  CHECK(is_constant(fwd.completion_cpu, 500e-9));
  CHECK_FALSE(filter.policies[index_of(RequestType::DEVICE_CONTROL)]);
  CHECK_FALSE(filter.default_policy);

  const DriverSpec& disk = s.drivers[1];
  CHECK(disk.role == DriverRole::FUNCTION);
  REQUIRE(disk.policies[index_of(RequestType::DEVICE_CONTROL)]);
  const PolicySpec& complete = *disk.policies[index_of(RequestType::DEVICE_CONTROL)];
  CHECK(complete.action == PolicySpec::Action::COMPLETE);
  CHECK(complete.status == irpsim::core::STATUS_SUCCESS);
  CHECK(complete.delay_s == 5e-6);
  CHECK_FALSE(complete.information_bytes);
  CHECK(is_constant(complete.dispatch_cpu, 2e-6));
  CHECK(is_constant(complete.completion_cpu, 1e-6));

  const DriverSpec& storport = s.drivers[2];
  CHECK(storport.role == DriverRole::BUS);
  REQUIRE(storport.default_policy);
  CHECK(is_constant(storport.default_policy->dispatch_cpu, 1e-6));
  CHECK(storport.queues[0].types.empty());

  REQUIRE(s.stacks.size() == 1);
  CHECK(s.stacks[0].layers == std::vector<std::size_t>{0, 1, 2});
  CHECK(s.stacks[0].device == 0);

  REQUIRE(s.workloads.size() == 1);
  const WorkloadSpec& app = s.workloads[0];
  CHECK(app.kind == WorkloadSpec::Kind::CLOSED);
  CHECK(app.queue_depth == 32);
  CHECK(app.think_time.kind == DistributionSpec::Kind::CONSTANT);
  CHECK(app.think_time.value == 0);
  REQUIRE(app.mix.size() == 3);
  CHECK(app.mix[0].weight == 70);
  CHECK(app.mix[0].size_bytes == 4096);
  CHECK(app.mix[2].type == RequestType::DEVICE_CONTROL);
  CHECK(app.mix[2].size_bytes == 0);
  CHECK(app.mix[2].ioctl_code == 0x2D1400);
  CHECK(app.offsets.pattern == OffsetSpec::Pattern::RANDOM);
  CHECK(app.offsets.span_bytes == (1ull << 30));
  CHECK(app.offsets.align_bytes == 4096);

  CHECK(s.stop.requests == 100000u);
  CHECK_FALSE(s.stop.time_s);
  CHECK(s.warmup.requests == 5000);
  CHECK(s.warmup.time_s == 0);
}

TEST_CASE("open workloads, sequential queues and stop times", "[shipped]") {
  const Scenario mm1 = load_scenario_file(repo_path("scenarios/mm1-poisson.json"));
  CHECK(mm1.workloads.at(0).kind == WorkloadSpec::Kind::OPEN_POISSON);
  CHECK(mm1.workloads.at(0).rate_per_s == 8000);
  CHECK(mm1.devices.at(0).latency[index_of(RequestType::READ)].kind == DistributionSpec::Kind::EXPONENTIAL);
  CHECK(mm1.devices.at(0).latency[index_of(RequestType::READ)].mean == 100e-6);
  const Scenario seq = load_scenario_file(repo_path("scenarios/queue-sequential.json"));
  CHECK(seq.drivers.at(0).queues.at(0).dispatch == DispatchKind::SEQUENTIAL);
  const Scenario par = load_scenario_file(repo_path("scenarios/queue-parallel.json"));
  CHECK(par.drivers.at(0).queues.at(0).dispatch == DispatchKind::PARALLEL);
}

// The CPU examples in subfolders (sweep/filter-cost, sweep/lock-knee, compare/interrupt-steering): their
// descriptions derive the expected figures from these costs, so a changed cost must change the description too.
TEST_CASE("the shipped CPU examples parse to the costs their descriptions add up", "[shipped]") {
  const auto per_request_cpu = [](const Scenario& s) {
    double total = 0;
    for (const DriverSpec& d : s.drivers) {
      CHECK(d.dispatch_cpu.kind == DistributionSpec::Kind::CONSTANT);
      CHECK(d.completion_cpu.kind == DistributionSpec::Kind::CONSTANT);
      total += d.dispatch_cpu.value + d.completion_cpu.value;
    }
    for (const DeviceSpec& dev : s.devices)
      total += dev.interrupt.isr.value + dev.interrupt.dpc.value;
    return total;
  };

  SECTION("sweep/filter-cost.json: 7us per request, 2us without the filter's dispatch") {
    const Scenario s = load_scenario_file(repo_path("scenarios/sweep/filter-cost.json"));
    REQUIRE(s.hosts.size() == 1);
    CHECK(s.hosts[0].cores == 8);  // the sweep's /hosts/0/cores
    CHECK(s.hosts[0].speed_flops == 1e9);
    REQUIRE(s.drivers.size() == 3);
    CHECK(is_constant(s.drivers[0].dispatch_cpu, 5e-6));  // the sweep's /drivers/0/cpu/dispatch
    CHECK(per_request_cpu(s) == Approx(7e-6));
    REQUIRE(s.devices.size() == 1);
    CHECK(s.devices[0].interrupt.submitting_core);
    CHECK(s.devices[0].channels == 128);
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].kind == WorkloadSpec::Kind::OPEN_POISSON);
    CHECK(s.workloads[0].rate_per_s == 1e6);
    CHECK(s.workloads[0].threads == 16);
    CHECK(s.stop.time_s == 20e-3);
  }

  SECTION("sweep/lock-knee.json: D = 4us under a 1us lock, completed in the dispatch callback") {
    const Scenario s = load_scenario_file(repo_path("scenarios/sweep/lock-knee.json"));
    REQUIRE(s.hosts.size() == 1);
    CHECK(s.hosts[0].cores == 4);  // the sweep's /hosts/0/cores
    REQUIRE(s.drivers.size() == 2);
    const DriverSpec& ramdisk = s.drivers[0];
    CHECK(is_constant(ramdisk.dispatch_cpu, 4e-6));
    REQUIRE(ramdisk.locks.size() == 1);
    CHECK(is_constant(ramdisk.locks[0].hold, 1e-6));
    CHECK(ramdisk.locks[0].dispatch);
    CHECK_FALSE(ramdisk.locks[0].completion);
    REQUIRE(ramdisk.default_policy);
    CHECK(ramdisk.default_policy->action == PolicySpec::Action::COMPLETE);
    CHECK(ramdisk.default_policy->delay_s == 0);
    CHECK(per_request_cpu(s) == Approx(4e-6));  // plus the 1us hold
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].kind == WorkloadSpec::Kind::CLOSED);
    CHECK(s.workloads[0].threads == 16);
    CHECK(s.workloads[0].queue_depth == 1);
  }

  SECTION("compare/interrupt-steering.json: 8us on the interrupt core, 3us of dispatch") {
    const Scenario s = load_scenario_file(repo_path("scenarios/compare/interrupt-steering.json"));
    REQUIRE(s.hosts.size() == 1);
    CHECK(s.hosts[0].cores == 4);
    REQUIRE(s.devices.size() == 1);
    const DeviceSpec& nvme = s.devices[0];
    CHECK(nvme.interrupt.submitting_core);  // the variant "one-core" patches in cores [0]
    double on_interrupt_core = nvme.interrupt.isr.value + nvme.interrupt.dpc.value;
    double dispatch = 0;
    for (const DriverSpec& d : s.drivers) {
      on_interrupt_core += d.completion_cpu.value;
      dispatch += d.dispatch_cpu.value;
    }
    CHECK(on_interrupt_core == Approx(8e-6));
    CHECK(dispatch == Approx(3e-6));
    CHECK(per_request_cpu(s) == Approx(11e-6));
    REQUIRE(s.workloads.size() == 1);
    CHECK(s.workloads[0].kind == WorkloadSpec::Kind::OPEN_POISSON);
    CHECK(s.workloads[0].rate_per_s == 150e3);
    CHECK(s.workloads[0].threads == 4);
    CHECK(s.workloads[0].cpus.empty());  // thread i on core i
    CHECK(s.stop.time_s == 100e-3);
  }
}

TEST_CASE("defaults and mappings", "[mapping]") {
  json doc = minimal_scenario();
  Scenario s = parse(doc);
  CHECK(s.seed == 1);
  CHECK(s.hosts[0].cores == 1);
  CHECK(s.hosts[0].speed_flops == 1e9);
  CHECK(s.devices[0].channels == 1);
  CHECK(s.devices[0].bandwidth_bytes_per_s == 0);
  CHECK(s.devices[0].error_rate == 0);
  CHECK(is_constant(s.drivers[0].dispatch_cpu, 0));
  CHECK(s.workloads[0].offsets.pattern == OffsetSpec::Pattern::SEQUENTIAL);
  CHECK(s.workloads[0].offsets.start_bytes == 0);
  CHECK(s.workloads[0].mix[0].weight == 1);

  doc = minimal_scenario().patch(json::parse(R"([
    {"op":"add","path":"/seed","value":18446744073709551615},
    {"op":"add","path":"/hosts/0/cores","value":8.0},
    {"op":"add","path":"/devices/0/errors","value":{"rate":0.5}},
    {"op":"add","path":"/drivers/0/cpu","value":{"dispatch":"3us"}},
    {"op":"add","path":"/drivers/0/queues/-","value":{"name":"internal","types":["internal_ioctl_others"],
                                                        "dispatch":"sequential","allow_zero_length":true}},
    {"op":"add","path":"/drivers/0/queues/0/max_presented","value":4},
    {"op":"add","path":"/drivers/0/policies/write","value":{"action":"complete","status":"0xC000009C",
                                                           "information":"1KiB","cpu":{"completion":"7us"}}},
    {"op":"replace","path":"/workloads/0","value":{"name":"app","stack":"disk","type":"open","arrival":"fixed",
        "rate":"1.5M/s","mix":[{"type":"internal_ioctl_others","size":"0B","ioctl_code":2236416}]}},
    {"op":"replace","path":"/stop","value":{"time":"10ms"}},
    {"op":"add","path":"/warmup","value":{"time":"1ms","requests":10}}])"));
  s = parse(doc);
  CHECK(s.seed == 18446744073709551615ull);
  CHECK(s.hosts[0].cores == 8);
  CHECK(s.devices[0].error_status == irpsim::core::STATUS_DEVICE_DATA_ERROR);
  const DriverSpec& fdo = s.drivers[0];
  CHECK(fdo.queues[0].max_presented == 4);
  CHECK(fdo.queues[1].types == std::vector<RequestType>{RequestType::INTERNAL_DEVICE_CONTROL});  // dispatching type
  CHECK(fdo.queues[1].dispatch == DispatchKind::SEQUENTIAL);
  CHECK(fdo.queues[1].allow_zero_length);
  const PolicySpec& write = *fdo.policies[index_of(RequestType::WRITE)];
  CHECK(write.status == 0xC000009Cu);
  CHECK(write.information_bytes == 1024u);
  CHECK(is_constant(write.dispatch_cpu, 3e-6));    // driver default
  CHECK(is_constant(write.completion_cpu, 7e-6));  // policy override
  CHECK(write.delay_s == 0);
  CHECK(is_constant(fdo.default_policy->dispatch_cpu, 3e-6));
  CHECK(is_constant(fdo.default_policy->completion_cpu, 0));
  const WorkloadSpec& w = s.workloads[0];
  CHECK(w.kind == WorkloadSpec::Kind::OPEN_FIXED);
  CHECK(w.rate_per_s == 1.5e6);
  CHECK(w.mix[0].type == RequestType::INTERNAL_DEVICE_CONTROL_OTHERS);
  CHECK(w.mix[0].ioctl_code == 0x222000);
  CHECK_FALSE(s.stop.requests);
  CHECK(s.stop.time_s == 10e-3);
  CHECK(s.warmup.time_s == 1e-3);
  CHECK(s.warmup.requests == 10);
}

TEST_CASE("distributions", "[mapping]") {
  json doc = minimal_scenario();
  doc["devices"][0]["latency"] = json::parse(R"({
    "read": {"dist": "uniform", "min": "10us", "max": "20us"},
    "write": {"dist": "normal", "mean": "50us", "stddev": "5us"},
    "ioctl": {"dist": "empirical", "table": [["50us", 3], ["200us", 1.5]]},
    "internal_ioctl": {"dist": "constant", "value": "1ms"},
    "internal_ioctl_others": "0"})");
  doc["workloads"][0]["think_time"] = json::parse(R"({"dist": "exponential", "mean": "2ms"})");
  const Scenario s = parse(doc);
  const auto& lat = s.devices[0].latency;
  CHECK(lat[0].kind == DistributionSpec::Kind::UNIFORM);
  CHECK(lat[0].min == 10e-6);
  CHECK(lat[0].max == 20e-6);
  CHECK(lat[1].kind == DistributionSpec::Kind::NORMAL);
  CHECK(lat[1].stddev == 5e-6);
  CHECK(lat[2].kind == DistributionSpec::Kind::EMPIRICAL);
  CHECK(lat[2].table == std::vector<std::pair<double, double>>{{50e-6, 3}, {200e-6, 1.5}});
  CHECK(lat[3].value == 1e-3);
  CHECK(lat[4].kind == DistributionSpec::Kind::CONSTANT);
  CHECK(lat[4].value == 0);
  CHECK(s.workloads[0].think_time.kind == DistributionSpec::Kind::EXPONENTIAL);
  CHECK(s.workloads[0].think_time.mean == 2e-3);
}

TEST_CASE("names of enumerations", "[mapping]") {
  CHECK(role_name(DriverRole::FILTER) == "filter");
  CHECK(role_name(DriverRole::FUNCTION) == "function");
  CHECK(role_name(DriverRole::BUS) == "bus");
  CHECK(dispatch_name(DispatchKind::SEQUENTIAL) == "sequential");
  CHECK(dispatch_name(DispatchKind::PARALLEL) == "parallel");
  CHECK(workload_kind_name(WorkloadSpec::Kind::CLOSED) == "closed");
  CHECK(workload_kind_name(WorkloadSpec::Kind::OPEN_POISSON) == "open_poisson");
  CHECK(workload_kind_name(WorkloadSpec::Kind::OPEN_FIXED) == "open_fixed");
}
