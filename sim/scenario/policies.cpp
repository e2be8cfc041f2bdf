// A driver's "policies": one handler per request type or "default", each with an action and the keys that action
// takes (one table says which; a refused key names the actions that take it), the send options, the targets by name
// ("lower" or a remote target of the driver), and what a bus driver may not do while it sends to its hardware.
#include <algorithm>
#include <array>
#include <limits>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

// In the order of PolicySpec::Action.
constexpr std::array<std::string_view, 5> kActions{"forward", "complete", "split", "fan_out", "route"};
constexpr std::array<std::string_view, 2> kOrders{"parallel", "serial"};
constexpr std::array<std::string_view, 2> kFanOutModes{"parallel", "resend"};
constexpr std::array<std::string_view, 2> kCompleteOn{"all", "first"};
constexpr std::array<std::string_view, 3> kRouteBy{"round_robin", "stripe", "least_outstanding"};
constexpr std::array<std::string_view, 3> kMistakes{"complete_twice", "never_complete", "resend_while_outstanding"};
constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint32_t>::max();

// Which actions take each policy key other than "action", "status" and "cpu" (every action takes those).
struct PolicyKeyRule {
  std::string_view key;
  std::array<bool, kActions.size()> takes;  // forward, complete, split, fan_out, route
};
constexpr std::array<PolicyKeyRule, 16> kPolicyKeyActions{{
    {"delay", {false, true, false, false, false}},
    {"information", {false, true, false, false, false}},
    {"target", {true, false, true, false, false}},
    {"targets", {false, false, false, true, true}},
    {"send", {true, false, true, true, true}},
    {"create", {true, false, false, false, true}},
    {"rewrite", {true, false, false, false, false}},
    {"cancel_after", {true, false, true, true, true}},
    {"retry", {true, false, false, false, true}},
    {"chunk", {false, false, true, false, false}},
    {"order", {false, false, true, false, false}},
    {"mode", {false, false, false, true, false}},
    {"complete_on", {false, false, false, true, false}},
    {"by", {false, false, false, false, true}},
    {"stripe", {false, false, false, false, true}},
    {"mistake", {true, false, false, false, false}},
}};
// The keys a bus driver's policy may not use while it sends to "lower", its hardware device.
constexpr std::array<std::string_view, 5> kSendOnlyKeys{"send", "create", "rewrite", "cancel_after", "mistake"};
constexpr std::string_view kBusLower = "a bus driver's \"lower\" is its hardware device, which takes no send options";

// "(only "complete" takes it)", "(only "forward", "split" take it)"
std::string only_takers(const PolicyKeyRule& rule) {
  std::vector<std::string_view> takers;
  for (std::size_t a = 0; a < kActions.size(); ++a)
    if (rule.takes[a])
      takers.push_back(kActions[a]);
  return "(only " + quoted_list(takers) + (takers.size() == 1 ? " takes it)" : " take it)");
}


// "lower" (0) or the name of one of the driver's remote targets (1 + its index).
std::optional<std::size_t> read_target(const Value& v, const DriverSpec& driver) {
  std::vector<std::string> names{std::string(kLowerTarget)};
  for (const RemoteTargetSpec& t : driver.remote_targets)
    if (!t.name.empty() && t.name != kLowerTarget)  // an invalid or reserved name is reported where it is written
      names.push_back(t.name);
  const std::string what = names.size() == 1
                               ? (driver.remote_targets.empty()
                                      ? "\"lower\" (the driver has no remote targets in \"targets\")"
                                      : "\"lower\" (the driver's remote targets have no valid names)")
                               : "\"lower\" or the name of one of the driver's remote targets (" +
                                     quoted_list(std::vector<std::string>(names.begin() + 1, names.end())) + ")";
  if (!v.node.is_string()) {
    v.expected(what);
    return std::nullopt;
  }
  const auto& name = v.node.get_ref<const std::string&>();
  if (name == kLowerTarget)
    return kLocalTarget;
  for (std::size_t k = 0; k < driver.remote_targets.size(); ++k)
    if (driver.remote_targets[k].name == name)
      return k + 1;
  v.expected(what, did_you_mean(name, names));
  return std::nullopt;
}

void read_send(const Value& v, SendSpec& send) {
  const ObjectView o(v, keys::kSend,
                     "a send options object {\"synchronous\", \"send_and_forget\", \"ignore_target_state\", "
                     "\"timeout\", \"completion_routine\"}");
  auto flag = [&](std::string_view key, bool& out) {
    if (auto f = o.get(key))
      if (auto b = read_bool(*f))
        out = *b;
  };
  flag("synchronous", send.synchronous);
  flag("send_and_forget", send.send_and_forget);
  flag("ignore_target_state", send.ignore_target_state);
  flag("completion_routine", send.completion_routine);
  if (auto t = o.get("timeout"))
    send.timeout_s = read_duration(*t);
}

void read_retry(const Value& v, PolicySpec& p) {
  const ObjectView o(v, keys::kRetry, "a retry object {\"attempts\": N, \"delay\": DURATION}");
  if (auto a = o.need("attempts"))
    if (auto n = read_unsigned(*a, 1, kMaxCount))
      p.retry_attempts = static_cast<std::uint32_t>(*n);
  if (auto d = o.get("delay"))
    if (auto t = read_duration(*d))
      p.retry_delay_s = *t;
}

// "targets": a non-empty array of distinct target names. False when any entry was wrong.
bool read_targets(const Value& v, const DriverSpec& driver, std::vector<std::size_t>& out) {
  auto items = read_array(v, 1, "a non-empty array of target names (\"lower\" or the driver's remote targets)");
  if (!items)
    return false;
  bool ok = true;
  std::vector<std::pair<std::size_t, Pointer>> seen;
  out.clear();
  for (const Value& item : *items) {
    auto t = read_target(item, driver);
    if (!t) {
      ok = false;
      continue;
    }
    auto first = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == *t; });
    if (first != seen.end()) {
      item.expected("each target once", " again (first at " + first->second.to_string() + ")");
      ok = false;
      continue;
    }
    seen.emplace_back(*t, item.at);
    out.push_back(*t);
  }
  return ok;
}

void read_complete_on(const Value& v, PolicySpec& p, std::optional<std::size_t> target_count) {
  if (v.node.is_object()) {
    const ObjectView o(v, keys::kQuorum, "an object {\"quorum\": N}");
    if (auto q = o.need("quorum")) {
      if (auto n = read_unsigned(*q, 1, kMaxCount)) {
        if (target_count && *n > *target_count) {
          q->expected("a quorum of at most the number of targets (" + std::to_string(*target_count) + ")");
        } else {
          p.complete_on = PolicySpec::CompleteOn::QUORUM;
          p.quorum = static_cast<std::uint32_t>(*n);
        }
      }
    }
    return;
  }
  if (!v.node.is_string()) {
    v.expected("\"all\", \"first\" or an object {\"quorum\": N}");
    return;
  }
  if (auto c = read_choice(v, kCompleteOn))
    p.complete_on = *c == 0 ? PolicySpec::CompleteOn::ALL : PolicySpec::CompleteOn::FIRST;
}

std::optional<PolicySpec> parse_policy(const Value& v, const DriverSpec& driver) {
  const ObjectView o(v, keys::kPolicy,
                     "a policy object {\"action\": \"forward\", \"complete\", \"split\", \"fan_out\" or \"route\", ...}");
  PolicySpec p;
  p.dispatch_cpu = driver.dispatch_cpu;
  p.completion_cpu = driver.completion_cpu;
  std::optional<std::size_t> action;
  if (auto a = o.need("action"))
    action = read_choice(*a, kActions);
  if (auto st = o.get("status"))
    p.status = read_status(*st);
  if (auto cpu = o.get("cpu"))
    parse_cpu(*cpu, p.dispatch_cpu, p.completion_cpu);
  if (!action)
    return std::nullopt;
  p.action = static_cast<PolicySpec::Action>(*action);
  const std::string action_text = "with action " + quote(kActions[*action]);

  // Keys this action does not take; the rest are read below.
  std::vector<std::string_view> refused;
  for (const PolicyKeyRule& rule : kPolicyKeyActions) {
    if (rule.takes[*action])
      continue;
    if (auto extra = o.get(rule.key)) {
      extra->expected("no " + quote(rule.key) + " " + action_text + " " + only_takers(rule));
      refused.push_back(rule.key);
    }
  }
  auto given = [&](std::string_view key) -> std::optional<Value> {
    if (std::find(refused.begin(), refused.end(), key) != refused.end())
      return std::nullopt;
    return o.get(key);
  };

  using Action = PolicySpec::Action;
  if (p.action == Action::COMPLETE) {
    if (!p.status)
      p.status = core::STATUS_SUCCESS;
    if (auto delay = given("delay"))
      if (auto t = read_duration(*delay))
        p.delay_s = *t;
    if (auto info = given("information"))
      p.information_bytes = read_size(*info);
    return p;
  }

  // Where the request goes: "target" (forward, split; "lower" by default) or "targets" (fan_out, route).
  bool targets_ok = true;
  bool sends_to_lower = false;
  std::optional<Value> lower_named;  // where "lower" is written, when it is among the targets
  if (p.action == Action::FORWARD || p.action == Action::SPLIT) {
    sends_to_lower = true;  // "target" defaults to "lower"
    if (auto t = given("target")) {
      auto number = read_target(*t, driver);
      targets_ok = number.has_value();
      if (number)
        p.targets = {*number};
      sends_to_lower = number == kLocalTarget;
      if (sends_to_lower)
        lower_named.emplace(*t);
    }
  } else if (auto t = o.need("targets", " " + action_text)) {
    targets_ok = read_targets(*t, driver, p.targets);
    if (t->node.is_array()) {
      for (std::size_t i = 0; i < t->node.size() && !lower_named; ++i) {
        if (t->node[i].is_string() && t->node[i].get_ref<const std::string&>() == kLowerTarget) {
          sends_to_lower = true;
          lower_named.emplace(Value{t->node[i], t->at / i, v.issues});
        }
      }
    }
  } else {
    targets_ok = false;
  }

  if (auto send = given("send"))
    read_send(*send, p.send);
  if (auto c = given("create"))
    if (auto b = read_bool(*c))
      p.create_request = *b;
  if (auto r = given("rewrite"))
    p.rewrite_to = read_request_type(*r);
  if (auto c = given("cancel_after"))
    p.cancel_after_s = read_duration(*c, true);
  if (auto r = given("retry"))
    read_retry(*r, p);
  if (auto m = given("mistake"))
    if (auto k = read_choice(*m, kMistakes))
      p.mistake = static_cast<Mistake>(*k + 1);
  switch (p.action) {
    case Action::SPLIT:
      if (auto c = o.need("chunk", " " + action_text))
        if (auto bytes = read_size(*c, true))
          p.chunk_bytes = *bytes;
      if (auto ord = given("order"))
        if (auto k = read_choice(*ord, kOrders))
          p.order = *k == 0 ? PolicySpec::Order::PARALLEL : PolicySpec::Order::SERIAL;
      break;
    case Action::FAN_OUT:
      if (auto m = given("mode"))
        if (auto k = read_choice(*m, kFanOutModes))
          p.fan_out_mode = *k == 0 ? PolicySpec::FanOutMode::PARALLEL : PolicySpec::FanOutMode::RESEND;
      if (auto c = given("complete_on"))
        read_complete_on(*c, p, targets_ok ? std::optional<std::size_t>(p.targets.size()) : std::nullopt);
      break;
    case Action::ROUTE: {
      std::optional<std::size_t> by = 0;
      if (auto b = given("by"))
        by = read_choice(*b, kRouteBy);
      if (by)
        p.route_by = static_cast<PolicySpec::RouteBy>(*by);
      if (by && p.route_by == PolicySpec::RouteBy::STRIPE) {
        if (auto st = o.need("stripe", " with \"by\": \"stripe\""))
          if (auto bytes = read_size(*st, true))
            p.stripe_bytes = *bytes;
      } else if (auto st = given("stripe")) {
        if (by)
          st->expected("no \"stripe\" with \"by\": " + quote(kRouteBy[*by]) + " (only \"by\": \"stripe\" takes it)");
        else
          read_size(*st, true);
      }
      break;
    }
    default:
      break;
  }

  // A bus driver's local target is its hardware device, not an I/O target.
  if (driver.role == DriverRole::BUS && sends_to_lower) {
    if (p.action == Action::SPLIT || p.action == Action::FAN_OUT || p.action == Action::ROUTE) {
      const std::string why = " in a bus driver (" + std::string(kBusLower) + "; only \"forward\" sends to it)";
      if (lower_named)
        lower_named->expected("a remote target for action " + quote(kActions[*action]) + why);
      else
        v.issues.add(o.at(), "expected a \"target\" naming a remote target for action " + quote(kActions[*action]) +
                                 why + ", found none (\"lower\" by default)");
    }
    for (std::string_view key : kSendOnlyKeys)
      if (auto extra = given(key))
        extra->expected("no " + quote(key) + " in a bus driver's policy sending to \"lower\" (" +
                        std::string(kBusLower) + ")");
  }
  return p;
}

}  // namespace

void parse_policies(const Value& v, DriverSpec& driver, PolicyPresence& presence) {
  const ObjectView o(v, keys::kPerType, "an object of policies keyed by \"default\" or a request type");
  if (auto p = o.get("default")) {
    presence.fallback = p->at;
    driver.default_policy = parse_policy(*p, driver);
  }
  for (RequestType t : core::kAllRequestTypes) {
    if (auto p = o.get(core::type_name(t))) {
      presence.typed[core::index_of(t)] = p->at;
      driver.policies[core::index_of(t)] = parse_policy(*p, driver);
    }
  }
}

}  // namespace irpsim::scenario::detail
