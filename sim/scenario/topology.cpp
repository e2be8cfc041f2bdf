// "stacks", and the rules spanning sections: unique names, references by name resolved into indices, every
// driver in exactly one stack, a bus driver at (and only at) the bottom of each stack, remote targets that do not
// loop, events on existing targets, the hosts of workloads and devices, and the cores they name on them.
#include <map>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

// The names of one section, in order, with the index of each; duplicates reported.
class NameIndex {
public:
  NameIndex(std::string_view what, const std::vector<std::string>& names, const std::vector<Pointer>& where,
            Issues& issues)
      : what_(what) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty())
        continue;  // an invalid name, already reported
      auto [it, inserted] = index_.emplace(names[i], i);
      if (inserted)
        names_.push_back(names[i]);
      else
        issues.add(where[i] / "name", "expected a unique " + std::string(what) + " name, found " + quote(names[i]) +
                                          " again (first at " + where[it->second].to_string() + ")");
    }
  }

  std::optional<std::size_t> resolve(const Reference& ref, Issues& issues) const {
    auto it = index_.find(ref.name);
    if (it != index_.end())
      return it->second;
    if (names_.empty())
      return std::nullopt;  // no entry of the section has a valid name: their problems are reported already
    std::string known;
    for (std::size_t i = 0; i < names_.size() && i < kListed; ++i)
      known += (i == 0 ? "" : ", ") + names_[i];
    if (names_.size() > kListed)
      known += ", ...";
    issues.add(ref.at, "expected the name of a " + std::string(what_) + " (" + known + "), found " + quote(ref.name) +
                           did_you_mean(ref.name, names_));
    return std::nullopt;
  }

private:
  static constexpr std::size_t kListed = 10;
  std::string_view what_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> names_;
};

template <class Spec> std::vector<std::string> names_of(const std::vector<Spec>& specs) {
  std::vector<std::string> out;
  for (const Spec& s : specs)
    out.push_back(s.name);
  return out;
}

// Remote targets: each opens another stack's top, and no chain of remote targets leads back to a stack it starts
// from (the IRP would go round for ever). Edges are taken in file order; the one that would close a loop is
// reported, at its "stack".
void check_remote_targets(Scenario& s, const Drafts& d, const NameIndex& stacks, Issues& issues) {
  std::vector<std::optional<std::size_t>> stack_of(s.drivers.size());
  for (std::size_t k = 0; k < s.stacks.size(); ++k)
    for (std::size_t driver : s.stacks[k].layers)
      stack_of[driver] = k;
  std::vector<std::vector<std::size_t>> opens(s.stacks.size());  // stack -> stacks its drivers open (accepted)
  // The stacks from `from` to `to` along accepted edges (both included), or empty when `to` is not reachable.
  auto path = [&](std::size_t from, std::size_t to) {
    std::vector<std::optional<std::size_t>> previous(s.stacks.size());
    std::vector<bool> seen(s.stacks.size());
    std::vector<std::size_t> todo{from};
    seen[from] = true;
    for (std::size_t next = 0; next < todo.size() && !seen[to]; ++next)
      for (std::size_t t : opens[todo[next]])
        if (!seen[t]) {
          seen[t] = true;
          previous[t] = todo[next];
          todo.push_back(t);
        }
    std::vector<std::size_t> out;
    if (!seen[to])
      return out;
    for (std::optional<std::size_t> at = to; at; at = previous[*at])
      out.insert(out.begin(), *at);
    return out;
  };
  for (std::size_t i = 0; i < s.drivers.size() && i < d.target_stacks.size(); ++i) {
    DriverSpec& driver = s.drivers[i];
    for (std::size_t k = 0; k < driver.remote_targets.size() && k < d.target_stacks[i].size(); ++k) {
      const auto& ref = d.target_stacks[i][k];
      if (!ref || s.stacks.empty())
        continue;
      auto target = stacks.resolve(*ref, issues);
      if (!target)
        continue;
      driver.remote_targets[k].stack = *target;
      if (!stack_of[i])
        continue;  // the driver is in no stack: already reported
      const std::size_t own = *stack_of[i];
      if (*target == own) {
        issues.add(ref->at, "expected a stack other than the driver's own (a driver cannot open the top of its own "
                            "stack: the IRP would loop), found " + quote(ref->name));
        continue;
      }
      const std::vector<std::size_t> back = path(*target, own);
      if (back.empty()) {
        opens[own].push_back(*target);
        continue;
      }
      std::string loop = quote(s.stacks[own].name);
      for (std::size_t st : back)
        loop += " -> " + quote(s.stacks[st].name);
      issues.add(ref->at, "expected a stack that does not lead back to the driver's own stack through remote targets "
                          "(the IRP would loop: " + loop + "), found " + quote(ref->name));
    }
  }
}

// Events: a filter or function driver, and "lower" or one of its remote targets.
void check_events(Scenario& s, const Drafts& d, const NameIndex& drivers, Issues& issues) {
  for (std::size_t e = 0; e < s.events.size() && e < d.event_driver.size(); ++e) {
    if (!d.event_driver[e] || s.drivers.empty())
      continue;
    auto index = drivers.resolve(*d.event_driver[e], issues);
    if (!index)
      continue;
    s.events[e].driver = *index;
    const DriverSpec& driver = s.drivers[*index];
    if (driver.role == DriverRole::BUS) {
      issues.add(d.event_driver[e]->at, "expected a filter or function driver (a bus driver's local target is its "
                                        "hardware, which has no I/O target), found " + quote(driver.name) +
                                            " (role \"bus\")");
      continue;
    }
    const auto& target = d.event_target[e];
    if (!target)
      continue;  // "lower"
    std::vector<std::string> names{"lower"};
    for (std::size_t k = 0; k < driver.remote_targets.size(); ++k) {
      if (driver.remote_targets[k].name == target->name) {
        s.events[e].target = k + 1;
        names.clear();
        break;
      }
      if (!driver.remote_targets[k].name.empty() && driver.remote_targets[k].name != "lower")
        names.push_back(driver.remote_targets[k].name);
    }
    if (names.empty())
      continue;
    const std::string known = names.size() == 1
                                  ? "\"lower\" (driver " + quote(driver.name) + " has no remote targets)"
                                  : "\"lower\" or the name of one of the remote targets of driver " +
                                        quote(driver.name) + " (" +
                                        quoted_list(std::vector<std::string>(names.begin() + 1, names.end())) + ")";
    issues.add(target->at, "expected " + known + ", found " + quote(target->name) + did_you_mean(target->name, names));
  }
}

// Each core index of `cores` (written at `where`) must be a core of `host`; `why` (may be empty) says why that host.
void check_cores(const std::vector<int>& cores, const std::vector<Pointer>& where, const HostSpec& host,
                 const std::string& why, Issues& issues) {
  if (host.name.empty())
    return;  // an invalid host entry, already reported
  const std::string range = host.cores == 1 ? "only core 0" : "0 to " + std::to_string(host.cores - 1);
  for (std::size_t i = 0; i < cores.size() && i < where.size(); ++i)
    if (cores[i] >= host.cores)
      issues.add(where[i], "expected a core of host " + quote(host.name) + " (" + range + (why.empty() ? "" : "; ") +
                               why + "), found " + std::to_string(cores[i]));
}

}  // namespace

void parse_stacks(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.need("stacks");
  auto items = section ? read_array(*section, 1, "a non-empty array of stacks") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    StackSpec stack;
    std::vector<Reference> drivers;
    std::optional<Reference> device;
    const ObjectView o(item, keys::kStack, "a stack object");
    if (auto v = o.need("name"))
      if (auto name = read_name(*v))
        stack.name = *name;
    if (auto v = o.need("drivers")) {
      if (auto refs = read_array(*v, 1, "a non-empty array of driver names, top to bottom")) {
        for (const Value& ref : *refs) {
          if (ref.node.is_string())
            drivers.push_back({ref.node.get<std::string>(), ref.at});
          else
            ref.expected("the name of a driver");
        }
      }
    }
    if (auto v = o.need("device")) {
      if (v->node.is_string())
        device = Reference{v->node.get<std::string>(), v->at};
      else
        v->expected("the name of a device");
    }
    s.stacks.push_back(std::move(stack));
    d.stacks.push_back(item.at);
    d.stack_drivers.push_back(std::move(drivers));
    d.stack_device.push_back(std::move(device));
  }
}

void check_topology(Scenario& s, const Drafts& d, Issues& issues) {
  const NameIndex hosts("host", names_of(s.hosts), d.hosts, issues);
  const NameIndex devices("device", names_of(s.devices), d.devices, issues);
  const NameIndex drivers("driver", names_of(s.drivers), d.drivers, issues);
  const NameIndex stacks("stack", names_of(s.stacks), d.stacks, issues);
  const NameIndex workloads("workload", names_of(s.workloads), d.workloads, issues);
  (void)workloads;  // only checked for duplicates

  std::vector<bool> host_known(s.drivers.size());  // the driver's host resolved
  for (std::size_t i = 0; i < s.drivers.size(); ++i)
    if (d.driver_host[i] && !s.hosts.empty())
      if (auto h = hosts.resolve(*d.driver_host[i], issues)) {
        s.drivers[i].host = *h;
        host_known[i] = true;
      }

  // Where each driver is used: the first stack position naming it.
  std::vector<std::optional<Pointer>> used_at(s.drivers.size());
  // Per stack, when resolved: its device, its top driver and its bottom driver.
  std::vector<std::optional<std::size_t>> device_of(s.stacks.size()), top_of(s.stacks.size()),
      bottom_of(s.stacks.size());
  for (std::size_t k = 0; k < s.stacks.size(); ++k) {
    StackSpec& stack = s.stacks[k];
    if (d.stack_device[k] && !s.devices.empty())
      if (auto dev = devices.resolve(*d.stack_device[k], issues)) {
        stack.device = *dev;
        device_of[k] = *dev;
      }
    const auto& refs = d.stack_drivers[k];
    for (std::size_t pos = 0; pos < refs.size(); ++pos) {
      if (s.drivers.empty())
        break;
      auto index = drivers.resolve(refs[pos], issues);
      if (!index)
        continue;
      const DriverSpec& driver = s.drivers[*index];
      if (used_at[*index]) {
        issues.add(refs[pos].at, "expected a driver that is in no other stack position (a driver object is "
                                 "attached once), found " + quote(driver.name) + " already at " +
                                     used_at[*index]->to_string());
        continue;
      }
      used_at[*index] = refs[pos].at;
      stack.layers.push_back(*index);
      const bool bottom = pos + 1 == refs.size();
      if (pos == 0)
        top_of[k] = *index;
      if (bottom)
        bottom_of[k] = *index;
      const std::string role = " (role " + quote(role_name(driver.role)) + ")";
      if (bottom && driver.role != DriverRole::BUS)
        issues.add(refs[pos].at, "expected a driver with role \"bus\" at the bottom of the stack, found " +
                                     quote(driver.name) + role);
      if (!bottom && driver.role == DriverRole::BUS)
        issues.add(refs[pos].at, "expected a filter or function driver above the bottom of the stack (a bus driver "
                                 "hands requests to its hardware, so it is the lowest), found " +
                                     quote(driver.name) + role);
    }
  }
  if (!s.stacks.empty()) {
    for (std::size_t i = 0; i < s.drivers.size(); ++i)
      if (!used_at[i] && !s.drivers[i].name.empty())
        issues.add(d.drivers[i], "expected the driver " + quote(s.drivers[i].name) +
                                     " to be in exactly one stack, found it in none");
  }

  for (std::size_t i = 0; i < s.workloads.size(); ++i) {
    WorkloadSpec& w = s.workloads[i];
    std::optional<std::size_t> stack;
    if (d.workload_stack[i] && !s.stacks.empty())
      if ((stack = stacks.resolve(*d.workload_stack[i], issues)))
        w.stack = *stack;
    // The submitting threads' host: the one named, else the host of the stack's top driver.
    std::optional<std::size_t> host;
    std::string why;
    if (i < d.workload_host.size() && d.workload_host[i]) {
      if (!s.hosts.empty())
        host = hosts.resolve(*d.workload_host[i], issues);
    } else if (stack && top_of[*stack] && host_known[*top_of[*stack]]) {
      host = s.drivers[*top_of[*stack]].host;
      why = "the host of driver " + quote(s.drivers[*top_of[*stack]].name) + ", at the top of stack " +
            quote(s.stacks[*stack].name) + ", when the workload names no \"host\"";
    }
    if (!host)
      continue;
    w.host = *host;
    if (i < d.workload_cpus.size())
      check_cores(w.cpus, d.workload_cpus[i], s.hosts[*host], why, issues);
  }

  // A device's interrupts go to the host of the bus driver of the first stack (in file order) on it.
  std::vector<bool> device_claimed(s.devices.size());
  for (std::size_t k = 0; k < s.stacks.size(); ++k) {
    if (!device_of[k] || device_claimed[*device_of[k]])
      continue;
    const std::size_t dev = *device_of[k];
    device_claimed[dev] = true;
    if (!bottom_of[k] || !host_known[*bottom_of[k]])
      continue;  // the stack's problems are reported already
    const DriverSpec& bus = s.drivers[*bottom_of[k]];
    s.devices[dev].host = bus.host;
    if (dev < d.interrupt_cores.size())
      check_cores(s.devices[dev].interrupt.cores, d.interrupt_cores[dev], s.hosts[bus.host],
                  "the host of driver " + quote(bus.name) + ", at the bottom of stack " + quote(s.stacks[k].name) +
                      ", the first stack on device " + quote(s.devices[dev].name),
                  issues);
  }

  check_remote_targets(s, d, stacks, issues);
  check_events(s, d, drivers, issues);
}

}  // namespace irpsim::scenario::detail
