// Trace workloads in a scenario: the "trace" object's keys, the path resolved against the scenario's folder, the
// whole trace read by the parser (census), malformed lines as scenario errors with their line numbers, and "stop"
// optional when every workload replays a trace. The trace formats themselves are tested in tests/replay.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "helpers.hpp"

using namespace irpsim::test;
using irpsim::scenario::Scenario;
using irpsim::scenario::TraceSpec;
using irpsim::scenario::WorkloadSpec;
namespace fs = std::filesystem;

namespace {

// A fresh folder for one test's files, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("irpsim-trace-workloads-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter()++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

const std::string kCsv =
    "# a trace\n"
    "time_us,type,size_bytes,offset_bytes,ioctl_code\n"
    "0,read,4096,0,\n"
    "10,write,8192,4096,\n"
    "25.5,ioctl,0,0,0x2D1400\n";

// The minimal scenario with its workload replaced by a trace workload.
json with_trace(const json& trace) {
  json doc = minimal_scenario();
  doc["workloads"][0] = {{"name", "replay"}, {"stack", "disk"}, {"type", "trace"}, {"trace", trace}};
  return doc;
}

Scenario parse_in(const json& doc, const fs::path& base) { return irpsim::scenario::parse_scenario(doc, "test", base); }

std::vector<ScenarioIssue> issues_in(const json& doc, const fs::path& base) {
  try {
    parse_in(doc, base);
  } catch (const irpsim::scenario::ScenarioError& e) {
    return e.issues;
  }
  return {};
}

}  // namespace

TEST_CASE("a trace workload parses, with its file relative to the scenario's folder and counted", "[trace]") {
  TempDir dir;
  dir.write("t.csv", kCsv);
  const Scenario s = parse_in(with_trace({{"file", "t.csv"}, {"format", "csv"}, {"time_scale", 0.5}}), dir.path);
  const WorkloadSpec& w = s.workloads.at(0);
  CHECK(w.kind == WorkloadSpec::Kind::TRACE_RECORDED);
  REQUIRE(w.trace);
  CHECK(w.trace->file == "t.csv");
  CHECK(w.trace->path == (dir.path / "t.csv").string());
  CHECK(w.trace->time_scale == 0.5);
  CHECK(w.trace->census.requests == 3);
  CHECK(w.trace->census.records == 3);
  CHECK(w.trace->census.malformed == 0);
  CHECK(w.trace->census.last_request_s == Approx(25.5e-6));
  CHECK(w.trace->issue_time_s(25.5e-6) == Approx(12.75e-6));
  // The stop rule stays as written (minimal_scenario's 1000 requests).
  CHECK(s.stop.requests == 1000u);
}

TEST_CASE("a closed trace replay takes its queue depth from the trace object", "[trace]") {
  TempDir dir;
  dir.write("t.csv", kCsv);
  const Scenario s =
      parse_in(with_trace({{"file", "t.csv"}, {"format", "csv"}, {"timing", "closed"}, {"queue_depth", 3}}), dir.path);
  CHECK(s.workloads[0].kind == WorkloadSpec::Kind::TRACE_CLOSED);
  CHECK(s.workloads[0].queue_depth == 3);
}

TEST_CASE("time_origin first_request shifts the trace to start at zero", "[trace]") {
  TempDir dir;
  dir.write("late.csv", "time_s,type,size_bytes,offset_bytes\n100,read,512,0\n100.25,read,512,512\n");
  const Scenario s = parse_in(
      with_trace({{"file", "late.csv"}, {"format", "csv"}, {"time_origin", "first_request"}, {"time_scale", 2}}),
      dir.path);
  const TraceSpec& t = *s.workloads[0].trace;
  CHECK(t.issue_time_s(100) == 0);
  CHECK(t.issue_time_s(100.25) == Approx(0.5));
}

TEST_CASE("load_scenario_file reads a trace beside the scenario, wherever the process runs", "[trace]") {
  TempDir dir;
  fs::create_directories(dir.path / "traces");
  dir.write("traces/t.csv", kCsv);
  json doc = with_trace({{"file", "traces/t.csv"}, {"format", "csv"}});
  const std::string scenario_file = dir.write("s.json", doc.dump());
  const Scenario s = irpsim::scenario::load_scenario_file(scenario_file);
  CHECK(s.workloads[0].trace->census.requests == 3);
  CHECK(s.workloads[0].trace->path == (dir.path / "traces" / "t.csv").string());
}

TEST_CASE("stop may be left out only when every workload replays a trace", "[trace]") {
  TempDir dir;
  dir.write("t.csv", kCsv);
  json only_traces = with_trace({{"file", "t.csv"}, {"format", "csv"}});
  only_traces.erase("stop");
  const Scenario s = parse_in(only_traces, dir.path);
  CHECK(!s.stop.requests);
  CHECK(!s.stop.time_s);

  json mixed = only_traces;
  mixed["workloads"].push_back(minimal_scenario()["workloads"][0]);
  const auto issues = issues_in(mixed, dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "", {"\"stop\"", "every workload replays a trace"}) != nullptr);
}

TEST_CASE("trace object mistakes are reported at their pointers", "[trace]") {
  TempDir dir;
  dir.write("t.csv", kCsv);
  struct Case {
    const char* title;
    json trace;
    const char* pointer;
    std::vector<std::string> fragments;
  };
  const std::vector<Case> cases{
      {"no file", {{"format", "csv"}}, "/workloads/0/trace", {"\"file\""}},
      {"empty file name", {{"file", ""}, {"format", "csv"}}, "/workloads/0/trace/file", {"path of a trace file"}},
      {"unknown format", {{"file", "t.csv"}, {"format", "iolog"}}, "/workloads/0/trace/format", {"\"fio_iolog\""}},
      {"unknown timing", {{"file", "t.csv"}, {"format", "csv"}, {"timing", "fast"}}, "/workloads/0/trace/timing",
       {"\"closed\"", "\"fast\""}},
      {"closed without queue depth", {{"file", "t.csv"}, {"format", "csv"}, {"timing", "closed"}},
       "/workloads/0/trace", {"\"queue_depth\""}},
      {"queue depth at recorded times", {{"file", "t.csv"}, {"format", "csv"}, {"queue_depth", 4}},
       "/workloads/0/trace/queue_depth", {"no \"queue_depth\"", "recorded"}},
      {"time scale on a closed replay",
       {{"file", "t.csv"}, {"format", "csv"}, {"timing", "closed"}, {"queue_depth", 1}, {"time_scale", 2}},
       "/workloads/0/trace/time_scale", {"no \"time_scale\""}},
      {"zero time scale", {{"file", "t.csv"}, {"format", "csv"}, {"time_scale", 0}}, "/workloads/0/trace/time_scale",
       {"found 0"}},
      {"device on a csv trace", {{"file", "t.csv"}, {"format", "csv"}, {"device", "8,0"}},
       "/workloads/0/trace/device", {"only blkparse and disksim"}},
      {"action on a fio iolog", {{"file", "t.csv"}, {"format", "fio_iolog"}, {"action", "Q"}},
       "/workloads/0/trace/action", {"only blkparse"}},
      {"bad blkparse device", {{"file", "t.csv"}, {"format", "blkparse"}, {"device", "sda"}},
       "/workloads/0/trace/device", {"MAJOR,MINOR", "\"sda\""}},
      {"bad blkparse action", {{"file", "t.csv"}, {"format", "blkparse"}, {"action", "QQ"}},
       "/workloads/0/trace/action", {"action letter"}},
      {"bad malformed choice", {{"file", "t.csv"}, {"format", "csv"}, {"malformed", "ignore"}},
       "/workloads/0/trace/malformed", {"\"skip\""}},
      {"missing file", {{"file", "none.csv"}, {"format", "csv"}}, "/workloads/0/trace/file",
       {"readable csv trace", "none.csv"}},
      {"wrong format for the file", {{"file", "t.csv"}, {"format", "fio_iolog"}}, "/workloads/0/trace/file",
       {"fio version 2 iolog", "line 1"}},
  };
  for (const Case& c : cases) {
    SECTION(c.title) {
      const auto issues = issues_in(with_trace(c.trace), dir.path);
      INFO(listing(issues));
      CHECK(find_issue(issues, c.pointer, c.fragments) != nullptr);
    }
  }
}

TEST_CASE("keys of synthetic workloads are refused in a trace workload, and the reverse", "[trace]") {
  TempDir dir;
  dir.write("t.csv", kCsv);
  json doc = with_trace({{"file", "t.csv"}, {"format", "csv"}});
  doc["workloads"][0]["mix"] = json::array({{{"type", "read"}, {"size", "4KiB"}}});
  auto issues = issues_in(doc, dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/workloads/0/mix", {"no \"mix\"", "trace workload"}) != nullptr);

  json closed = minimal_scenario();
  closed["workloads"][0]["trace"] = {{"file", "t.csv"}, {"format", "csv"}};
  issues = issues_in(closed, dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/workloads/0/trace", {"no \"trace\""}) != nullptr);
}

TEST_CASE("malformed trace lines are scenario errors with their line numbers, unless skipped", "[trace]") {
  TempDir dir;
  dir.write("bad.csv", "time_us,type,size_bytes,offset_bytes\n0,read,4096,0\n5,raed,4096,0\n6,read,4096\n");
  const json doc = with_trace({{"file", "bad.csv"}, {"format", "csv"}});
  const auto issues = issues_in(doc, dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/workloads/0/trace/file", {"line 3", "raed"}) != nullptr);
  CHECK(find_issue(issues, "/workloads/0/trace/file", {"line 4"}) != nullptr);
  CHECK(find_issue(issues, "/workloads/0/trace/malformed", {"2 malformed lines", "\"skip\""}) != nullptr);

  json skipping = doc;
  skipping["workloads"][0]["trace"]["malformed"] = "skip";
  const Scenario s = parse_in(skipping, dir.path);
  const auto& c = s.workloads[0].trace->census;
  CHECK(c.requests == 1);
  CHECK(c.malformed == 2);
  REQUIRE(c.first_malformed.size() == 2);
  CHECK(c.first_malformed[0].line == 3);
  CHECK(c.first_malformed[1].line == 4);
}

TEST_CASE("a trace with nothing to replay is an error", "[trace]") {
  TempDir dir;
  dir.write("d.trace", "0.5 1 100 8 1\n1.0 1 200 8 0\n");
  const auto issues = issues_in(with_trace({{"file", "d.trace"}, {"format", "disksim"}, {"device", "0"}}), dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/workloads/0/trace/file", {"at least one request", "2 skipped"}) != nullptr);
}

TEST_CASE("a recorded replay may not span more than 1000000 s", "[trace]") {
  TempDir dir;
  dir.write("long.csv", "time_s,type,size_bytes,offset_bytes\n0,read,512,0\n600000,read,512,0\n");
  CHECK(issues_in(with_trace({{"file", "long.csv"}, {"format", "csv"}}), dir.path).empty());
  const auto issues = issues_in(with_trace({{"file", "long.csv"}, {"format", "csv"}, {"time_scale", 2}}), dir.path);
  INFO(listing(issues));
  CHECK(find_issue(issues, "/workloads/0/trace", {"at most 1000000 s", "found 1200000 s"}) != nullptr);
}

TEST_CASE("anchor_trace_paths makes relative trace files absolute and leaves the rest alone", "[trace]") {
  json doc = with_trace({{"file", "traces/t.csv"}, {"format", "csv"}});
  doc["workloads"].push_back(with_trace({{"file", "/abs/t.csv"}, {"format", "csv"}})["workloads"][0]);
  doc["workloads"].push_back(minimal_scenario()["workloads"][0]);
  doc["workloads"].push_back(42);
  irpsim::scenario::anchor_trace_paths(doc, "/base/dir");
  CHECK(doc["workloads"][0]["trace"]["file"] == "/base/dir/traces/t.csv");
  CHECK(doc["workloads"][1]["trace"]["file"] == "/abs/t.csv");
  CHECK(doc["workloads"][2] == minimal_scenario()["workloads"][0]);
  CHECK(doc["workloads"][3] == 42);
  json not_a_scenario = json::array({1, 2});
  irpsim::scenario::anchor_trace_paths(not_a_scenario, "/base");
  CHECK(not_a_scenario == json::array({1, 2}));
}
