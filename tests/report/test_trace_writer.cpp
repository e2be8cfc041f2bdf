// GCC 12 warns of out-of-bounds accesses inside nlohmann::json's parser (set_parents() of JSON_DIAGNOSTICS builds), a
// known false positive; before the includes, so that it covers the headers the warning points into.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Warray-bounds"
#endif
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/trace_writer.hpp"

namespace fs = std::filesystem;
using irpsim::core::IrpEvent;
using irpsim::core::IrpEventKind;
using irpsim::core::NtStatus;
using irpsim::core::RequestType;
using irpsim::report::TraceWriter;
using nlohmann::json;
using Catch::Matchers::Contains;
using K = IrpEventKind;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "irpsim-trace-test-XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::size_t entries() const {
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(path); it != fs::directory_iterator(); ++it)
      ++n;
    return n;
  }
};

// One step, with the time in microseconds.
struct Step {
  double us;
  std::uint64_t irp;
  IrpEventKind kind;
  const char* at;
  RequestType type = RequestType::READ;
  NtStatus status = irpsim::core::STATUS_SUCCESS;
  std::uint64_t info = 0;
  std::uint64_t related = IrpEvent::kNoIrp;
};

void feed(TraceWriter& w, const std::vector<Step>& steps) {
  for (const Step& s : steps) {
    IrpEvent e;
    e.time_s = s.us * 1e-6;
    e.irp_id = s.irp;
    e.kind = s.kind;
    e.at = s.at;
    e.type = s.type;
    e.status = s.status;
    e.information_bytes = s.info;
    e.related_irp = s.related;
    w.record(e);
  }
}

std::string str(const json& j) { return j.get<std::string>(); }

json load(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in.good());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return json::parse(text);  // throws, failing the test, on anything that is not JSON
}

// What a trace says, taken apart the way a viewer reads it.
struct Parsed {
  json doc;
  std::map<int, std::string> threads;  // tid -> actor
  std::map<std::string, int> tid_of;
  std::map<int, long long> sort_index;
  struct Span {
    std::string name;
    double begin, end;
    json args;  // "b" args merged with "e" args
  };
  std::map<std::uint64_t, std::vector<Span>> spans;  // IRP id -> its spans, in the order they begin
  struct Arrow {
    std::uint64_t irp;
    std::string from, to;
    double ts_from, ts_to;
  };
  std::vector<Arrow> arrows;                   // in the order they start
  std::vector<std::pair<std::string, json>> instants;  // category "irp": (name, event)
};

Parsed parse(const fs::path& p) {
  Parsed r;
  r.doc = load(p);
  REQUIRE(r.doc.is_object());
  REQUIRE(str(r.doc.at("displayTimeUnit")) == "ns");
  const json& events = r.doc.at("traceEvents");
  REQUIRE(events.is_array());
  int processes = 0;
  std::map<std::uint64_t, std::vector<std::pair<std::size_t, json>>> open;  // IRP id -> stack of "b"
  std::map<int, double> last_ts;                                          // non-async events, per track
  std::map<int, std::pair<double, std::uint64_t>> last_slice;             // per track: (ts, IRP) of the last slice
  std::map<std::uint64_t, std::pair<std::string, json>> flow_starts;
  std::map<std::uint64_t, std::size_t> started_at;
  for (const json& e : events) {
    const std::string ph = e.at("ph");
    if (ph == "M") {
      if (str(e.at("name")) == "process_name") {
        ++processes;
        CHECK(str(e.at("args").at("name")) == "irpsim");
        continue;
      }
      const int tid = e.at("tid").get<int>();
      if (str(e.at("name")) == "thread_name") {
        const auto name = e.at("args").at("name").get<std::string>();
        CHECK(r.threads.count(tid) == 0);
        r.threads[tid] = name;
        r.tid_of[name] = tid;
      } else if (str(e.at("name")) == "thread_sort_index") {
        r.sort_index[tid] = e.at("args").at("sort_index").get<long long>();
      }
      continue;
    }
    const int tid = e.at("tid").get<int>();
    REQUIRE(r.threads.count(tid) == 1);  // every event is on a named track (named before it)
    const double ts = e.at("ts").get<double>();
    if (ph == "b") {
      CHECK(str(e.at("cat")) == "irp");
      const auto id = e.at("id").get<std::uint64_t>();
      r.spans[id].push_back({e.at("name").get<std::string>(), ts, -1, e.value("args", json::object())});
      open[id].emplace_back(r.spans[id].size() - 1, e);
      continue;
    }
    if (ph == "e") {
      const auto id = e.at("id").get<std::uint64_t>();
      REQUIRE_FALSE(open[id].empty());
      auto [index, b] = open[id].back();
      open[id].pop_back();
      CHECK(b.at("name") == e.at("name"));  // the spans of one IRP nest
      CHECK(b.at("cat") == e.at("cat"));
      auto& span = r.spans[id][index];
      span.end = ts;
      CHECK(span.begin <= span.end);
      const json end_args = e.value("args", json::object());
      for (const auto& [k, v] : end_args.items())
        span.args[k] = v;
      continue;
    }
    CHECK(ts >= last_ts[tid]);  // never back in time on a track
    last_ts[tid] = ts;
    if (ph == "i") {
      CHECK(str(e.at("s")) == "t");
      last_slice[tid] = {ts, e.at("args").at("irp").get<std::uint64_t>()};
      if (str(e.at("cat")) == "irp")
        r.instants.emplace_back(e.at("name").get<std::string>(), e);
      continue;
    }
    REQUIRE((ph == "s" || ph == "f"));
    // A flow event binds the slice just before it on its track, at its own time.
    REQUIRE(last_slice.count(tid) == 1);
    CHECK(last_slice[tid].first == ts);
    const auto id = e.at("id").get<std::uint64_t>();
    if (ph == "s") {
      CHECK(flow_starts.count(id) == 0);
      flow_starts[id] = {r.threads[tid], e};
      started_at[id] = r.arrows.size();
      r.arrows.push_back({last_slice[tid].second, r.threads[tid], "", ts, -1});
    } else {
      REQUIRE(flow_starts.count(id) == 1);
      CHECK(str(e.at("bp")) == "e");
      auto& arrow = r.arrows[started_at[id]];
      CHECK(arrow.to.empty());
      CHECK(arrow.irp == last_slice[tid].second);
      arrow.to = r.threads[tid];
      arrow.ts_to = ts;
    }
  }
  CHECK(processes == 1);
  for (auto& [id, stack] : open)
    CHECK(stack.empty());  // every "b" has its "e"
  for (const auto& a : r.arrows)
    CHECK_FALSE(a.to.empty());  // every arrow lands
  return r;
}

std::vector<std::pair<std::string, std::string>> path_of(const Parsed& r, std::uint64_t irp) {
  std::vector<std::pair<std::string, std::string>> hops;
  for (const auto& a : r.arrows)
    if (a.irp == irp)
      hops.emplace_back(a.from, a.to);
  return hops;
}

const Parsed::Span& span(const Parsed& r, std::uint64_t irp, const std::string& name) {
  for (const auto& s : r.spans.at(irp))
    if (s.name == name)
      return s;
  FAIL("no span " << name << " for IRP " << irp);
  throw std::logic_error("unreachable");
}

constexpr NtStatus kDataError = irpsim::core::STATUS_DEVICE_DATA_ERROR;

// Two IRPs through filter -> pdo -> disk0; IRP 1 is issued while IRP 0 is down, waits in the filter's queue, and
// fails on the device after IRP 0 completed.
const std::vector<Step> kTwoIrps = {
    {0, 0, K::ISSUED, "app"},
    {0, 0, K::ARRIVED, "filter"},
    {0, 0, K::PRESENTED, "filter"},
    {0.5, 1, K::ISSUED, "app", RequestType::WRITE},
    {0.5, 1, K::ARRIVED, "filter", RequestType::WRITE},
    {1, 0, K::SENT, "filter->pdo"},
    {1, 0, K::ARRIVED, "pdo"},
    {1, 0, K::PRESENTED, "pdo"},
    {1.5, 1, K::PRESENTED, "filter", RequestType::WRITE},
    {2, 0, K::HARDWARE_STARTED, "disk0"},
    {2.5, 1, K::SENT, "filter->pdo", RequestType::WRITE},
    {2.5, 1, K::ARRIVED, "pdo", RequestType::WRITE},
    {2.5, 1, K::PRESENTED, "pdo", RequestType::WRITE},
    {3, 1, K::HARDWARE_STARTED, "disk0", RequestType::WRITE},
    {10, 0, K::HARDWARE_DONE, "disk0", RequestType::READ, 0, 4096},
    {10, 0, K::COMPLETION_ROUTINE, "pdo", RequestType::READ, 0, 4096},
    {10.5, 0, K::REQUEST_COMPLETED, "pdo", RequestType::READ, 0, 4096},
    {11, 0, K::COMPLETION_ROUTINE, "filter", RequestType::READ, 0, 4096},
    {11.25, 0, K::REQUEST_COMPLETED, "filter", RequestType::READ, 0, 4096},
    {11.25, 0, K::IRP_COMPLETED, "app", RequestType::READ, 0, 4096},
    {12, 1, K::HARDWARE_DONE, "disk0", RequestType::WRITE, kDataError},
    {12, 1, K::COMPLETION_ROUTINE, "pdo", RequestType::WRITE, kDataError},
    {12, 1, K::REQUEST_COMPLETED, "pdo", RequestType::WRITE, kDataError},
    {13.001, 1, K::COMPLETION_ROUTINE, "filter", RequestType::WRITE, kDataError},
    {13.001, 1, K::REQUEST_COMPLETED, "filter", RequestType::WRITE, kDataError},
    {13.001, 1, K::IRP_COMPLETED, "app", RequestType::WRITE, kDataError},
};

}  // namespace

TEST_CASE("trace: two overlapping IRPs through a two-driver stack", "[trace]") {
  TempDir d;
  const fs::path out = d.path / "trace.json";
  {
    TraceWriter w(out.string(), 100, 2);
    feed(w, kTwoIrps);
    CHECK_FALSE(fs::exists(out));  // streamed to a temporary, renamed by finish()
    w.finish();
    CHECK(w.irps_traced() == 2);
    CHECK(w.irps_skipped() == 0);
  }
  REQUIRE(fs::exists(out));
  CHECK(d.entries() == 1);
  const Parsed r = parse(out);

  // One track per actor, numbered in order of appearance; sorted workloads, drivers, targets, devices.
  CHECK(r.threads == std::map<int, std::string>{{1, "app"}, {2, "filter"}, {3, "filter->pdo"}, {4, "pdo"}, {5, "disk0"}});
  const auto rank = [&](const char* actor) { return r.sort_index.at(r.tid_of.at(actor)); };
  CHECK(rank("app") < rank("filter"));
  CHECK(rank("filter") < rank("pdo"));
  CHECK(rank("pdo") < rank("filter->pdo"));
  CHECK(rank("filter->pdo") < rank("disk0"));

  // One span per layer, per IRP (its own async id), nested in the order the IRP went down.
  for (std::uint64_t irp : {0, 1}) {
    std::vector<std::string> names;
    for (const auto& s : r.spans.at(irp))
      names.push_back(s.name);
    CHECK(names == std::vector<std::string>{"app", "filter", "filter->pdo", "pdo", "disk0"});
  }
  CHECK(span(r, 0, "app").begin == 0);
  CHECK(span(r, 0, "app").end == 11.25);
  CHECK(span(r, 0, "filter").end == 11.25);
  CHECK(span(r, 0, "filter->pdo").begin == 1);
  CHECK(span(r, 0, "filter->pdo").end == 1);  // the target holds a sent request until it goes down
  CHECK(span(r, 0, "pdo").begin == 1);
  CHECK(span(r, 0, "pdo").end == 10.5);
  CHECK(span(r, 0, "disk0").begin == 2);
  CHECK(span(r, 0, "disk0").end == 10);
  CHECK(str(span(r, 0, "disk0").args.at("status")) == "STATUS_SUCCESS");
  CHECK(span(r, 0, "disk0").args.at("information_bytes") == 4096);
  CHECK(str(span(r, 0, "app").args.at("type")) == "read");
  CHECK(span(r, 0, "app").args.at("irp") == 0);
  // IRP 1 overlaps IRP 0 on every actor and keeps its own spans.
  CHECK(span(r, 1, "filter").begin == 0.5);  // from its arrival, though presented later
  CHECK(span(r, 1, "filter").args.at("queued_ns") == 1000);
  CHECK(span(r, 1, "disk0").begin == 3);
  CHECK(span(r, 1, "disk0").end == 12);
  CHECK(str(span(r, 1, "disk0").args.at("status")) == "STATUS_DEVICE_DATA_ERROR");
  CHECK(span(r, 1, "app").end == 13.001);  // nanoseconds kept
  CHECK(str(span(r, 1, "app").args.at("status")) == "STATUS_DEVICE_DATA_ERROR");
  CHECK(str(span(r, 1, "app").args.at("type")) == "write");

  // Arrows from layer to layer, down and back up (no layer in between on the way up: completion routines run in the
  // drivers).
  const std::vector<std::pair<std::string, std::string>> path = {
      {"app", "filter"}, {"filter", "filter->pdo"}, {"filter->pdo", "pdo"}, {"pdo", "disk0"},
      {"disk0", "pdo"},  {"pdo", "filter"},         {"filter", "app"}};
  CHECK(path_of(r, 0) == path);
  CHECK(path_of(r, 1) == path);
  for (const auto& a : r.arrows)
    CHECK(a.ts_from <= a.ts_to);
  // The arrow up from the pdo leaves when it completed and lands when the filter's routine ran.
  bool found = false;
  for (const auto& a : r.arrows)
    if (a.irp == 0 && a.from == "pdo" && a.to == "filter") {
      CHECK(a.ts_from == 10.5);
      CHECK(a.ts_to == 11);
      found = true;
    }
  CHECK(found);
  CHECK(r.instants.empty());

  const json& other = r.doc.at("otherData");
  CHECK(other.at("irps_traced") == 2);
  CHECK(other.at("irps_skipped") == 0);
  CHECK(other.at("sampling_step") == 1);
  CHECK(other.at("cap_applied") == false);
  CHECK(other.at("irps_unfinished") == 0);
}

TEST_CASE("trace: auto-forwarding, pending in a stopped target, timeouts and created IRPs", "[trace]") {
  TempDir d;
  const fs::path out = d.path / "trace.json";
  TraceWriter w(out.string(), 100, 0);
  feed(w, {
              // IRP 0: the filter auto-forwards an IOCTL; the fdo completes it.
              {0, 0, K::ISSUED, "app", RequestType::DEVICE_CONTROL},
              {0, 0, K::ARRIVED, "filter", RequestType::DEVICE_CONTROL},
              {0, 0, K::AUTO_FORWARDED, "filter", RequestType::DEVICE_CONTROL},
              {0, 0, K::ARRIVED, "fdo", RequestType::DEVICE_CONTROL},
              {0, 0, K::PRESENTED, "fdo", RequestType::DEVICE_CONTROL},
              {5, 0, K::REQUEST_COMPLETED, "fdo", RequestType::DEVICE_CONTROL},
              {5, 0, K::IRP_COMPLETED, "app", RequestType::DEVICE_CONTROL},
              // IRP 1: pended in the stopped target, resubmitted on start, times out on the device.
              {6, 1, K::ISSUED, "app"},
              {6, 1, K::ARRIVED, "fdo"},
              {6, 1, K::PRESENTED, "fdo"},
              {6, 1, K::PENDED, "fdo->pdo"},
              {20, 1, K::RESUBMITTED, "fdo->pdo"},
              {20, 1, K::SENT, "fdo->pdo"},
              {20, 1, K::ARRIVED, "pdo"},
              {20, 1, K::PRESENTED, "pdo"},
              {20, 1, K::HARDWARE_STARTED, "disk0"},
              {30, 1, K::TIMED_OUT, "fdo->pdo"},
              {30, 1, K::CANCEL_REQUESTED, "fdo->pdo"},
              {30, 1, K::HARDWARE_DONE, "disk0", RequestType::READ, irpsim::core::STATUS_CANCELLED},
              {30, 1, K::COMPLETION_ROUTINE, "pdo", RequestType::READ, irpsim::core::STATUS_CANCELLED},
              {30, 1, K::REQUEST_COMPLETED, "pdo", RequestType::READ, irpsim::core::STATUS_CANCELLED},
              {30, 1, K::COMPLETION_ROUTINE, "fdo", RequestType::READ, irpsim::core::STATUS_IO_TIMEOUT},
              {30, 1, K::REQUEST_COMPLETED, "fdo", RequestType::READ, irpsim::core::STATUS_IO_TIMEOUT},
              {30, 1, K::IRP_COMPLETED, "app", RequestType::READ, irpsim::core::STATUS_IO_TIMEOUT},
              // IRP 2: the fdo splits it into a created IRP sent down a remote target, and completes it after.
              {40, 2, K::ISSUED, "app", RequestType::WRITE},
              {40, 2, K::ARRIVED, "fdo", RequestType::WRITE},
              {40, 2, K::PRESENTED, "fdo", RequestType::WRITE},
              {40, 1000000000000, K::CREATED, "fdo", RequestType::WRITE, 0, 0, 2},
              {40, 1000000000000, K::SENT, "fdo->remote", RequestType::WRITE},
              {40, 1000000000000, K::ARRIVED, "pdo", RequestType::WRITE},
              {40, 1000000000000, K::PRESENTED, "pdo", RequestType::WRITE},
              {40, 1000000000000, K::SEND_FAILED, "pdo", RequestType::WRITE, irpsim::core::STATUS_INVALID_DEVICE_STATE},
              {40, 1000000000000, K::REQUEST_COMPLETED, "pdo", RequestType::WRITE,
               irpsim::core::STATUS_INVALID_DEVICE_STATE},
              {41, 1000000000000, K::COMPLETION_ROUTINE, "fdo", RequestType::WRITE,
               irpsim::core::STATUS_INVALID_DEVICE_STATE},
              {41, 1000000000000, K::DELETED, "fdo", RequestType::WRITE, irpsim::core::STATUS_INVALID_DEVICE_STATE,
               0, 2},
              {41, 2, K::VIOLATION, "fdo", RequestType::WRITE},
              {42, 2, K::REQUEST_COMPLETED, "fdo", RequestType::WRITE, irpsim::core::STATUS_INVALID_DEVICE_STATE},
              {42, 2, K::IRP_COMPLETED, "app", RequestType::WRITE, irpsim::core::STATUS_INVALID_DEVICE_STATE},
          });
  w.finish();
  const Parsed r = parse(out);

  // The auto-forwarding filter has an instant, not a span, and the arrow passes through it.
  std::vector<std::string> names0;
  for (const auto& s : r.spans.at(0))
    names0.push_back(s.name);
  CHECK(names0 == std::vector<std::string>{"app", "fdo"});
  CHECK(path_of(r, 0) == std::vector<std::pair<std::string, std::string>>{
                             {"app", "filter"}, {"filter", "fdo"}, {"fdo", "app"}});

  // The pended request's target span covers the wait, until it went down.
  const auto& pended = span(r, 1, "fdo->pdo");
  CHECK(pended.begin == 6);
  CHECK(pended.end == 20);
  CHECK(pended.args.at("pended") == true);
  CHECK(path_of(r, 1) == std::vector<std::pair<std::string, std::string>>{{"app", "fdo"},
                                                                          {"fdo", "fdo->pdo"},
                                                                          {"fdo->pdo", "pdo"},
                                                                          {"pdo", "disk0"},
                                                                          {"disk0", "pdo"},
                                                                          {"pdo", "fdo"},
                                                                          {"fdo", "app"}});
  CHECK(str(span(r, 1, "app").args.at("status")) == "STATUS_IO_TIMEOUT");
  CHECK(str(span(r, 1, "disk0").args.at("status")) == "STATUS_CANCELLED");

  // Instants on the actor's track.
  std::multiset<std::pair<std::string, std::string>> instants;  // (name, actor)
  for (const auto& [name, e] : r.instants)
    instants.emplace(name, r.threads.at(e.at("tid").get<int>()));
  CHECK(instants == std::multiset<std::pair<std::string, std::string>>{{"auto_forwarded", "filter"},
                                                                       {"resubmitted", "fdo->pdo"},
                                                                       {"timed_out", "fdo->pdo"},
                                                                       {"cancel_requested", "fdo->pdo"},
                                                                       {"send_failed", "pdo"},
                                                                       {"violation", "fdo"}});

  // The created IRP is traced with its parent: a span at the creating driver from created to deleted, and an
  // arrow from the parent's driver down.
  const std::uint64_t child = 1000000000000;
  std::vector<std::string> child_names;
  for (const auto& s : r.spans.at(child))
    child_names.push_back(s.name);
  CHECK(child_names == std::vector<std::string>{"fdo", "fdo->remote", "pdo"});
  CHECK(span(r, child, "fdo").args.at("parent_irp") == 2);
  CHECK(span(r, child, "fdo").begin == 40);
  CHECK(span(r, child, "fdo").end == 41);
  CHECK(path_of(r, child).front() == std::pair<std::string, std::string>{"fdo", "fdo->remote"});
  CHECK(r.doc.at("otherData").at("created_irps_traced") == 1);
  CHECK(r.doc.at("otherData").at("irps_traced") == 3);

  // Thread sort: workloads, drivers, targets, devices.
  std::vector<std::string> by_sort;
  std::vector<std::pair<long long, std::string>> sorted;
  for (const auto& [tid, idx] : r.sort_index)
    sorted.emplace_back(idx, r.threads.at(tid));
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [idx, name] : sorted)
    by_sort.push_back(name);
  CHECK(by_sort == std::vector<std::string>{"app", "filter", "fdo", "pdo", "fdo->pdo", "fdo->remote", "disk0"});
}

TEST_CASE("trace: the cap samples every k-th IRP id and stops at max_irps", "[trace]") {
  TempDir d;
  const auto run = [&](const char* file, std::uint64_t max_irps, std::uint64_t expected, std::uint64_t issued) {
    const fs::path out = d.path / file;
    TraceWriter w(out.string(), max_irps, expected);
    for (std::uint64_t irp = 0; irp < issued; ++irp) {
      const double t = static_cast<double>(irp);
      feed(w, {{t, irp, K::ISSUED, "app"},
               {t, irp, K::ARRIVED, "fdo"},
               {t, irp, K::PRESENTED, "fdo"},
               // every IRP's driver creates one of its own
               {t, 1000000000000 + irp, K::CREATED, "fdo", RequestType::READ, 0, 0, irp},
               {t + 0.25, 1000000000000 + irp, K::DELETED, "fdo", RequestType::READ, 0, 0, irp},
               {t + 0.5, irp, K::REQUEST_COMPLETED, "fdo"},
               {t + 0.5, irp, K::IRP_COMPLETED, "app"}});
    }
    w.finish();
    return std::make_pair(std::make_pair(w.irps_traced(), w.irps_skipped()), parse(out));
  };

  SECTION("expected over the cap: every ceil(expected / max)-th id") {
    auto [counts, r] = run("k.json", 3, 10, 10);
    CHECK(counts == std::make_pair<std::uint64_t, std::uint64_t>(3, 7));
    std::set<std::uint64_t> ids;
    for (const auto& [id, spans] : r.spans)
      ids.insert(id);
    CHECK(ids == std::set<std::uint64_t>{0, 4, 8, 1000000000000, 1000000000004, 1000000000008});
    const json& other = r.doc.at("otherData");
    CHECK(other.at("sampling_step") == 4);
    CHECK(other.at("irps_traced") == 3);
    CHECK(other.at("irps_skipped") == 7);
    CHECK(other.at("cap_applied") == true);
    CHECK(other.at("max_irps") == 3);
    CHECK(other.at("expected_irps") == 10);
    CHECK(other.at("created_irps_traced") == 3);
  }
  SECTION("expected count underestimated or unknown: a hard stop at max_irps") {
    auto [counts, r] = run("stop.json", 4, 0, 10);
    CHECK(counts == std::make_pair<std::uint64_t, std::uint64_t>(4, 6));
    std::set<std::uint64_t> ids;
    for (const auto& [id, spans] : r.spans)
      if (id < 1000000000000)
        ids.insert(id);
    CHECK(ids == std::set<std::uint64_t>{0, 1, 2, 3});
    CHECK(r.doc.at("otherData").at("sampling_step") == 1);
    CHECK(r.doc.at("otherData").at("cap_applied") == true);
  }
  SECTION("under the cap: everything") {
    auto [counts, r] = run("all.json", 100, 10, 10);
    CHECK(counts == std::make_pair<std::uint64_t, std::uint64_t>(10, 0));
    CHECK(r.spans.size() == 20);
    CHECK(r.doc.at("otherData").at("cap_applied") == false);
  }
}

TEST_CASE("trace: IRPs in flight at the end are closed; an unfinished trace is removed", "[trace]") {
  TempDir d;
  SECTION("finish() closes what is still open") {
    const fs::path out = d.path / "open.json";
    TraceWriter w(out.string(), 10, 0);
    feed(w, {{0, 0, K::ISSUED, "app"},
             {0, 0, K::ARRIVED, "fdo"},
             {0, 0, K::PRESENTED, "fdo"},
             {0, 0, K::SENT, "fdo->pdo"},
             {0, 0, K::ARRIVED, "pdo"},
             {1, 0, K::HARDWARE_STARTED, "disk0"},
             {7, 1, K::ISSUED, "app"},
             {7, 1, K::ARRIVED, "fdo"},
             {7, 2, K::ISSUED, "app"}});
    w.finish();
    const Parsed r = parse(out);  // checks every "b" has its "e" and every arrow lands
    CHECK(span(r, 0, "disk0").end == 7);
    CHECK(span(r, 0, "disk0").args.at("unfinished") == true);
    CHECK(span(r, 0, "pdo").end == 7);
    CHECK(span(r, 1, "fdo").begin == 7);  // its "b" was still waiting for the presentation
    CHECK(span(r, 1, "fdo").args.at("unfinished") == true);
    CHECK(span(r, 2, "app").end == 7);  // and its arrow, that had not landed anywhere, is closed
    CHECK(r.doc.at("otherData").at("irps_unfinished") == 3);
    CHECK(d.entries() == 1);
  }
  SECTION("a writer destroyed before finish() leaves nothing") {
    const fs::path out = d.path / "gone.json";
    {
      TraceWriter w(out.string(), 10, 0);
      feed(w, kTwoIrps);
      CHECK(d.entries() == 1);  // the temporary
    }
    CHECK_FALSE(fs::exists(out));
    CHECK(d.entries() == 0);
  }
  SECTION("an existing trace is replaced only by a finished one") {
    const fs::path out = d.path / "keep.json";
    std::ofstream(out) << "old";
    {
      TraceWriter w(out.string(), 10, 0);
      feed(w, kTwoIrps);
    }
    std::ifstream in(out);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(content == "old");
    CHECK(d.entries() == 1);
  }
  SECTION("a directory that does not exist is an error naming the path") {
    const fs::path out = d.path / "missing" / "t.json";
    CHECK_THROWS_WITH(TraceWriter(out.string(), 10, 0), Contains(out.string()) && Contains("No such file"));
  }
}
