// A trace workload's "trace" object, and the check of the trace file itself: its path is resolved against the
// scenario's folder and the whole file is read once (replay::take_census), so a missing file, a wrong header or a
// malformed line is a scenario error, with the file's line number, before anything runs.
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "sim/scenario/keys.hpp"
#include "sim/scenario/sections.hpp"

namespace irpsim::scenario::detail {
namespace {

constexpr std::array<std::string_view, 2> kTimings{"recorded", "closed"};
constexpr std::array<std::string_view, 2> kOrigins{"zero", "first_request"};
constexpr std::array<std::string_view, 2> kOnMalformed{"fail", "skip"};
constexpr std::array<std::string_view, 4> kFormats{"csv", "fio_iolog", "blkparse", "disksim"};
// blkparse's action letters (blkparse(1), "ACTION IDENTIFIERS"; 'm' is a message).
constexpr std::string_view kBlkparseActions = "ABCDFGIMPQSTUXm";
// Longest simulated time a recorded replay may span (as for every duration of a scenario).
constexpr double kMaxReplaySpanS = 1e6;

std::string seconds_text(double s) {
  char text[40];
  std::snprintf(text, sizeof text, "%.9g s", s);
  return text;
}

// A key that only some formats or one timing take.
void reject_unless(const ObjectView& o, std::string_view key, bool allowed, std::string_view why) {
  if (auto v = o.get(key); v && !allowed)
    v->expected("no " + quote(key) + " " + std::string(why));
}

std::optional<std::string> read_device(const Value& v, replay::TraceFormat format) {
  auto text = read_string(v);
  if (!text)
    return std::nullopt;
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 10 && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (format == replay::TraceFormat::BLKPARSE) {
    const auto comma = text->find(',');
    if (comma != std::string::npos && digits(std::string_view(*text).substr(0, comma)) &&
        digits(std::string_view(*text).substr(comma + 1)))
      return text;
    v.expected("a blkparse device \"MAJOR,MINOR\" such as \"8,0\"");
    return std::nullopt;
  }
  if (digits(*text))
    return std::to_string(std::stoull(*text));  // "007" selects device 7, as the trace's numbers are read
  v.expected("a DiskSim device number such as \"0\"");
  return std::nullopt;
}

}  // namespace

std::optional<TraceSpec> parse_trace(const Value& v, WorkloadSpec& w) {
  const ObjectView o(v, keys::kTrace, "a trace object {\"file\": PATH, \"format\": FORMAT, ...}");
  if (!o.ok())
    return std::nullopt;
  TraceSpec t;
  bool ok = true;
  if (auto f = o.need("file")) {
    auto file = read_string(*f);
    if (file && file->empty()) {
      f->expected("the path of a trace file");
      file.reset();
    }
    ok = ok && file;
    if (file)
      t.file = *file;
  } else {
    ok = false;
  }
  std::optional<replay::TraceFormat> format;
  if (auto f = o.need("format"))
    if (auto k = read_choice(*f, kFormats))
      format = replay::parse_format(kFormats[*k]);
  ok = ok && format;
  if (format)
    t.format = *format;
  bool closed = false;
  if (auto timing = o.get("timing")) {
    auto k = read_choice(*timing, kTimings);
    ok = ok && k;
    closed = k && *k == 1;
  }
  w.kind = closed ? WorkloadSpec::Kind::TRACE_CLOSED : WorkloadSpec::Kind::TRACE_RECORDED;
  if (auto qd = closed ? o.need("queue_depth", " for a trace replayed with \"timing\": \"closed\"") : std::nullopt) {
    if (auto n = read_unsigned(*qd, 1, std::numeric_limits<std::uint32_t>::max()))
      w.queue_depth = static_cast<std::uint32_t>(*n);
    else
      ok = false;
  }
  reject_unless(o, "queue_depth", closed, "with \"timing\": \"recorded\" (the trace's times say when to issue)");
  reject_unless(o, "time_scale", !closed, "with \"timing\": \"closed\" (requests go as fast as the queue depth allows)");
  reject_unless(o, "time_origin", !closed, "with \"timing\": \"closed\" (requests go as fast as the queue depth allows)");
  if (auto s = closed ? std::nullopt : o.get("time_scale")) {
    if (auto scale = read_number(*s, 0, 1e6, true))
      t.time_scale = *scale;
    else
      ok = false;
  }
  if (auto origin = closed ? std::nullopt : o.get("time_origin")) {
    if (auto k = read_choice(*origin, kOrigins))
      t.origin = *k == 0 ? TraceSpec::Origin::ZERO : TraceSpec::Origin::FIRST_REQUEST;
    else
      ok = false;
  }
  if (auto m = o.get("malformed")) {
    if (auto k = read_choice(*m, kOnMalformed))
      t.skip_malformed = *k == 1;
    else
      ok = false;
  }
  const bool blkparse = format == replay::TraceFormat::BLKPARSE, disksim = format == replay::TraceFormat::DISKSIM,
             fio = format == replay::TraceFormat::FIO_IOLOG;
  if (format) {
    reject_unless(o, "device", blkparse || disksim, "in this format (only blkparse and disksim traces name devices)");
    reject_unless(o, "action", blkparse, "in this format (only blkparse traces have actions)");
    reject_unless(o, "fio_file", fio, "in this format (only fio iologs name files)");
    if (auto d = (blkparse || disksim) ? o.get("device") : std::nullopt) {
      t.selection.device = read_device(*d, *format);
      ok = ok && t.selection.device;
    }
    if (auto a = blkparse ? o.get("action") : std::nullopt) {
      auto action = read_string(*a);
      if (action && action->size() == 1 && kBlkparseActions.find((*action)[0]) != std::string_view::npos) {
        t.selection.blkparse_action = (*action)[0];
      } else {
        if (action)
          a->expected("one blkparse action letter such as \"Q\" (queued) or \"D\" (issued to the driver)");
        ok = false;
      }
    }
    if (auto f = fio ? o.get("fio_file") : std::nullopt) {
      t.selection.file = read_string(*f);
      ok = ok && t.selection.file;
    }
  }
  if (!ok)
    return std::nullopt;
  return t;
}

void check_traces(Scenario& s, const Drafts& d, Issues& issues, const std::filesystem::path& base_dir) {
  for (std::size_t i = 0; i < s.workloads.size() && i < d.workloads.size(); ++i) {
    WorkloadSpec& w = s.workloads[i];
    if (!w.trace)
      continue;
    TraceSpec& t = *w.trace;
    const Pointer at = d.workloads[i] / "trace";
    const std::filesystem::path file(t.file);
    t.path = (file.is_absolute() || base_dir.empty() ? file : base_dir / file).lexically_normal().string();
    try {
      t.census = replay::take_census(t.path, t.format, t.selection);
    } catch (const replay::TraceFileError& e) {
      issues.add(at / "file", "expected a readable " + std::string(replay::format_name(t.format)) +
                                  " trace, found: " + e.what());
      continue;
    }
    const replay::TraceCensus& c = t.census;
    if (c.malformed > 0 && !t.skip_malformed) {
      for (const replay::MalformedLine& m : c.first_malformed)
        issues.add(at / "file", t.path + " line " + std::to_string(m.line) + ": " + m.problem);
      const std::string more = c.malformed > c.first_malformed.size()
                                   ? " (the first " + std::to_string(c.first_malformed.size()) + " are listed)"
                                   : "";
      issues.add(at / "malformed", "expected a trace without malformed lines, or \"malformed\": \"skip\" to replay "
                                   "it without them, found " + std::to_string(c.malformed) + " malformed line" +
                                   (c.malformed == 1 ? "" : "s") + more);
      continue;
    }
    if (c.requests == 0) {
      issues.add(at / "file", "expected a trace with at least one request to replay, found none in " + t.path + " (" +
                                  std::to_string(c.records) + " records: " + std::to_string(c.skipped) +
                                  " skipped, " + std::to_string(c.malformed) + " malformed)");
      continue;
    }
    if (w.kind == WorkloadSpec::Kind::TRACE_RECORDED && t.issue_time_s(c.last_request_s) > kMaxReplaySpanS)
      issues.add(at, "expected a trace whose last request is issued at most " + seconds_text(kMaxReplaySpanS) +
                         " into the run (after time_origin and time_scale), found " +
                         seconds_text(t.issue_time_s(c.last_request_s)));
  }
}

}  // namespace irpsim::scenario::detail
