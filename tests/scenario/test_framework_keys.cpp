// The framework-fidelity keys (verifier, events, cancelable devices, remote targets, manual queues, the split,
// fan_out and route actions, send options, workload cancellation): one document using every one of them parses to
// the values it states, the defaults apply when they are left out, events are sorted stably by time, and no value of
// any JSON kind anywhere in that document makes the parser throw anything but a ScenarioError.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "helpers.hpp"

using namespace irpsim::test;
using namespace irpsim::scenario;
using irpsim::core::index_of;
using irpsim::core::RequestType;

namespace {

constexpr const char* kFullDocument = "tests/scenario/cases/framework-keys.json";

json full_document() {
  std::ifstream in(repo_path(kFullDocument));
  REQUIRE(in);
  return json::parse(in);
}

const PolicySpec& policy(const DriverSpec& d, RequestType t) {
  REQUIRE(d.policies[index_of(t)]);
  return *d.policies[index_of(t)];
}

using Action = PolicySpec::Action;
using Op = TargetEventSpec::Op;
using SentIo = TargetEventSpec::SentIo;

}  // namespace

TEST_CASE("a document using every framework key parses to the values it states", "[framework]") {
  Scenario s;
  try {
    s = load_scenario_file(repo_path(kFullDocument));
  } catch (const ScenarioError& e) {
    FAIL(e.what());
  }
  CHECK(s.verifier);

  REQUIRE(s.devices.size() == 3);
  CHECK(s.devices[0].cancelable);
  CHECK_FALSE(s.devices[1].cancelable);
  CHECK_FALSE(s.devices[2].cancelable);  // the default

  REQUIRE(s.stacks.size() == 3);
  REQUIRE(s.drivers.size() == 6);
  const DriverSpec& filt = s.drivers[0];
  const DriverSpec& fdo = s.drivers[1];
  const DriverSpec& pdo = s.drivers[2];
  const DriverSpec& mfdo = s.drivers[3];

  SECTION("remote targets") {
    CHECK(filt.remote_targets.empty());
    REQUIRE(fdo.remote_targets.size() == 2);
    CHECK(fdo.remote_targets[0].name == "mirror");
    CHECK(fdo.remote_targets[0].stack == 1);
    CHECK(fdo.remote_targets[1].name == "spare");
    CHECK(fdo.remote_targets[1].stack == 2);
    REQUIRE(pdo.remote_targets.size() == 1);  // a bus driver may have remote targets
    CHECK(pdo.remote_targets[0].name == "spare2");
    CHECK(pdo.remote_targets[0].stack == 2);
    REQUIRE(mfdo.remote_targets.size() == 1);
    CHECK(mfdo.remote_targets[0].stack == 2);
  }

  SECTION("manual queues") {
    REQUIRE(fdo.queues.size() == 3);
    const QueueSpec& control = fdo.queues[1];
    CHECK(control.dispatch == DispatchKind::MANUAL);
    CHECK(control.retrieve_interval_s == 50e-6);
    CHECK(control.max_retrieved == 4);
    CHECK(control.max_presented == -1);
    CHECK(control.types == std::vector<RequestType>{RequestType::DEVICE_CONTROL});
    CHECK(fdo.queues[0].dispatch == DispatchKind::PARALLEL);
    CHECK(fdo.queues[0].retrieve_interval_s == 0);  // not manual: left at their defaults
    CHECK(fdo.queues[0].max_retrieved == -1);
    CHECK(fdo.queues[2].dispatch == DispatchKind::SEQUENTIAL);
    REQUIRE(mfdo.queues.size() == 1);
    CHECK(mfdo.queues[0].dispatch == DispatchKind::MANUAL);
    CHECK(mfdo.queues[0].is_default);
    CHECK(mfdo.queues[0].retrieve_interval_s == 100e-6);
    CHECK(mfdo.queues[0].max_retrieved == -1);  // unlimited by default
    CHECK(dispatch_name(DispatchKind::MANUAL) == "manual");
  }

  SECTION("fan_out: targets, mode, quorum, send options, cancel_after") {
    const PolicySpec& p = policy(fdo, RequestType::READ);
    CHECK(p.action == Action::FAN_OUT);
    CHECK(p.targets == std::vector<std::size_t>{kLocalTarget, 1});
    CHECK(p.fan_out_mode == PolicySpec::FanOutMode::RESEND);
    CHECK(p.complete_on == PolicySpec::CompleteOn::QUORUM);
    CHECK(p.quorum == 2);
    CHECK(p.send.ignore_target_state);
    CHECK_FALSE(p.send.synchronous);
    CHECK_FALSE(p.send.send_and_forget);
    CHECK_FALSE(p.send.timeout_s);
    CHECK(p.send.completion_routine);
    CHECK(p.cancel_after_s == 1e-3);
    CHECK(p.status == irpsim::core::STATUS_SUCCESS);
    CHECK(is_constant(p.dispatch_cpu, 2e-6));    // the driver's
    CHECK(is_constant(p.completion_cpu, 3e-6));  // the policy's
    CHECK_FALSE(p.create_request);
    CHECK(p.retry_attempts == 0);
    CHECK(p.mistake == Mistake::NONE);
  }

  SECTION("split: target, chunk, order, synchronous send with a zero timeout") {
    const PolicySpec& p = policy(fdo, RequestType::WRITE);
    CHECK(p.action == Action::SPLIT);
    CHECK(p.targets == std::vector<std::size_t>{1});
    CHECK(p.chunk_bytes == 16384);
    CHECK(p.order == PolicySpec::Order::SERIAL);
    CHECK(p.send.synchronous);
    REQUIRE(p.send.timeout_s);
    CHECK(*p.send.timeout_s == 0);  // the flag with no timer
    CHECK(p.cancel_after_s == 2e-3);
    CHECK_FALSE(p.status);
  }

  SECTION("route: targets, stripe, create, retry, every send option") {
    const PolicySpec& p = policy(fdo, RequestType::DEVICE_CONTROL);
    CHECK(p.action == Action::ROUTE);
    CHECK(p.targets == std::vector<std::size_t>{1, 2, kLocalTarget});
    CHECK(p.route_by == PolicySpec::RouteBy::STRIPE);
    CHECK(p.stripe_bytes == 65536);
    CHECK(p.create_request);
    CHECK(p.retry_attempts == 3);
    CHECK(p.retry_delay_s == 10e-6);
    CHECK_FALSE(p.send.synchronous);
    CHECK_FALSE(p.send.send_and_forget);
    CHECK_FALSE(p.send.ignore_target_state);
    REQUIRE(p.send.timeout_s);
    CHECK(*p.send.timeout_s == 250e-6);
    CHECK(p.send.completion_routine);
    CHECK(p.cancel_after_s == 500e-6);
  }

  SECTION("forward: remote target, rewrite, retry without delay, mistake") {
    const PolicySpec& p = policy(fdo, RequestType::INTERNAL_DEVICE_CONTROL);
    CHECK(p.action == Action::FORWARD);
    CHECK(p.targets == std::vector<std::size_t>{2});
    CHECK(p.send.send_and_forget);
    CHECK_FALSE(p.send.completion_routine);
    CHECK(p.send.timeout_s == 1e-3);
    CHECK_FALSE(p.create_request);
    CHECK(p.rewrite_to == RequestType::DEVICE_CONTROL);
    CHECK(p.cancel_after_s == 3e-3);
    CHECK(p.retry_attempts == 1);
    CHECK(p.retry_delay_s == 0);
    CHECK(p.mistake == Mistake::COMPLETE_TWICE);
  }

  SECTION("complete keeps its keys") {
    REQUIRE(fdo.default_policy);
    const PolicySpec& p = *fdo.default_policy;
    CHECK(p.action == Action::COMPLETE);
    CHECK(p.status == irpsim::core::STATUS_NOT_SUPPORTED);
    CHECK(p.delay_s == 5e-6);
    CHECK(p.information_bytes == 0u);
    CHECK(p.targets == std::vector<std::size_t>{kLocalTarget});  // untouched
  }

  SECTION("the filter: defaults of each action") {
    REQUIRE(filt.default_policy);
    const PolicySpec& fwd = *filt.default_policy;
    CHECK(fwd.action == Action::FORWARD);
    CHECK(fwd.targets == std::vector<std::size_t>{kLocalTarget});
    CHECK(fwd.mistake == Mistake::RESEND_WHILE_OUTSTANDING);
    CHECK_FALSE(fwd.cancel_after_s);
    CHECK_FALSE(fwd.rewrite_to);
    const PolicySpec& fan = policy(filt, RequestType::READ);
    CHECK(fan.action == Action::FAN_OUT);
    CHECK(fan.complete_on == PolicySpec::CompleteOn::FIRST);
    CHECK(fan.fan_out_mode == PolicySpec::FanOutMode::PARALLEL);
    CHECK(fan.quorum == 0);
    const PolicySpec& route = policy(filt, RequestType::WRITE);
    CHECK(route.action == Action::ROUTE);
    CHECK(route.route_by == PolicySpec::RouteBy::LEAST_OUTSTANDING);
    CHECK(route.stripe_bytes == 0);
    CHECK_FALSE(route.create_request);
    const PolicySpec& split = policy(filt, RequestType::INTERNAL_DEVICE_CONTROL);
    CHECK(split.action == Action::SPLIT);
    CHECK(split.targets == std::vector<std::size_t>{kLocalTarget});
    CHECK(split.chunk_bytes == 4096);
    CHECK(split.order == PolicySpec::Order::PARALLEL);
  }

  SECTION("a bus driver: retry to its hardware, send options to its remote targets") {
    REQUIRE(pdo.default_policy);
    CHECK(pdo.default_policy->targets == std::vector<std::size_t>{kLocalTarget});
    CHECK(pdo.default_policy->retry_attempts == 2);
    CHECK(pdo.default_policy->retry_delay_s == 1e-6);
    const PolicySpec& read = policy(pdo, RequestType::READ);
    CHECK(read.targets == std::vector<std::size_t>{1});
    CHECK(read.send.synchronous);
    CHECK(read.mistake == Mistake::NEVER_COMPLETE);
    const PolicySpec& write = policy(pdo, RequestType::WRITE);
    CHECK(write.action == Action::FAN_OUT);
    CHECK(write.targets == std::vector<std::size_t>{1});
    CHECK(write.complete_on == PolicySpec::CompleteOn::ALL);
    CHECK(write.fan_out_mode == PolicySpec::FanOutMode::PARALLEL);
  }

  SECTION("workload cancellation") {
    REQUIRE(s.workloads.size() == 2);
    CHECK(s.workloads[0].cancel_share == 0.25);
    CHECK(s.workloads[0].cancel_after_s == 500e-6);
    CHECK(s.workloads[1].cancel_share == 0);
    CHECK(s.workloads[1].cancel_after_s == 0);
  }

  SECTION("events, stably sorted by time") {
    struct Expected {
      double at;
      std::size_t driver, target;
      Op op;
      SentIo sent_io;
      bool wait;
    };
    // File order: 0 fdo/mirror stop 2ms, 1 fdo stop 1ms, 2 fdo/spare purge 2ms, 3 filt purge 0, 4 fdo/mirror start
    // 3ms, 5 mfdo/spare close 2ms, 6 fdo remove 5ms, 7 filt stop 1ms.
    const std::vector<Expected> expected{
        {0, 0, kLocalTarget, Op::PURGE, SentIo::CANCEL, true},          // 3
        {1e-3, 1, kLocalTarget, Op::STOP, SentIo::CANCEL, true},        // 1
        {1e-3, 0, kLocalTarget, Op::STOP, SentIo::WAIT, true},          // 7
        {2e-3, 1, 1, Op::STOP, SentIo::LEAVE_PENDING, true},            // 0
        {2e-3, 1, 2, Op::PURGE, SentIo::CANCEL, false},                 // 2
        {2e-3, 3, 1, Op::CLOSE, SentIo::CANCEL, true},                  // 5
        {3e-3, 1, 1, Op::START, SentIo::CANCEL, true},                  // 4
        {5e-3, 1, kLocalTarget, Op::REMOVE, SentIo::CANCEL, true},      // 6
    };
    REQUIRE(s.events.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      INFO("event " << i);
      CHECK(s.events[i].at_s == expected[i].at);
      CHECK(s.events[i].driver == expected[i].driver);
      CHECK(s.events[i].target == expected[i].target);
      CHECK(s.events[i].op == expected[i].op);
      CHECK(s.events[i].sent_io == expected[i].sent_io);
      CHECK(s.events[i].wait == expected[i].wait);
    }
  }
}

TEST_CASE("the framework keys default to the v1 behaviour", "[framework]") {
  const Scenario s = parse_scenario(minimal_scenario(), "test");
  CHECK_FALSE(s.verifier);
  CHECK(s.events.empty());
  CHECK_FALSE(s.devices[0].cancelable);
  CHECK(s.drivers[0].remote_targets.empty());
  CHECK(s.drivers[0].queues[0].retrieve_interval_s == 0);
  CHECK(s.drivers[0].queues[0].max_retrieved == -1);
  const PolicySpec& p = *s.drivers[0].default_policy;
  CHECK(p.targets == std::vector<std::size_t>{kLocalTarget});
  CHECK_FALSE(p.send.synchronous);
  CHECK_FALSE(p.send.send_and_forget);
  CHECK_FALSE(p.send.ignore_target_state);
  CHECK_FALSE(p.send.timeout_s);
  CHECK(p.send.completion_routine);
  CHECK_FALSE(p.create_request);
  CHECK_FALSE(p.rewrite_to);
  CHECK_FALSE(p.cancel_after_s);
  CHECK(p.retry_attempts == 0);
  CHECK(p.mistake == Mistake::NONE);
  CHECK(s.workloads[0].cancel_share == 0);
  CHECK(s.workloads[0].cancel_after_s == 0);
}

TEST_CASE("events at equal times keep their file order", "[framework]") {
  json doc = minimal_scenario();
  doc["events"] = json::array();
  const char* ops[] = {"start", "purge", "remove", "start", "purge"};
  const Op op_values[] = {Op::START, Op::PURGE, Op::REMOVE, Op::START, Op::PURGE};
  for (int i = 0; i < 40; ++i)  // enough for std::sort to show instability; stable_sort keeps file order
    doc["events"].push_back({{"at", i % 3 == 0 ? "1ms" : "0"}, {"driver", "fdo"}, {"op", ops[i % 5]},
                             {"wait", i % 5 == 1 ? json(i % 2 == 0) : json(nullptr)}});
  for (auto& e : doc["events"])
    if (e["wait"].is_null())
      e.erase("wait");
  const Scenario s = parse_scenario(doc, "test");
  REQUIRE(s.events.size() == 40);
  std::vector<int> order;
  for (int i = 0; i < 40; ++i)
    if (i % 3 != 0)
      order.push_back(i);
  for (int i = 0; i < 40; ++i)
    if (i % 3 == 0)
      order.push_back(i);
  for (std::size_t k = 0; k < order.size(); ++k) {
    INFO("position " << k << ", file index " << order[k]);
    const int i = order[k];
    CHECK(s.events[k].at_s == (i % 3 == 0 ? 1e-3 : 0));
    CHECK(s.events[k].op == op_values[i % 5]);
    if (i % 5 == 1)
      CHECK(s.events[k].wait == (i % 2 == 0));
  }
}

TEST_CASE("every value of the framework document replaced by every kind of value", "[framework][robustness]") {
  const json original = full_document();
  const std::vector<json> replacements{
      nullptr, true, false, 0, -1, 1.5, 3, 1e308, 18446744073709551615ull, "", "x", "0", "lower", "mirror",
      "manual", "stripe", "close", "stop", "-1us", "1e400s", json::array(), json::object(), json::array({"lower"}),
      json::array({"lower", "lower"}), json::object({{"quorum", 5}}), json::object({{"action", "route"}}),
      json::object({{"attempts", 0}})};
  const ReplacementOutcome outcome = replace_every_value(original, replacements);
  for (const std::string& failure : outcome.failures)
    UNSCOPED_INFO(failure);
  CHECK(outcome.failures.empty());
  CHECK(outcome.accepted > 0);
}
