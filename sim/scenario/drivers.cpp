// "drivers": role, host, CPU costs, spin locks, remote targets and queues, with the rules the framework itself
// enforces between a driver's queues and its handlers (WdfIoQueueCreate, WdfDeviceConfigureRequestDispatching). The
// policies are read by policies.cpp. Remote targets' stacks are resolved (and checked for loops) by check_topology.
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
// The steps of a policy that take a lock, in the order of LockSpec's flags.
constexpr std::array<std::string_view, 2> kLockSteps{"dispatch", "completion"};
constexpr std::string_view kManualRunsPolicies =
    "(irpsim runs the driver's policies on the requests it retrieves from a manual queue)";
constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint32_t>::max();

// Where the parts of one queue are, for the driver-level rules.
struct QueueDraft {
  Pointer at;
  std::optional<Pointer> default_at;
  std::vector<std::pair<RequestType, Pointer>> types;  // dispatching types as listed, with their pointers
};

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
        if (*name == kLowerTarget)
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

// "locks": the driver's spin locks, each named once, with its hold time and the steps that take it.
void parse_locks(const Value& v, DriverSpec& driver) {
  constexpr std::string_view kWhat =
      "a lock object {\"name\": NAME, \"hold\": COST, \"steps\": [\"dispatch\" and/or \"completion\"]}";
  auto items = read_array(v, 0, "an array of lock objects {\"name\": NAME, \"hold\": COST, \"steps\": [...]}");
  if (!items)
    return;
  std::map<std::string, Pointer> names;  // name -> the lock that has it first
  for (const Value& item : *items) {
    LockSpec lock;
    const ObjectView o(item, keys::kLock, kWhat);
    if (auto n = o.need("name")) {
      if (auto name = read_name(*n)) {
        lock.name = *name;
        if (auto [it, inserted] = names.emplace(*name, item.at); !inserted)
          n->expected("a lock name unique within the driver", " again (first at " + it->second.to_string() + ")");
      }
    }
    if (auto h = o.need("hold"))
      if (auto cost = read_distribution(*h))
        lock.hold = *cost;
    if (auto st = o.need("steps")) {
      if (auto steps = read_array(*st, 0, "an array of the steps that take the lock, \"dispatch\" and/or "
                                          "\"completion\"")) {
        if (steps->empty())
          st->expected("at least one of " + quoted_list(kLockSteps) + " (a lock no step takes is never taken)");
        std::array<std::optional<Pointer>, kLockSteps.size()> seen;
        for (const Value& step : *steps) {
          auto k = read_choice(step, kLockSteps);
          if (!k)
            continue;
          if (seen[*k]) {
            step.expected("each step once", " again (first at " + seen[*k]->to_string() + ")");
            continue;
          }
          seen[*k] = step.at;
          (*k == 0 ? lock.dispatch : lock.completion) = true;
        }
      }
    }
    driver.locks.push_back(std::move(lock));
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

void parse_cpu(const Value& v, DistributionSpec& dispatch, DistributionSpec& completion) {
  const ObjectView o(v, keys::kCpu,
                     "an object {\"dispatch\": COST, \"completion\": COST}, each a duration or a distribution object");
  if (auto d = o.get("dispatch"))
    if (auto cost = read_distribution(*d))
      dispatch = *cost;
  if (auto c = o.get("completion"))
    if (auto cost = read_distribution(*c))
      completion = *cost;
}

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
      parse_cpu(*v, driver.dispatch_cpu, driver.completion_cpu);
    if (auto v = o.get("locks"))
      parse_locks(*v, driver);
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
