#include "sim/report/trace_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

// How the event stream becomes a trace (the Chrome trace-event JSON object format, read by Perfetto and
// chrome://tracing):
//
// * One process ("irpsim", pid 1) and one thread per actor, tid 1, 2, ... in order of first appearance in the traced
//   events; thread_sort_index puts workloads first, then drivers, I/O targets and devices, each in order of
//   appearance. The kind of an actor is the kind of step it first appears in.
// * Each traced IRP is one nestable async tree (category "irp", id = the IRP id, so two IRPs never share a tree, and
//   both viewers give every IRP its own row however they overlap): one span per layer it visits, named after the
//   actor, on the actor's tid. Workload: issued .. irp_completed. Driver: arrived .. request_completed (a driver that
//   auto-forwards gets an "auto_forwarded" instant instead of a span; its "b" is therefore written at the first step
//   after "arrived", with the arrival time). Created request: created .. deleted, at the creating driver. I/O target:
//   sent or pended .. the IRP goes down (arrives at the next layer) or comes back up without going down (a purge).
//   Device: hardware_started .. hardware_done. Spans close innermost first: a step at an upper layer closes every
//   span below it still open (a send-and-forget driver never completes its request: its span ends when the IRP
//   passes above it). "b" args carry irp and type (and queued_ns, pended, parent_irp); "e" args status and
//   information_bytes, from the step that closed the span.
// * Arrows: v1 flow events ("s" .. "f" with bp "e", category "flow", one id per hop) from layer to layer, down
//   and back up. Both viewers bind v1 flows only to slices of the thread track, never to async spans, so each end
//   of a hop sits on a zero-length instant (category "step", named after the step) on the actor's track, written
//   just before the flow event. A hop leaves when the IRP leaves a layer (issued, auto_forwarded, sent through a
//   target, hardware_done, request_completed) and lands where it next shows up; where the leaving is not a step of
//   its own (a driver's send, a driver starting the hardware, a pended request purged) the hop is drawn at the
//   landing time. A created IRP's first hop leaves its parent's driver at "created".
// * Instants (category "irp") on the actor's track: timed_out, cancel_requested (on the canceller's track),
//   send_failed, violation, auto_forwarded, resubmitted.
// * Sampling: workload IRPs (those that are "issued") are traced when id % k == 0 (k = ceil(expected / max) when the
//   expected count exceeds the cap, 1 otherwise) and fewer than max_irps were traced; the others are counted as
//   skipped. IRPs a traced IRP's drivers create are traced with it and counted apart. Only IRPs in flight have state.
// * Everything but async spans is written in stream (simulated-time) order, so timestamps never decrease on a
//   thread track. Timestamps are microseconds with up to three decimals: the nanosecond the event log shows.

namespace irpsim::report {

namespace {

using core::IrpEvent;
using core::IrpEventKind;

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(err));
}

enum class ActorKind : std::uint8_t { WORKLOAD, DRIVER, TARGET, DEVICE };
enum class SpanKind : std::uint8_t { WORKLOAD, DRIVER, CREATED, TARGET, DEVICE };

constexpr std::uint32_t kPid = 1;
constexpr std::int64_t kSortRank = 1000000;  // thread_sort_index = rank of the actor kind * this + tid

struct Span {
  std::uint32_t tid;
  SpanKind kind;
  bool written;  // the "b" is out (a driver's waits for the step after "arrived")
  bool pended;
  std::int64_t begin_ns;
};

// What a traced IRP in flight needs: its open spans (innermost last) and where its arrow is.
struct IrpState {
  std::vector<Span> stack;
  core::RequestType type = core::RequestType::READ;
  std::uint64_t parent = IrpEvent::kNoIrp;
  std::uint32_t location = 0;      // tid of the layer the IRP was last seen at
  std::uint64_t pending_flow = 0;  // an arrow that left `pending_from` and has not landed yet (0: none)
  std::uint32_t pending_from = 0;
};

ActorKind actor_kind_of(IrpEventKind kind, std::string_view name) {
  switch (kind) {
    case IrpEventKind::ISSUED:
    case IrpEventKind::IRP_COMPLETED:
      return ActorKind::WORKLOAD;
    case IrpEventKind::SENT:
    case IrpEventKind::PENDED:
    case IrpEventKind::RESUBMITTED:
    case IrpEventKind::TIMED_OUT:
      return ActorKind::TARGET;
    case IrpEventKind::HARDWARE_STARTED:
    case IrpEventKind::HARDWARE_DONE:
      return ActorKind::DEVICE;
    case IrpEventKind::CANCEL_REQUESTED:  // whoever cancelled: a target's name has an arrow
      return name.find("->") != std::string_view::npos ? ActorKind::TARGET : ActorKind::DRIVER;
    default:
      return ActorKind::DRIVER;
  }
}

}  // namespace

struct TraceWriter::Impl {
  std::string path, temp_path;
  std::FILE* file = nullptr;
  std::string out;  // events not yet handed to `file`
  bool write_failed = false;

  std::uint64_t max_irps = 0, expected_irps = 0, sampling_step = 1;
  std::uint64_t traced = 0, skipped = 0, created_traced = 0, unfinished = 0;

  std::map<std::string, std::uint32_t, std::less<>> tids;  // actor name -> tid
  std::vector<std::string> names;                          // tid - 1 -> actor name
  std::unordered_map<std::uint64_t, IrpState> irps;        // traced IRPs in flight
  std::uint64_t next_flow = 1;
  std::int64_t now_ns = 0;
  std::vector<std::uint32_t> marked;  // tracks that got a thread slice for the step being handled

  // ---- output ----
  void flush_out() {
    if (!out.empty() && std::fwrite(out.data(), 1, out.size(), file) != out.size())
      write_failed = true;
    out.clear();
  }
  void end_event() {
    out += "}";
    if (out.size() >= (1u << 16))
      flush_out();
  }
  void put_uint(std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    for (const char* c = buf; c != r.ptr; ++c)  // (append(first, last) trips GCC 12's -Wrestrict)
      out += *c;
  }
  void put_int(std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    for (const char* c = buf; c != r.ptr; ++c)
      out += *c;
  }
  void put_string(std::string_view s) {
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += c;
      }
    }
    out += '"';
  }
  // Microseconds, with the nanoseconds as up to three decimals ("12", "12.5", "12.345").
  void put_ts(std::int64_t ns) {
    put_int(ns / 1000);
    int frac = static_cast<int>(ns % 1000);
    if (frac == 0)
      return;
    char digits[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10), 0};
    int n = 3;
    while (digits[n - 1] == '0')
      digits[--n] = 0;
    out += '.';
    out += digits;
  }
  // `,\n{"ph":P,"cat":C,"name":N,"pid":1,"tid":T` (and "ts" when ts_ns >= 0)
  void start_event(char ph, std::string_view cat, std::string_view name, std::uint32_t tid, std::int64_t ts_ns) {
    out += ",\n{\"ph\":\"";
    out += ph;
    out += "\",\"cat\":";
    put_string(cat);
    out += ",\"name\":";
    put_string(name);
    out += ",\"pid\":";
    put_uint(kPid);
    out += ",\"tid\":";
    put_uint(tid);
    if (ts_ns >= 0) {
      out += ",\"ts\":";
      put_ts(ts_ns);
    }
  }

  const std::string& name_of(std::uint32_t tid) const { return names[tid - 1]; }

  std::uint32_t actor(std::string_view name, ActorKind kind) {
    if (auto it = tids.find(name); it != tids.end())
      return it->second;
    const auto tid = static_cast<std::uint32_t>(names.size() + 1);
    names.emplace_back(name);
    tids.emplace(std::string(name), tid);
    out += ",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":";
    put_uint(kPid);
    out += ",\"tid\":";
    put_uint(tid);
    out += ",\"args\":{\"name\":";
    put_string(name);
    out += "}}";
    out += ",\n{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":";
    put_uint(kPid);
    out += ",\"tid\":";
    put_uint(tid);
    out += ",\"args\":{\"sort_index\":";
    put_int(static_cast<std::int64_t>(kind) * kSortRank + tid);
    out += "}}";
    return tid;
  }

  // ---- async spans ----
  void write_begin(std::uint64_t irp, const IrpState& s, const Span& span, std::int64_t queued_ns) {
    start_event('b', "irp", name_of(span.tid), span.tid, span.begin_ns);
    out += ",\"id\":";
    put_uint(irp);
    out += ",\"args\":{\"irp\":";
    put_uint(irp);
    out += ",\"type\":";
    put_string(core::type_name(s.type));
    if (queued_ns > 0) {
      out += ",\"queued_ns\":";
      put_int(queued_ns);
    }
    if (span.pended)
      out += ",\"pended\":true";
    if (span.kind == SpanKind::CREATED) {
      out += ",\"parent_irp\":";
      put_uint(s.parent);
    }
    out += "}";
    end_event();
  }
  void open_span(std::uint64_t irp, IrpState& s, std::uint32_t tid, SpanKind kind, std::int64_t t, bool deferred,
                 bool pended = false) {
    s.stack.push_back(Span{tid, kind, !deferred, pended, t});
    if (!deferred)
      write_begin(irp, s, s.stack.back(), -1);
  }
  void flush_deferred(std::uint64_t irp, IrpState& s, std::int64_t presented_ns) {
    if (s.stack.empty() || s.stack.back().written)
      return;
    Span& span = s.stack.back();
    span.written = true;
    write_begin(irp, s, span, presented_ns >= 0 ? presented_ns - span.begin_ns : -1);
  }
  void close_top(std::uint64_t irp, IrpState& s, std::int64_t t, const IrpEvent* e) {
    Span span = s.stack.back();
    if (!span.written)
      write_begin(irp, s, span, -1);
    s.stack.pop_back();
    start_event('e', "irp", name_of(span.tid), span.tid, t);
    out += ",\"id\":";
    put_uint(irp);
    out += ",\"args\":{";
    if (e != nullptr) {
      out += "\"status\":";
      put_string(core::status_name(e->status));
      out += ",\"information_bytes\":";
      put_uint(e->information_bytes);
    } else {
      out += "\"unfinished\":true";
    }
    out += "}";
    end_event();
  }
  // Index of the innermost open span of `tid` among `kinds`, or -1.
  int find_span(const IrpState& s, std::uint32_t tid, std::initializer_list<SpanKind> kinds) const {
    for (int i = static_cast<int>(s.stack.size()) - 1; i >= 0; --i)
      if (s.stack[i].tid == tid && std::find(kinds.begin(), kinds.end(), s.stack[i].kind) != kinds.end())
        return i;
    return -1;
  }
  // Closes the spans inside span `index` (and that span too when `inclusive`).
  void close_to(std::uint64_t irp, IrpState& s, int index, bool inclusive, std::int64_t t, const IrpEvent& e) {
    const auto keep = static_cast<std::size_t>(inclusive ? index : index + 1);
    while (s.stack.size() > keep)
      close_top(irp, s, t, &e);
  }

  // ---- thread-track instants and flows ----
  void instant(std::string_view cat, std::string_view name, std::uint32_t tid, std::int64_t t, std::uint64_t irp,
               const IrpEvent* e, const IrpState* s) {
    start_event('i', cat, name, tid, t);
    out += ",\"s\":\"t\",\"args\":{\"irp\":";
    put_uint(irp);
    if (s != nullptr) {
      out += ",\"type\":";
      put_string(core::type_name(s->type));
    }
    if (e != nullptr) {
      out += ",\"status\":";
      put_string(core::status_name(e->status));
    }
    out += "}";
    end_event();
    if (std::find(marked.begin(), marked.end(), tid) == marked.end())
      marked.push_back(tid);
  }
  // The slice a flow event on `tid` binds to: one per track and step.
  void marker(std::string_view name, std::uint32_t tid, std::int64_t t, std::uint64_t irp) {
    if (std::find(marked.begin(), marked.end(), tid) == marked.end())
      instant("step", name, tid, t, irp, nullptr, nullptr);
  }
  void flow(char ph, std::uint64_t id, std::uint32_t tid, std::int64_t t) {
    start_event(ph, "flow", "irp", tid, t);
    out += ",\"id\":";
    put_uint(id);
    if (ph == 'f')
      out += ",\"bp\":\"e\"";
    end_event();
  }
  // The IRP shows up at `tid`: land the arrow in flight, or draw one from where it was.
  void arrive(std::uint64_t irp, IrpState& s, std::uint32_t tid, std::string_view step, std::int64_t t) {
    if (s.pending_flow != 0) {
      marker(step, tid, t, irp);
      flow('f', s.pending_flow, tid, t);
      s.pending_flow = 0;
    } else if (s.location != tid && s.location != 0) {
      const std::uint64_t id = next_flow++;
      marker(step, s.location, t, irp);
      flow('s', id, s.location, t);
      marker(step, tid, t, irp);
      flow('f', id, tid, t);
    }
    s.location = tid;
  }
  // The IRP leaves `tid`: an arrow starts here and lands where the IRP shows up next.
  void depart(std::uint64_t irp, IrpState& s, std::uint32_t tid, std::string_view step, std::int64_t t) {
    if (s.pending_flow != 0)
      arrive(irp, s, tid, step, t);
    const std::uint64_t id = next_flow++;
    marker(step, tid, t, irp);
    flow('s', id, tid, t);
    s.pending_flow = id;
    s.pending_from = tid;
    s.location = tid;
  }

  // ---- the stream ----
  void start_workload_irp(const IrpEvent& e, std::int64_t t) {
    const bool sampled = max_irps > 0 && e.irp_id % sampling_step == 0 && traced < max_irps;
    if (!sampled || irps.count(e.irp_id) != 0) {
      ++skipped;
      return;
    }
    ++traced;
    IrpState& s = irps[e.irp_id];
    s.type = e.type;
    const std::uint32_t w = actor(e.at, ActorKind::WORKLOAD);
    open_span(e.irp_id, s, w, SpanKind::WORKLOAD, t, false);
    depart(e.irp_id, s, w, "issued", t);
  }
  void start_created_irp(const IrpEvent& e, std::int64_t t) {
    if (e.related_irp == IrpEvent::kNoIrp || irps.count(e.related_irp) == 0 || irps.count(e.irp_id) != 0)
      return;
    ++created_traced;
    IrpState& s = irps[e.irp_id];
    s.type = e.type;
    s.parent = e.related_irp;
    const std::uint32_t d = actor(e.at, ActorKind::DRIVER);
    open_span(e.irp_id, s, d, SpanKind::CREATED, t, false);
    depart(e.irp_id, s, d, "created", t);  // the arrow from the parent's driver
  }

  void record(const IrpEvent& e) {
    const std::int64_t t = std::max<std::int64_t>(std::llround(e.time_s * 1e9), now_ns);
    now_ns = t;
    marked.clear();
    if (e.kind == IrpEventKind::ISSUED) {
      start_workload_irp(e, t);
      return;
    }
    if (e.kind == IrpEventKind::CREATED) {
      start_created_irp(e, t);
      return;
    }
    const auto it = irps.find(e.irp_id);
    if (it == irps.end())
      return;
    const std::uint64_t irp = e.irp_id;
    IrpState& s = it->second;
    if (e.kind != IrpEventKind::AUTO_FORWARDED)
      flush_deferred(irp, s, e.kind == IrpEventKind::PRESENTED ? t : -1);
    const std::uint32_t at = actor(e.at, actor_kind_of(e.kind, e.at));
    const std::string_view name = core::event_name(e.kind);
    const auto close_target_on_top = [&] {
      if (!s.stack.empty() && s.stack.back().kind == SpanKind::TARGET)
        close_top(irp, s, t, &e);
    };
    switch (e.kind) {
      case IrpEventKind::ARRIVED:
        close_target_on_top();
        arrive(irp, s, at, name, t);
        open_span(irp, s, at, SpanKind::DRIVER, t, true);
        break;
      case IrpEventKind::AUTO_FORWARDED:
        if (!s.stack.empty() && s.stack.back().tid == at && s.stack.back().kind == SpanKind::DRIVER) {
          if (s.stack.back().written)
            close_top(irp, s, t, &e);
          else
            s.stack.pop_back();
        }
        instant("irp", name, at, t, irp, &e, &s);
        depart(irp, s, at, name, t);
        break;
      case IrpEventKind::PRESENTED:
        break;  // the driver's span begins at "arrived"; flush_deferred wrote it with the queueing time
      case IrpEventKind::SENT:
      case IrpEventKind::PENDED: {
        const bool resubmitted = !s.stack.empty() && s.stack.back().tid == at && s.stack.back().kind == SpanKind::TARGET;
        if (!resubmitted) {
          arrive(irp, s, at, name, t);
          open_span(irp, s, at, SpanKind::TARGET, t, false, e.kind == IrpEventKind::PENDED);
        }
        if (e.kind == IrpEventKind::SENT)
          depart(irp, s, at, name, t);
        break;
      }
      case IrpEventKind::HARDWARE_STARTED:
        close_target_on_top();
        arrive(irp, s, at, name, t);
        open_span(irp, s, at, SpanKind::DEVICE, t, false);
        break;
      case IrpEventKind::HARDWARE_DONE:
        if (const int i = find_span(s, at, {SpanKind::DEVICE}); i >= 0)
          close_to(irp, s, i, true, t, e);
        depart(irp, s, at, name, t);
        break;
      case IrpEventKind::COMPLETION_ROUTINE:
        if (const int i = find_span(s, at, {SpanKind::DRIVER, SpanKind::CREATED}); i >= 0)
          close_to(irp, s, i, false, t, e);
        arrive(irp, s, at, name, t);
        break;
      case IrpEventKind::REQUEST_COMPLETED:
        if (const int i = find_span(s, at, {SpanKind::DRIVER}); i >= 0)
          close_to(irp, s, i, true, t, e);
        arrive(irp, s, at, name, t);
        depart(irp, s, at, name, t);
        break;
      case IrpEventKind::IRP_COMPLETED:  // back at the originator: every span of the IRP ends
      case IrpEventKind::DELETED:
        close_to(irp, s, 0, true, t, e);
        arrive(irp, s, at, name, t);
        irps.erase(it);
        break;
      case IrpEventKind::RESUBMITTED:
      case IrpEventKind::SEND_FAILED:
      case IrpEventKind::CANCEL_REQUESTED:
      case IrpEventKind::TIMED_OUT:
      case IrpEventKind::VIOLATION:
        instant("irp", name, at, t, irp, &e, &s);
        break;
      case IrpEventKind::ISSUED:
      case IrpEventKind::CREATED:
        break;
    }
  }

  // IRPs still in flight when the run ends: their arrows land where they left, their spans end now.
  void close_unfinished() {
    std::vector<std::uint64_t> ids;
    ids.reserve(irps.size());
    for (const auto& [id, s] : irps)
      ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    for (const std::uint64_t id : ids) {
      IrpState& s = irps[id];
      marked.clear();
      flush_deferred(id, s, -1);
      if (s.pending_flow != 0) {
        marker("unfinished", s.pending_from, now_ns, id);
        flow('f', s.pending_flow, s.pending_from, now_ns);
      }
      while (!s.stack.empty())
        close_top(id, s, now_ns, nullptr);
      ++unfinished;
    }
    irps.clear();
  }

  void write_trailer() {
    out += "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":{\"generator\":\"irpsim\",\"irps_traced\":";
    put_uint(traced);
    out += ",\"irps_skipped\":";
    put_uint(skipped);
    out += ",\"sampling_step\":";
    put_uint(sampling_step);
    out += ",\"max_irps\":";
    put_uint(max_irps);
    out += ",\"expected_irps\":";
    put_uint(expected_irps);
    out += ",\"cap_applied\":";
    out += skipped > 0 ? "true" : "false";
    out += ",\"created_irps_traced\":";
    put_uint(created_traced);
    out += ",\"irps_unfinished\":";
    put_uint(unfinished);
    out += "}}\n";
  }
};

TraceWriter::TraceWriter(std::string path, std::uint64_t max_irps, std::uint64_t expected_irps) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->path = std::move(path);
  impl->max_irps = max_irps;
  impl->expected_irps = expected_irps;
  if (max_irps > 0 && expected_irps > max_irps)
    impl->sampling_step = (expected_irps + max_irps - 1) / max_irps;
  const fs::path target(impl->path);
  if (target.filename().empty())
    fail("cannot write", impl->path, EISDIR);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".tmp.XXXXXX";
  std::string temp = (dir / temp_name).string();
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0)
    fail("cannot write", impl->path, errno);
  impl->temp_path = temp;
  ::fchmod(fd, 0644);  // mkostemp creates 0600; a trace is shared like any output (best effort)
  impl->file = ::fdopen(fd, "w");
  if (impl->file == nullptr) {
    const int err = errno;
    ::close(fd);
    ::unlink(impl->temp_path.c_str());
    fail("cannot write", impl->path, err);
  }
  impl->out = "{\"traceEvents\":[\n{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"args\":{\"name\":\"irpsim\"}}";
  impl_ = impl.release();
}

TraceWriter::~TraceWriter() {
  if (impl_->file != nullptr) {
    std::fclose(impl_->file);
    ::unlink(impl_->temp_path.c_str());
  }
  delete impl_;
}

void TraceWriter::record(const core::IrpEvent& event) {
  if (impl_->file != nullptr)
    impl_->record(event);
}

void TraceWriter::finish() {
  Impl& m = *impl_;
  if (m.file == nullptr)
    return;
  m.close_unfinished();
  m.write_trailer();
  m.flush_out();
  const bool flushed = std::fflush(m.file) == 0 && ::fsync(::fileno(m.file)) == 0;
  const int flush_err = errno;
  const bool closed = std::fclose(m.file) == 0;
  m.file = nullptr;
  if (m.write_failed || !flushed || !closed) {
    ::unlink(m.temp_path.c_str());
    fail("cannot write", m.path, m.write_failed || !flushed ? (flush_err != 0 ? flush_err : EIO) : errno);
  }
  if (::rename(m.temp_path.c_str(), m.path.c_str()) != 0) {
    const int err = errno;
    ::unlink(m.temp_path.c_str());
    fail("cannot write", m.path, err);
  }
}

std::uint64_t TraceWriter::irps_traced() const { return impl_->traced; }
std::uint64_t TraceWriter::irps_skipped() const { return impl_->skipped; }

}  // namespace irpsim::report
