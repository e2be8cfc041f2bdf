// "drivers": role, host, CPU costs, queues and policies, with the rules the framework itself enforces between a
// driver's queues and its handlers (WdfIoQueueCreate, WdfDeviceConfigureRequestDispatching).
#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

constexpr std::array<std::string_view, 3> kRoles{"filter", "function", "bus"};
constexpr std::array<std::string_view, 2> kDispatchKinds{"sequential", "parallel"};
constexpr std::array<std::string_view, 2> kActions{"forward", "complete"};

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

std::optional<PolicySpec> parse_policy(const Value& v, const DriverSpec& driver) {
  const ObjectView o(v, keys::kPolicy, "a policy object {\"action\": \"forward\" or \"complete\", ...}");
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
  if (*action == 0) {
    p.action = PolicySpec::Action::FORWARD;
    for (std::string_view key : {"delay", "information"})
      if (auto extra = o.get(key))
        extra->expected("no " + quote(key) + " with action \"forward\" (only \"complete\" takes it)");
  } else {
    p.action = PolicySpec::Action::COMPLETE;
    if (!p.status)
      p.status = core::STATUS_SUCCESS;
    if (auto delay = o.get("delay"))
      if (auto t = read_duration(*delay))
        p.delay_s = *t;
    if (auto info = o.get("information"))
      p.information_bytes = read_size(*info);
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
  if (auto dispatch = o.get("dispatch"))
    if (auto k = read_choice(*dispatch, kDispatchKinds))
      q.dispatch = *k == 0 ? DispatchKind::SEQUENTIAL : DispatchKind::PARALLEL;
  if (auto mp = o.get("max_presented")) {
    if (q.dispatch == DispatchKind::SEQUENTIAL)
      mp->expected("no \"max_presented\" for a sequential queue (WdfIoQueueCreate fails with "
                   "STATUS_INVALID_PARAMETER)");
    else if (auto n = read_unsigned(*mp, 1, std::numeric_limits<std::int64_t>::max()))
      q.max_presented = static_cast<std::int64_t>(*n);
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
                                quote(queue.name) + " takes these requests, found none "
                                "(WdfDeviceConfigureRequestDispatching fails with STATUS_INVALID_DEVICE_REQUEST)");
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
  if (default_queue && !any_policy)
    issues.add(drafts[*default_queue].at, "expected a default queue in a driver with at least one policy, found a "
                                          "driver without policies (WdfIoQueueCreate fails with "
                                          "STATUS_WDF_NO_CALLBACK)");
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
  }
}

}  // namespace irpsim::scenario::detail
