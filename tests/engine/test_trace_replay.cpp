// Trace replay end to end: each shipped replay scenario (scenarios/replay-*.json) run through the engine, with the
// issued IRPs recorded from the per-IRP event stream. A recorded replay must issue exactly the trace's requests
// (type, length, offset), in file order, each at its recorded time (after time_origin and time_scale); a closed
// replay must issue them in file order, never more than queue_depth at once, each new one at the instant another
// completed. The CSV trace is read here by a few lines of independent code; the other formats through
// replay::TraceReader, whose parsing tests/replay checks line by line.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/replay/trace_reader.hpp"
#include "sim/scenario/parser.hpp"

using namespace irpsim;
using core::IrpEventKind;

namespace {

std::string repo_path(const std::string& relative) { return std::string(IRPSIM_SOURCE_DIR) + "/" + relative; }

struct Issued {
  double time_s;
  core::RequestType type;
  std::uint64_t length, offset;
};

struct Recorder final : core::IrpEventSink {
  std::vector<Issued> issued;
  std::vector<double> completions;  // workload IRPs back at the workload
  // Outstanding workload IRPs after each issue (issues and completions at one instant in event order).
  std::size_t outstanding = 0, most_outstanding = 0;
  std::vector<bool> issue_at_completion_instant;  // per issue: a completion happened at the same time before it
  void record(const core::IrpEvent& e) override {
    if (e.kind == IrpEventKind::ISSUED) {
      issued.push_back({e.time_s, e.type, e.length_bytes, e.offset_bytes});
      most_outstanding = std::max(most_outstanding, ++outstanding);
      issue_at_completion_instant.push_back(!completions.empty() && completions.back() == e.time_s);
    } else if (e.kind == IrpEventKind::IRP_COMPLETED) {
      completions.push_back(e.time_s);
      --outstanding;
    }
  }
};

struct Run {
  scenario::Scenario scenario;
  Recorder recorder;
  std::optional<engine::SimulationResult> simulated;
  const engine::SimulationResult* operator->() const { return &*simulated; }
};

// Simulates a shipped scenario, recording its IRPs.
std::unique_ptr<Run> run(const std::string& scenario_file, std::optional<std::uint64_t> stop_requests = {}) {
  auto r = std::make_unique<Run>();
  r->scenario = scenario::load_scenario_file(repo_path(scenario_file));
  if (stop_requests)
    r->scenario.stop.requests = stop_requests;
  engine::RunOptions options;
  options.irp_log = &r->recorder;
  r->simulated.emplace(engine::simulate(r->scenario, options));
  return r;
}

// The requests of a trace as the replay should issue them, through the reader.
std::vector<Issued> expected_from_reader(const scenario::TraceSpec& t) {
  std::vector<Issued> out;
  replay::TraceReader reader(t.path, t.format, t.selection);
  while (auto e = reader.next())
    if (e->kind == replay::TraceEntry::Kind::REQUEST)
      out.push_back({t.issue_time_s(e->record.time_s), e->record.type, e->record.length_bytes, e->record.offset_bytes});
  return out;
}

void check_same_requests(const std::vector<Issued>& got, const std::vector<Issued>& want, bool check_times) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("request " << i);
    CHECK(got[i].type == want[i].type);
    CHECK(got[i].length == want[i].length);
    CHECK(got[i].offset == want[i].offset);
    if (check_times)
      CHECK(got[i].time_s == Approx(want[i].time_s).margin(1e-12));
  }
}

void check_accounting(const Run& r) {
  CHECK(r.simulated->accounting.in_flight == 0);
  CHECK(r.simulated->accounting.completed == r.simulated->accounting.issued);
  CHECK(r.simulated->halt.reason == engine::Halt::NONE);
}

}  // namespace

TEST_CASE("a recorded CSV replay issues every request of the file at its recorded time", "[replay]") {
  auto r = run("scenarios/replay-csv.json");
  // The CSV, read independently: time_us,type,size_bytes,offset_bytes,ioctl_code after '#' comments and the header.
  std::vector<Issued> want;
  std::ifstream in(repo_path("scenarios/traces/sample.csv"));
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    if (header) {
      REQUIRE(line.rfind("time_us,", 0) == 0);
      header = false;
      continue;
    }
    std::stringstream fields(line);
    std::string time, type, size, offset;
    std::getline(fields, time, ',');
    std::getline(fields, type, ',');
    std::getline(fields, size, ',');
    std::getline(fields, offset, ',');
    want.push_back({std::stod(time) * 1e-6, *core::parse_request_type(type), std::stoull(size), std::stoull(offset)});
  }
  REQUIRE(want.size() == 60);
  check_same_requests(r->recorder.issued, want, true);
  check_accounting(*r);
  CHECK(r->simulated->recorder.workloads()[0].issued == 60);
}

TEST_CASE("a fio iolog v3 replay issues its requests at a quarter of the recorded times", "[replay]") {
  auto r = run("scenarios/replay-fio.json");
  const scenario::TraceSpec& t = *r->scenario.workloads[0].trace;
  REQUIRE(t.time_scale == 0.25);
  const auto want = expected_from_reader(t);
  REQUIRE(want.size() == 59);  // 34 reads, 24 writes, 1 trim (scenarios/traces/README.md)
  check_same_requests(r->recorder.issued, want, true);
  // The first write was recorded at 20 us, so it is issued at 5 us.
  CHECK(r->recorder.issued[0].time_s == Approx(5e-6).margin(1e-15));
  CHECK(r->recorder.issued[0].type == core::RequestType::WRITE);
  check_accounting(*r);
}

TEST_CASE("a blkparse replay issues the queued requests of one device at their recorded times", "[replay]") {
  auto r = run("scenarios/replay-blkparse.json");
  const auto want = expected_from_reader(*r->scenario.workloads[0].trace);
  REQUIRE(want.size() == 27);
  check_same_requests(r->recorder.issued, want, true);
  // The first event line: 8,0 Q WS 122835544 + 64 at 0.001474727 s.
  CHECK(r->recorder.issued[0].time_s == Approx(0.001474727).margin(1e-15));
  CHECK(r->recorder.issued[0].offset == 122835544ull * 512);
  CHECK(r->recorder.issued[0].length == 64u * 512);
  check_accounting(*r);
}

TEST_CASE("a DiskSim replay with time_origin first_request starts at zero", "[replay]") {
  auto r = run("scenarios/replay-disksim.json");
  const scenario::TraceSpec& t = *r->scenario.workloads[0].trace;
  const auto want = expected_from_reader(t);
  REQUIRE(want.size() == 50);
  check_same_requests(r->recorder.issued, want, true);
  // The first line: 1.675528 ms, device 0, block 121390184, 32 blocks, flags 9 (a read).
  CHECK(r->recorder.issued[0].time_s == 0);
  CHECK(r->recorder.issued[0].type == core::RequestType::READ);
  CHECK(r->recorder.issued[0].offset == 121390184ull * 512);
  CHECK(r->recorder.issued[1].time_s == Approx((2.972463 - 1.675528) * 1e-3).margin(1e-12));
  check_accounting(*r);
}

TEST_CASE("a closed replay issues the trace in order, queue_depth at a time", "[replay]") {
  auto r = run("scenarios/replay-fio-v2.json");
  const scenario::WorkloadSpec& w = r->scenario.workloads[0];
  REQUIRE(w.kind == scenario::WorkloadSpec::Kind::TRACE_CLOSED);
  REQUIRE(w.queue_depth == 4);
  const auto want = expected_from_reader(*w.trace);
  REQUIRE(want.size() == 21);
  check_same_requests(r->recorder.issued, want, false);
  CHECK(r->recorder.most_outstanding == 4);
  // One submitting thread: each IoCallDriver holds it for the 1 + 2 + 1 us of dispatch CPU down the stack.
  const double call_s = 4e-6;
  for (std::size_t i = 0; i < r->recorder.issued.size(); ++i) {
    INFO("request " << i);
    if (i < 4) {
      CHECK(r->recorder.issued[i].time_s == Approx(call_s * static_cast<double>(i)).margin(1e-12));  // back to back
    } else {
      // Each later one when another came back and the thread's previous call has returned: never sooner than one
      // call after the previous issue (the interrupts of completions share the thread's core, so calls can be longer).
      CHECK(r->recorder.issued[i].time_s >= r->recorder.issued[i - 1].time_s + call_s - 1e-12);
    }
  }
  check_accounting(*r);
}

TEST_CASE("a replay stopped early reports the requests it did not reach", "[replay]") {
  auto r = run("scenarios/replay-csv.json", 25);
  CHECK(r->recorder.issued.size() == 25);
  CHECK(r->simulated->recorder.workloads()[0].issued == 25);
  check_accounting(*r);
  const auto summary = report::build_summary(r->scenario, r->simulated->recorder, r->simulated->targets,
                                             r->simulated->accounting, report::RunInfo{});
  const auto& replay = summary["workloads"][0]["replay"];
  CHECK(replay["requests"] == 60);
  CHECK(replay["replayed"] == 25);
  CHECK(replay["not_replayed"] == 35);
  CHECK(replay["records"] == 60);
  CHECK(replay["skipped"] == 0);
  CHECK(replay["malformed"] == 0);
}
