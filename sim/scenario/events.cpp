// "events": I/O target state changes at simulated times (WdfIoTargetStart, Stop, Purge, Close, removal). The
// driver and remote target names are resolved by check_topology.
#include <array>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

// In the order of TargetEventSpec::Op and TargetEventSpec::SentIo.
constexpr std::array<std::string_view, 5> kOps{"start", "stop", "purge", "close", "remove"};
constexpr std::array<std::string_view, 3> kSentIo{"cancel", "wait", "leave_pending"};

TargetEventSpec parse_event(const Value& v, std::optional<Reference>& driver, std::optional<Reference>& target) {
  TargetEventSpec e;
  const ObjectView o(v, keys::kEvent, "an event object {\"at\": DURATION, \"driver\": NAME, \"op\": OP, ...}");
  if (auto at = o.need("at"))
    if (auto t = read_duration(*at))
      e.at_s = *t;
  if (auto d = o.need("driver")) {
    if (d->node.is_string())
      driver = Reference{d->node.get<std::string>(), d->at};
    else
      d->expected("the name of a driver");
  }
  bool local = true;  // "target" is "lower" or absent
  if (auto t = o.get("target")) {
    if (!t->node.is_string()) {
      t->expected("\"lower\" or the name of one of the driver's remote targets");
      local = false;
    } else if (t->node.get_ref<const std::string&>() != "lower") {
      target = Reference{t->node.get<std::string>(), t->at};
      local = false;
    }
  }
  std::optional<std::size_t> op;
  if (auto op_value = o.need("op")) {
    op = read_choice(*op_value, kOps);
    if (op)
      e.op = static_cast<TargetEventSpec::Op>(*op);
    if (op && e.op == TargetEventSpec::Op::CLOSE && local)
      op_value->expected("\"remove\" for the local target (WdfIoTargetClose is for remote targets)");
  }
  const std::string with_op = op ? "with op " + quote(kOps[*op]) : "";
  // "sent_io": required for stop, refused for the other ops (only type-checked when the op is unknown).
  auto sent_io = op && e.op == TargetEventSpec::Op::STOP
                     ? o.need("sent_io", " for op \"stop\" (WdfIoTargetStop's action)")
                     : o.get("sent_io");
  if (sent_io) {
    if (op && e.op != TargetEventSpec::Op::STOP)
      sent_io->expected("no \"sent_io\" " + with_op + " (only \"stop\" takes it)");
    else if (auto k = read_choice(*sent_io, kSentIo))
      e.sent_io = static_cast<TargetEventSpec::SentIo>(*k);
  }
  if (auto wait = o.get("wait")) {
    if (op && e.op != TargetEventSpec::Op::PURGE)
      wait->expected("no \"wait\" " + with_op + " (only \"purge\" takes it)");
    else if (auto b = read_bool(*wait))
      e.wait = *b;
  }
  return e;
}

}  // namespace

void parse_events(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.get("events");
  auto items = section ? read_array(*section, 0, "an array of events") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    std::optional<Reference> driver, target;
    s.events.push_back(parse_event(item, driver, target));
    d.events.push_back(item.at);
    d.event_driver.push_back(std::move(driver));
    d.event_target.push_back(std::move(target));
  }
}

}  // namespace irpsim::scenario::detail
