// "drivers": role, host, CPU costs, remote targets, queues and policies, with the rules the framework itself enforces
// between a driver's queues and its handlers (WdfIoQueueCreate, WdfDeviceConfigureRequestDispatching), the keys each
// policy action takes, and what a bus driver may send to its hardware. Remote targets' stacks are resolved (and
// checked for loops) by check_topology.
#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

constexpr std::array<std::string_view, 3> kRoles{"filter", "function", "bus"};
constexpr std::array<std::string_view, 3> kDispatchKinds{"sequential", "parallel", "manual"};
// In the order of PolicySpec::Action.
constexpr std::array<std::string_view, 5> kActions{"forward", "complete", "split", "fan_out", "route"};
constexpr std::array<std::string_view, 2> kOrders{"parallel", "serial"};
constexpr std::array<std::string_view, 2> kFanOutModes{"parallel", "resend"};
constexpr std::array<std::string_view, 2> kCompleteOn{"all", "first"};
constexpr std::array<std::string_view, 3> kRouteBy{"round_robin", "stripe", "least_outstanding"};
constexpr std::array<std::string_view, 3> kMistakes{"complete_twice", "never_complete", "resend_while_outstanding"};
constexpr std::string_view kLower = "lower";
constexpr std::string_view kManualRunsPolicies =
    "(irpsim runs the driver's policies on the requests it retrieves from a manual queue)";
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

// Where the parts of one queue are, for the driver-level rules.
struct QueueDraft {
  Pointer at;
  std::optional<Pointer> default_at;
  std::vector<std::pair<RequestType, Pointer>> types;  // dispatching types as listed, with their pointers
};

// What the driver's "policies" object holds, valid or not (an invalid policy still counts as written).
struct PolicyPresence {
  PerType<std::optional<Pointer>> typed;
  std::optional<Pointer> fallback;
};

void parse_cpu(const Value& v, double& dispatch, double& completion) {
  const ObjectView o(v, keys::kCpu, "an object {\"dispatch\": DURATION, \"completion\": DURATION}");
  if (auto d = o.get("dispatch"))
    if (auto t = read_duration(*d))
      dispatch = *t;
  if (auto c = o.get("completion"))
    if (auto t = read_duration(*c))
      completion = *t;
}

// "lower" (0) or the name of one of the driver's remote targets (1 + its index).
std::optional<std::size_t> read_target(const Value& v, const DriverSpec& driver) {
  std::vector<std::string> names{std::string(kLower)};
  for (const RemoteTargetSpec& t : driver.remote_targets)
    if (!t.name.empty() && t.name != kLower)  // an invalid or reserved name is reported where it is written
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
  if (name == kLower)
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
  p.dispatch_cpu_s = driver.dispatch_cpu_s;
  p.completion_cpu_s = driver.completion_cpu_s;
  std::optional<std::size_t> action;
  if (auto a = o.need("action"))
    action = read_choice(*a, kActions);
  if (auto st = o.get("status"))
    p.status = read_status(*st);
  if (auto cpu = o.get("cpu"))
    parse_cpu(*cpu, p.dispatch_cpu_s, p.completion_cpu_s);
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
        if (t->node[i].is_string() && t->node[i].get_ref<const std::string&>() == kLower) {
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

QueueSpec parse_queue(const Value& v, QueueDraft& draft) {
  QueueSpec q;
  draft.at = v.at;
  const ObjectView o(v, keys::kQueue, "a queue object");
  if (auto n = o.need("name"))
    if (auto name = read_name(*n))
      q.name = *name;
  if (auto def = o.get("default")) {
    if (auto b = read_bool(*def)) {
      q.is_default = *b;
      if (*b)
        draft.default_at = def->at;
    }
  }
  bool dispatch_known = true;  // false: an invalid "dispatch", so the keys that depend on it are only type-checked
  if (auto dispatch = o.get("dispatch")) {
    constexpr std::array<DispatchKind, 3> kKinds{DispatchKind::SEQUENTIAL, DispatchKind::PARALLEL,
                                                 DispatchKind::MANUAL};
    auto k = read_choice(*dispatch, kDispatchKinds);
    dispatch_known = k.has_value();
    if (k)
      q.dispatch = kKinds[*k];
  }
  const bool manual = dispatch_known && q.dispatch == DispatchKind::MANUAL;
  if (auto mp = o.get("max_presented")) {
    if (dispatch_known && q.dispatch != DispatchKind::PARALLEL)
      mp->expected("no \"max_presented\" for a " + std::string(dispatch_name(q.dispatch)) +
                   " queue (WdfIoQueueCreate fails with STATUS_INVALID_PARAMETER)");
    else if (auto n = read_unsigned(*mp, 1, std::numeric_limits<std::int64_t>::max()))
      q.max_presented = static_cast<std::int64_t>(*n);
  }
  // Manual queues: how often the driver retrieves, and how many retrieved requests it holds at most.
  auto only_manual = [&](const Value& value) {
    value.expected("no " + quote(value.at.back()) + " for a " + std::string(dispatch_name(q.dispatch)) +
                   " queue (only a manual queue is retrieved from: \"dispatch\": \"manual\")");
  };
  if (auto every = manual ? o.need("retrieve_every", " for a manual queue") : o.get("retrieve_every")) {
    if (dispatch_known && !manual)
      only_manual(*every);
    else if (auto t = read_duration(*every, true))
      q.retrieve_interval_s = *t;
  }
  if (auto most = o.get("max_retrieved")) {
    if (dispatch_known && !manual)
      only_manual(*most);
    else if (auto n = read_unsigned(*most, 1, std::numeric_limits<std::int64_t>::max()))
      q.max_retrieved = static_cast<std::int64_t>(*n);
  }
  if (auto z = o.get("allow_zero_length"))
    if (auto b = read_bool(*z))
      q.allow_zero_length = *b;
  auto types = o.get("types");
  if (!types) {
    if (o.ok() && !q.is_default)
      o.need("types", " (a queue that is not the default queue takes only the types it lists)");
    return q;
  }
  auto items = read_array(*types, q.is_default ? 0 : 1,
                          q.is_default ? "an array of request types"
                                       : "a non-empty array of request types (a queue that is not the default "
                                         "queue takes only the types it lists)");
  if (!items)
    return q;
  for (const Value& item : *items) {
    auto t = read_request_type(item);
    if (!t)
      continue;
    const RequestType routed = core::dispatching_type(*t);
    bool listed = false;
    for (RequestType seen : q.types)
      listed = listed || seen == routed;
    if (!listed)
      q.types.push_back(routed);
    draft.types.emplace_back(routed, item.at);
  }
  return q;
}

// "targets": the driver's remote I/O targets; their stacks are resolved by check_topology.
void parse_remote_targets(const Value& v, DriverSpec& driver, std::vector<std::optional<Reference>>& stacks) {
  auto items = read_array(v, 0, "an array of remote targets {\"name\": NAME, \"stack\": STACK}");
  if (!items)
    return;
  std::map<std::string, Pointer> names;
  for (const Value& item : *items) {
    RemoteTargetSpec target;
    std::optional<Reference> stack;
    const ObjectView o(item, keys::kRemoteTarget, "a remote target object {\"name\": NAME, \"stack\": STACK}");
    if (auto n = o.need("name")) {
      if (auto name = read_name(*n)) {
        target.name = *name;
        if (*name == kLower)
          n->expected("a target name other than \"lower\" (reserved for the driver's local target)");
        else if (auto [it, inserted] = names.emplace(*name, n->at); !inserted)
          n->expected("a target name unique within the driver", " again (first at " + it->second.to_string() + ")");
      }
    }
    if (auto st = o.need("stack")) {
      if (st->node.is_string())
        stack = Reference{st->node.get<std::string>(), st->at};
      else
        st->expected("the name of a stack");
    }
    driver.remote_targets.push_back(std::move(target));
    stacks.push_back(std::move(stack));
  }
}

bool has_handler(const PolicyPresence& p, RequestType dispatching) {
  if (p.fallback)
    return true;
  for (RequestType t : core::kAllRequestTypes)
    if (core::dispatching_type(t) == dispatching && p.typed[core::index_of(t)])
      return true;
  return false;
}

// The framework's rules between one driver's queues and its handlers.
void check_queues(const DriverSpec& driver, const Pointer& at, const std::vector<QueueDraft>& drafts,
                  const PolicyPresence& policies, Issues& issues) {
  std::optional<std::size_t> default_queue;
  std::map<std::string, std::size_t> names;
  std::map<RequestType, std::size_t> taken;  // dispatching type -> queue listing it
  for (std::size_t q = 0; q < driver.queues.size(); ++q) {
    const QueueSpec& queue = driver.queues[q];
    if (drafts[q].default_at) {
      if (default_queue)
        issues.add(*drafts[q].default_at, "expected at most one default queue per driver, found a second one (the "
                                              "first is " + drafts[*default_queue].at.to_string() + ")");
      else
        default_queue = q;
    }
    if (!queue.name.empty() && !names.emplace(queue.name, q).second)
      issues.add(drafts[q].at / "name", "expected a queue name unique within the driver, found " +
                                            quote(queue.name) + " again (first at " +
                                            drafts[names[queue.name]].at.to_string() + ")");
    for (const auto& [type, type_at] : drafts[q].types) {
      auto [it, inserted] = taken.emplace(type, q);
      if (!inserted && it->second != q) {
        issues.add(type_at, "expected each request type in at most one queue of a driver, found " +
                                quote(core::type_name(type)) + " also in queue " +
                                quote(driver.queues[it->second].name) + " (WdfDeviceConfigureRequestDispatching "
                                "fails with STATUS_WDF_BUSY)");
        continue;
      }
      if (inserted && !has_handler(policies, type))
        issues.add(type_at, "expected a policy for " + quote(core::type_name(type)) +
                                " (or a \"default\" policy) in " + (at / "policies").to_string() + " since queue " +
                                quote(queue.name) + " takes these requests, found none " +
                                (queue.dispatch == DispatchKind::MANUAL
                                     ? std::string(kManualRunsPolicies)
                                     : "(WdfDeviceConfigureRequestDispatching fails with "
                                       "STATUS_INVALID_DEVICE_REQUEST)"));
    }
  }
  // A policy no queue can present would never run.
  for (RequestType t : core::kAllRequestTypes) {
    const auto& policy_at = policies.typed[core::index_of(t)];
    if (!policy_at || default_queue || taken.count(core::dispatching_type(t)))
      continue;
    issues.add(*policy_at, "expected a queue of the driver taking " + quote(core::type_name(t)) +
                               " requests (or a default queue) for this policy to run, found none");
  }
  // WdfIoQueueCreate of a non-manual queue whose driver registered no callback at all fails (§8).
  const bool any_policy =
      policies.fallback || std::any_of(policies.typed.begin(), policies.typed.end(), [](const auto& p) { return p; });
  // A manual queue has no callbacks in KMDF, but in irpsim the driver's policies handle what it retrieves.
  if (default_queue && !any_policy)
    issues.add(drafts[*default_queue].at,
               "expected a default queue in a driver with at least one policy, found a driver without policies " +
                   (driver.queues[*default_queue].dispatch == DispatchKind::MANUAL
                        ? std::string(kManualRunsPolicies)
                        : "(WdfIoQueueCreate fails with STATUS_WDF_NO_CALLBACK)"));
  if (policies.fallback && driver.queues.empty())
    issues.add(*policies.fallback, "expected a driver with at least one queue for a \"default\" policy to run, "
                                   "found a driver without queues");
}

}  // namespace

void parse_drivers(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.need("drivers");
  auto items = section ? read_array(*section, 1, "a non-empty array of drivers") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    DriverSpec driver;
    std::optional<Reference> host;
    const ObjectView o(item, keys::kDriver, "a driver object");
    if (auto v = o.need("name"))
      if (auto name = read_name(*v))
        driver.name = *name;
    if (auto v = o.need("role"))
      if (auto r = read_choice(*v, kRoles))
        driver.role = static_cast<DriverRole>(*r);
    if (auto v = o.need("host")) {
      if (v->node.is_string())
        host = Reference{v->node.get<std::string>(), v->at};
      else
        v->expected("the name of a host");
    }
    if (auto v = o.get("cpu"))
      parse_cpu(*v, driver.dispatch_cpu_s, driver.completion_cpu_s);
    std::vector<std::optional<Reference>> target_stacks;
    if (auto v = o.get("targets"))
      parse_remote_targets(*v, driver, target_stacks);
    std::vector<QueueDraft> queue_drafts;
    if (auto v = o.get("queues")) {
      if (auto queues = read_array(*v, 0, "an array of queues")) {
        for (const Value& q : *queues) {
          queue_drafts.emplace_back();
          driver.queues.push_back(parse_queue(q, queue_drafts.back()));
        }
      }
    }
    PolicyPresence presence;
    if (auto v = o.get("policies"))
      parse_policies(*v, driver, presence);
    if (o.ok())
      check_queues(driver, item.at, queue_drafts, presence, item.issues);
    s.drivers.push_back(std::move(driver));
    d.drivers.push_back(item.at);
    d.driver_host.push_back(std::move(host));
    d.target_stacks.push_back(std::move(target_stacks));
  }
}

}  // namespace irpsim::scenario::detail
