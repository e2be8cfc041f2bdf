// The keys of the CPU execution model (scenarios/README.md, "Where CPU work runs"): driver and policy `cpu` costs as
// durations or distributions, a driver's spin `locks`, a device's `interrupt`, and a workload's submitting `host`,
// `threads` and `cpus`. One document using every one of them parses to the values it states, the defaults apply
// when they are left out, and no value of any JSON kind anywhere in that document makes the parser throw anything
// but a ScenarioError. The malformed cases are in malformed_format_cases.cpp and malformed_range_cases.cpp.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>

#include "helpers.hpp"

using namespace irpsim::test;
using namespace irpsim::scenario;
using irpsim::core::index_of;
using irpsim::core::RequestType;
using Kind = DistributionSpec::Kind;

namespace {

constexpr const char* kCpuDocument = "tests/scenario/cases/cpu-keys.json";

Scenario parse_file() {
  try {
    return load_scenario_file(repo_path(kCpuDocument));
  } catch (const ScenarioError& e) {
    FAIL(e.what());
  }
  return {};
}

const PolicySpec& policy(const DriverSpec& d, RequestType t) {
  REQUIRE(d.policies[index_of(t)]);
  return *d.policies[index_of(t)];
}

}  // namespace

TEST_CASE("a document using every CPU key parses to the values it states", "[cpu]") {
  const Scenario s = parse_file();
  REQUIRE(s.hosts.size() == 3);
  REQUIRE(s.devices.size() == 3);
  REQUIRE(s.drivers.size() == 5);
  REQUIRE(s.stacks.size() == 3);
  REQUIRE(s.workloads.size() == 3);
  const DriverSpec& flt = s.drivers[0];
  const DriverSpec& fdo = s.drivers[1];
  const DriverSpec& pdo = s.drivers[2];

  SECTION("driver cpu costs: a distribution and a duration") {
    CHECK(flt.dispatch_cpu.kind == Kind::LOGNORMAL);
    CHECK(flt.dispatch_cpu.mean == 3e-6);
    CHECK(flt.dispatch_cpu.stddev == 1e-6);
    CHECK(is_constant(flt.completion_cpu, 500e-9));
    CHECK(is_constant(fdo.dispatch_cpu, 0));  // no "cpu": zero costs
    CHECK(is_constant(fdo.completion_cpu, 0));
    CHECK(is_constant(pdo.dispatch_cpu, 1e-6));  // {"dist": "constant"}
    CHECK(is_constant(pdo.completion_cpu, 0));   // a key left out
  }

  SECTION("policy cpu costs override the driver's key by key") {
    REQUIRE(flt.default_policy);
    const PolicySpec& fallback = *flt.default_policy;  // no "cpu": both the driver's
    CHECK(fallback.dispatch_cpu.kind == Kind::LOGNORMAL);
    CHECK(fallback.dispatch_cpu.mean == 3e-6);
    CHECK(fallback.dispatch_cpu.stddev == 1e-6);
    CHECK(is_constant(fallback.completion_cpu, 500e-9));
    const PolicySpec& read = policy(flt, RequestType::READ);  // completion overridden by a distribution
    CHECK(read.dispatch_cpu.kind == Kind::LOGNORMAL);
    CHECK(read.dispatch_cpu.mean == 3e-6);
    CHECK(read.completion_cpu.kind == Kind::NORMAL);
    CHECK(read.completion_cpu.mean == 2e-6);
    CHECK(read.completion_cpu.stddev == 500e-9);
    const PolicySpec& write = policy(flt, RequestType::WRITE);  // dispatch overridden by a duration
    CHECK(is_constant(write.dispatch_cpu, 4e-6));
    CHECK(is_constant(write.completion_cpu, 500e-9));
    REQUIRE(fdo.default_policy);
    const DistributionSpec& table = fdo.default_policy->dispatch_cpu;
    CHECK(table.kind == Kind::EMPIRICAL);
    CHECK(table.table == std::vector<std::pair<double, double>>{{1e-6, 3}, {10e-6, 1}});
    CHECK(is_constant(fdo.default_policy->completion_cpu, 0));
    REQUIRE(pdo.default_policy);
    CHECK(is_constant(pdo.default_policy->dispatch_cpu, 1e-6));
  }

  SECTION("locks: names, hold costs and steps, in file order") {
    REQUIRE(flt.locks.size() == 2);
    CHECK(flt.locks[0].name == "state");
    CHECK(is_constant(flt.locks[0].hold, 1e-6));
    CHECK(flt.locks[0].dispatch);
    CHECK_FALSE(flt.locks[0].completion);
    CHECK(flt.locks[1].name == "stats");
    CHECK(flt.locks[1].hold.kind == Kind::UNIFORM);
    CHECK(flt.locks[1].hold.min == 100e-9);
    CHECK(flt.locks[1].hold.max == 300e-9);
    CHECK(flt.locks[1].dispatch);  // steps in any order
    CHECK(flt.locks[1].completion);
    REQUIRE(fdo.locks.size() == 1);  // the same name in another driver
    CHECK(fdo.locks[0].name == "state");
    CHECK(is_constant(fdo.locks[0].hold, 2e-6));
    CHECK_FALSE(fdo.locks[0].dispatch);
    CHECK(fdo.locks[0].completion);
    CHECK(pdo.locks.empty());
  }

  SECTION("interrupts: costs, cores, and the host of the first stack's bus driver") {
    const DeviceSpec& ssd0 = s.devices[0];
    CHECK(is_constant(ssd0.interrupt.isr, 2e-6));
    CHECK(ssd0.interrupt.dpc.kind == Kind::EXPONENTIAL);
    CHECK(ssd0.interrupt.dpc.mean == 5e-6);
    CHECK_FALSE(ssd0.interrupt.submitting_core);
    CHECK(ssd0.interrupt.cores == std::vector<int>{7, 1});
    // "disk" (bottom pdo on io, 8 cores) comes before "third" (t on cpu0, 4 cores, where core 7 does not exist).
    CHECK(ssd0.host == 2);
    const DeviceSpec& ssd1 = s.devices[1];
    CHECK(is_constant(ssd1.interrupt.isr, 0));
    CHECK(ssd1.interrupt.dpc.kind == Kind::UNIFORM);
    CHECK(ssd1.interrupt.dpc.min == 1e-6);
    CHECK(ssd1.interrupt.dpc.max == 3e-6);
    CHECK(ssd1.interrupt.submitting_core);
    CHECK(ssd1.interrupt.cores.empty());
    CHECK(ssd1.host == 1);  // m on cpu1
    const DeviceSpec& spare = s.devices[2];  // no interrupt, no stack
    CHECK(is_constant(spare.interrupt.isr, 0));
    CHECK(is_constant(spare.interrupt.dpc, 0));
    CHECK(spare.interrupt.submitting_core);
    CHECK(spare.interrupt.cores.empty());
    CHECK(spare.host == 0);
  }

  SECTION("workloads: host, threads and cpus") {
    const WorkloadSpec& app = s.workloads[0];  // all defaults
    CHECK(app.host == 1);                      // flt, the top of "disk", is on cpu1
    CHECK(app.threads == 1);
    CHECK(app.cpus.empty());
    const WorkloadSpec& server = s.workloads[1];
    CHECK(server.host == 2);  // "io", named
    CHECK(server.threads == 8);
    CHECK(server.cpus == std::vector<int>{6, 0, 7});
    const WorkloadSpec& side = s.workloads[2];
    CHECK(side.host == 1);  // m, the top (and bottom) of "second", is on cpu1
    CHECK(side.threads == 3);
    CHECK(side.cpus == std::vector<int>{1});
  }
}

TEST_CASE("the CPU keys default to zero costs, no locks, the submitting core and one thread", "[cpu]") {
  const Scenario s = parse_scenario(minimal_scenario(), "test");
  for (const DriverSpec& d : s.drivers) {
    INFO(d.name);
    CHECK(is_constant(d.dispatch_cpu, 0));
    CHECK(is_constant(d.completion_cpu, 0));
    CHECK(d.locks.empty());
    REQUIRE(d.default_policy);
    CHECK(is_constant(d.default_policy->dispatch_cpu, 0));
    CHECK(is_constant(d.default_policy->completion_cpu, 0));
  }
  const DeviceSpec& ssd = s.devices[0];
  CHECK(is_constant(ssd.interrupt.isr, 0));
  CHECK(is_constant(ssd.interrupt.dpc, 0));
  CHECK(ssd.interrupt.submitting_core);
  CHECK(ssd.interrupt.cores.empty());
  CHECK(ssd.host == 0);
  const WorkloadSpec& w = s.workloads[0];
  CHECK(w.host == 0);
  CHECK(w.threads == 1);
  CHECK(w.cpus.empty());
}

TEST_CASE("default hosts follow the stacks: a workload's top driver, a device's first bus driver", "[cpu]") {
  json doc = minimal_scenario().patch(json::parse(R"([
    {"op":"add","path":"/hosts/-","value":{"name":"app","cores":4}},
    {"op":"add","path":"/hosts/-","value":{"name":"io","cores":2}},
    {"op":"replace","path":"/drivers/0/host","value":"app"},
    {"op":"replace","path":"/drivers/1/host","value":"io"},
    {"op":"add","path":"/devices/0/interrupt","value":{"cores":[1]}},
    {"op":"add","path":"/workloads/0/cpus","value":[3, 2]},
    {"op":"add","path":"/workloads/-","value":{"name":"other","stack":"disk","host":"cpu0","type":"closed",
                                               "queue_depth":1,"mix":[{"type":"read","size":"4KiB"}]}}])"));
  Scenario s;
  try {
    s = parse_scenario(doc, "test");
  } catch (const ScenarioError& e) {
    FAIL(e.what());
  }
  CHECK(s.devices[0].host == 2);  // pdo's
  CHECK(s.devices[0].interrupt.cores == std::vector<int>{1});
  CHECK(s.workloads[0].host == 1);  // fdo's
  CHECK(s.workloads[0].cpus == std::vector<int>{3, 2});
  CHECK(s.workloads[1].host == 0);  // named, though fdo is elsewhere

  // The same cores on the single-core host cpu0 are errors, at each index out of range.
  doc["hosts"][1]["cores"] = 1;
  doc["hosts"][2]["cores"] = 1;
  const auto issues = issues_of(doc);
  INFO(listing(issues));
  CHECK(issues.size() == 3);
  CHECK(find_issue(issues, "/devices/0/interrupt/cores/0",
                   {"expected a core of host \"io\" (only core 0; the host of driver \"pdo\", at the bottom of stack "
                    "\"disk\", the first stack on device \"ssd0\"), found 1"}));
  CHECK(find_issue(issues, "/workloads/0/cpus/0",
                   {"expected a core of host \"app\" (only core 0; the host of driver \"fdo\", at the top of stack "
                    "\"disk\", when the workload names no \"host\"), found 3"}));
  CHECK(find_issue(issues, "/workloads/0/cpus/1", {"expected a core of host \"app\" (only core 0", "found 2"}));
}

TEST_CASE("trace workloads take host, threads and cpus too", "[cpu]") {
  json doc = minimal_scenario();
  doc["hosts"][0]["cores"] = 2;
  doc["workloads"][0] = {{"name", "replay"},
                         {"stack", "disk"},
                         {"type", "trace"},
                         {"host", "cpu0"},
                         {"threads", 65536},
                         {"cpus", {1}},
                         {"trace", {{"file", repo_path("scenarios/traces/sample.csv")}, {"format", "csv"}}}};
  Scenario s;
  try {
    s = parse_scenario(doc, "test");
  } catch (const ScenarioError& e) {
    FAIL(e.what());
  }
  CHECK(s.workloads[0].threads == 65536);
  CHECK(s.workloads[0].cpus == std::vector<int>{1});
}

TEST_CASE("every value of the CPU document replaced by every kind of value", "[cpu][robustness]") {
  std::ifstream in(repo_path(kCpuDocument));
  REQUIRE(in);
  const json original = json::parse(in);
  const std::vector<json> replacements{
      nullptr, true, 0, -1, 1.5, 7, 65537, 1e308, 18446744073709551615ull, "", "x", "0", "1us", "submitting",
      "dispatch", "completion", "io", "cpu9", json::array(), json::object(), json::array({0, 0}), json::array({-1}),
      json::array({"dispatch", "dispatch"}), json::object({{"dist", "exponential"}}),
      json::object({{"dist", "uniform"}, {"min", "2us"}, {"max", "1us"}})};
  const ReplacementOutcome outcome = replace_every_value(original, replacements);
  for (const std::string& failure : outcome.failures)
    UNSCOPED_INFO(failure);
  CHECK(outcome.failures.empty());
  CHECK(outcome.accepted > 0);
}
