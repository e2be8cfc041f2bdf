// "workloads", "stop", "warmup" and "limits" (a trace workload's "trace" object is read by traces.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

constexpr std::array<std::string_view, 3> kKinds{"closed", "open", "trace"};
constexpr std::array<std::string_view, 2> kArrivals{"poisson", "fixed"};
constexpr std::array<std::string_view, 2> kPatterns{"sequential", "random"};
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Submitting threads per workload: far more than any machine runs for one application's I/O.
constexpr std::uint64_t kMaxThreads = 65536;

bool carries_ioctl_code(RequestType t) {
  return t == RequestType::DEVICE_CONTROL || t == RequestType::INTERNAL_DEVICE_CONTROL ||
         t == RequestType::INTERNAL_DEVICE_CONTROL_OTHERS;
}

std::optional<MixEntry> parse_mix_entry(const Value& v) {
  const ObjectView o(v, keys::kMix, "a mix entry {\"type\": TYPE, \"size\": SIZE, ...}");
  MixEntry m;
  bool ok = o.ok();
  std::optional<RequestType> type;
  if (auto t = o.need("type"))
    type = read_request_type(*t);
  ok = ok && type;
  if (type)
    m.type = *type;
  if (auto size = o.need("size")) {
    if (auto bytes = read_size(*size))
      m.size_bytes = *bytes;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (auto w = o.get("weight")) {
    if (auto weight = read_number(*w, 0, kInfinity, true))
      m.weight = *weight;
    else
      ok = false;
  }
  if (auto code = o.get("ioctl_code")) {
    if (type && !carries_ioctl_code(*type)) {
      code->expected("no \"ioctl_code\" for " + quote(core::type_name(*type)) +
                     " requests (only ioctl, internal_ioctl and internal_ioctl_others carry one)");
      ok = false;
    } else if (auto c = read_ioctl_code(*code)) {
      m.ioctl_code = *c;
    } else {
      ok = false;
    }
  }
  if (!ok)
    return std::nullopt;
  return m;
}

void parse_offsets(const Value& v, OffsetSpec& offsets) {
  const ObjectView o(v, keys::kOffsets, "an offsets object {\"pattern\", \"start\", \"span\", \"align\"}");
  if (auto p = o.get("pattern"))
    if (auto k = read_choice(*p, kPatterns))
      offsets.pattern = *k == 0 ? OffsetSpec::Pattern::SEQUENTIAL : OffsetSpec::Pattern::RANDOM;
  bool ok = true;
  auto size = [&](std::string_view key, bool positive, std::uint64_t& out) {
    if (auto s = o.get(key)) {
      if (auto bytes = read_size(*s, positive))
        out = *bytes;
      else
        ok = false;
    }
  };
  size("start", false, offsets.start_bytes);
  size("span", true, offsets.span_bytes);
  size("align", true, offsets.align_bytes);
  if (!ok || !o.ok())
    return;
  const Pointer span_at = o.at() / "span";
  if (offsets.span_bytes < offsets.align_bytes)
    v.issues.add(span_at, "expected a span >= align (" + std::to_string(offsets.align_bytes) + " bytes), found " +
                              std::to_string(offsets.span_bytes) + " bytes");
  else if (offsets.start_bytes > std::numeric_limits<std::uint64_t>::max() - offsets.span_bytes)
    v.issues.add(span_at, "expected start + span below 2^64 bytes, found start " +
                              std::to_string(offsets.start_bytes) + " + span " + std::to_string(offsets.span_bytes));
}

// The originator's IoCancelIrp: a share of the requests, a time after issuing each.
void parse_cancel(const Value& v, WorkloadSpec& w) {
  const ObjectView o(v, keys::kCancel, "an object {\"share\": NUMBER, \"after\": DURATION}");
  if (auto share = o.need("share"))
    if (auto p = read_number(*share, 0, 1, false))
      w.cancel_share = *p;
  if (auto after = o.need("after"))
    if (auto t = read_duration(*after))
      w.cancel_after_s = *t;
}

// Keys that only the other kind of workload takes.
void reject_keys(const ObjectView& o, std::initializer_list<std::string_view> keys, std::string_view why) {
  for (std::string_view key : keys)
    if (auto v = o.get(key))
      v->expected("no " + quote(key) + " " + std::string(why));
}

// Where the requests are submitted from: "host", "threads" and "cpus" (every kind of workload takes them). The host
// is resolved, and the cpus checked against its cores, by check_topology.
void parse_submitters(const ObjectView& o, WorkloadSpec& w, std::optional<Reference>& host,
                      std::vector<Pointer>& cpus_at) {
  if (auto h = o.get("host")) {
    if (h->node.is_string())
      host = Reference{h->node.get<std::string>(), h->at};
    else
      h->expected("the name of a host");
  }
  if (auto t = o.get("threads")) {
    Issues scratch;  // one wording for every wrong value, the range included
    if (auto n = read_unsigned(Value{t->node, t->at, scratch}, 1, kMaxThreads))
      w.threads = static_cast<std::uint32_t>(*n);
    else
      t->expected("an integer from 1 to " + std::to_string(kMaxThreads));
  }
  if (auto c = o.get("cpus"))
    read_cores(*c, "a non-empty array of core indices of the workload's host", w.cpus, cpus_at);
}

WorkloadSpec parse_workload(const Value& v, std::optional<Reference>& stack, std::optional<Reference>& host,
                            std::vector<Pointer>& cpus_at) {
  WorkloadSpec w;
  w.think_time.kind = DistributionSpec::Kind::CONSTANT;
  w.think_time.value = 0;
  const ObjectView o(v, keys::kWorkload, "a workload object");
  if (auto n = o.need("name"))
    if (auto name = read_name(*n))
      w.name = *name;
  if (auto st = o.need("stack")) {
    if (st->node.is_string())
      stack = Reference{st->node.get<std::string>(), st->at};
    else
      st->expected("the name of a stack");
  }
  parse_submitters(o, w, host, cpus_at);
  std::optional<std::size_t> kind;
  if (auto t = o.need("type"))
    kind = read_choice(*t, kKinds);
  const bool closed = kind && *kind == 0, open = kind && *kind == 1, trace = kind && *kind == 2;
  if (closed) {
    reject_keys(o, {"arrival", "rate", "trace"}, "in a closed workload (only open workloads have arrivals)");
  } else if (open) {
    reject_keys(o, {"queue_depth", "think_time", "trace"},
                "in an open workload (only closed workloads have a queue depth)");
  } else if (trace) {
    reject_keys(o, {"queue_depth", "think_time", "arrival", "rate", "mix", "offsets"},
                "in a trace workload (the trace gives each request; a closed replay's queue depth goes in \"trace\")");
    if (auto t = o.need("trace", " for a trace workload"))
      w.trace = parse_trace(*t, w);
    if (auto c = o.get("cancel"))
      parse_cancel(*c, w);
    return w;
  }
  if (auto qd = closed ? o.need("queue_depth", " for a closed workload") : (open ? std::nullopt : o.get("queue_depth")))
    if (auto n = read_unsigned(*qd, 1, std::numeric_limits<std::uint32_t>::max()))
      w.queue_depth = static_cast<std::uint32_t>(*n);
  if (auto tt = open ? std::nullopt : o.get("think_time"))
    if (auto d = read_distribution(*tt))
      w.think_time = *d;
  if (auto a = open ? o.need("arrival", " for an open workload") : (closed ? std::nullopt : o.get("arrival")))
    if (auto k = read_choice(*a, kArrivals))
      w.kind = *k == 0 ? WorkloadSpec::Kind::OPEN_POISSON : WorkloadSpec::Kind::OPEN_FIXED;
  if (auto r = open ? o.need("rate", " for an open workload") : (closed ? std::nullopt : o.get("rate")))
    if (auto rate = read_rate(*r))
      w.rate_per_s = *rate;
  if (closed)
    w.kind = WorkloadSpec::Kind::CLOSED;
  if (auto m = o.need("mix")) {
    if (auto entries = read_array(*m, 1, "a non-empty array of mix entries")) {
      double total = 0;  // of the weights so far: must stay finite, or no entry could be drawn
      for (const Value& e : *entries) {
        auto entry = parse_mix_entry(e);
        // Only a written weight can overflow the sum (the default 1 cannot).
        auto weight = e.node.find("weight");
        if (entry && weight != e.node.end() && !std::isfinite(total + entry->weight)) {
          Value{*weight, e.at / "weight", e.issues}.expected(sum_overflow_what(total));
          entry.reset();
        }
        if (entry) {
          total += entry->weight;
          w.mix.push_back(*entry);
        }
      }
    }
  }
  if (auto off = o.get("offsets"))
    parse_offsets(*off, w.offsets);
  if (auto c = o.get("cancel"))
    parse_cancel(*c, w);
  return w;
}

}  // namespace

void parse_workloads(const ObjectView& root, Scenario& s, Drafts& d) {
  auto section = root.need("workloads");
  auto items = section ? read_array(*section, 1, "a non-empty array of workloads") : std::nullopt;
  if (!items)
    return;
  for (const Value& item : *items) {
    std::optional<Reference> stack, host;
    std::vector<Pointer> cpus_at;
    s.workloads.push_back(parse_workload(item, stack, host, cpus_at));
    d.workloads.push_back(item.at);
    d.workload_stack.push_back(std::move(stack));
    d.workload_host.push_back(std::move(host));
    d.workload_cpus.push_back(std::move(cpus_at));
  }
}

void parse_stop_warmup_and_limits(const ObjectView& root, Scenario& s) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  const bool all_traces = !s.workloads.empty() && std::all_of(s.workloads.begin(), s.workloads.end(),
                                                              [](const WorkloadSpec& w) { return is_trace(w.kind); });
  if (auto stop = all_traces ? root.get("stop")
                             : root.need("stop", " (only a scenario whose every workload replays a trace may leave it "
                                                 "out)")) {
    const ObjectView o(*stop, keys::kStop, "an object {\"requests\": N, \"time\": DURATION}");
    if (auto r = o.get("requests"))
      s.stop.requests = read_unsigned(*r, 1, kMax);
    if (auto t = o.get("time"))
      s.stop.time_s = read_duration(*t, true);
    if (o.ok() && !o.has("requests") && !o.has("time"))
      stop->expected("at least one of the keys \"requests\" and \"time\"");
  }
  if (auto limits = root.get("limits")) {
    const ObjectView o(*limits, keys::kLimits,
                       "an object {\"simulated_time\": DURATION, \"wall_time\": DURATION, \"requests_in_flight\": N}");
    if (auto t = o.get("simulated_time"))
      s.limits.simulated_time_s = read_duration(*t, true);
    if (auto t = o.get("wall_time"))
      s.limits.wall_time_s = read_duration(*t, true);
    if (auto n = o.get("requests_in_flight"))
      if (auto v = read_unsigned(*n, 1, kMax))
        s.limits.requests_in_flight = *v;
  }
  auto warmup = root.get("warmup");
  if (!warmup)
    return;
  const ObjectView o(*warmup, keys::kWarmup, "an object {\"requests\": N, \"time\": DURATION}");
  if (auto r = o.get("requests")) {
    if (auto n = read_unsigned(*r, 0, kMax)) {
      if (s.stop.requests && *n >= *s.stop.requests)
        r->expected("fewer warm-up requests than stop.requests (" + std::to_string(*s.stop.requests) + ")");
      else
        s.warmup.requests = *n;
    }
  }
  if (auto t = o.get("time")) {
    if (auto time = read_duration(*t)) {
      if (s.stop.time_s && *time >= *s.stop.time_s)
        t->expected("a warm-up time shorter than stop.time (" + describe(*root.get("stop")->node.find("time")) + ")");
      else
        s.warmup.time_s = *time;
    }
  }
}

}  // namespace irpsim::scenario::detail
