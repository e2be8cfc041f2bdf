// The fuzz target: any bytes as a scenario file. The parser must turn every input into either a validated Scenario or
// a well-formed ScenarioError; a validated scenario (made smaller, see clamp_for_fuzzing) must then simulate without
// crashing, hanging, tripping a sanitizer or breaking the accounting, and its summary and reports must render.
//
// SimGrid allows one engine per process, so each valid input is simulated in a forked child. The child exits with
// 0 (complete), 3 (stuck IRPs or framework violations: legitimate outcomes of a valid scenario) or 4 (halted at a
// limit); anything else (a signal, a sanitizer's exit code, an exception, a broken invariant) makes the parent
// abort(), so libFuzzer saves the input. With libFuzzer's instrumentation, the child's coverage counters are copied
// back into the parent's, so the fuzzer is guided by what the engine does too, not only by the parser.
//
// Built twice (tests/fuzz/CMakeLists.txt): fuzz_scenario (libFuzzer's main, -DIRPSIM_FUZZ=ON with clang) and
// fuzz_replay (replay_main.cpp: files and directories from the command line; every build, in CTest).
#include "tests/fuzz/harness.hpp"

#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/time_series_csv.hpp"
#include "sim/scenario/parser.hpp"

// Provided by the sanitizer runtimes; null without them.
extern "C" {
__attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)(void));
}

namespace {

using namespace irpsim;

// What the child may exit with: the CLI's codes for a finished, a failed and a halted run (sim/cli/exit_codes.hpp),
// and two of its own for bugs.
constexpr int kChildOk = 0;
constexpr int kChildRunFailed = 3;
constexpr int kChildHalted = 4;
constexpr int kChildException = 70;   // simulate() or the reports threw
constexpr int kChildInvariant = 71;   // the accounting contradicts itself

// Bounds that keep one simulation in the tens of milliseconds (see clamp_for_fuzzing).
constexpr std::uint64_t kMaxRequests = 200;
constexpr double kMaxStopTimeS = 1.0;
constexpr std::uint32_t kMaxQueueDepth = 16;
constexpr std::uint32_t kMaxRetryAttempts = 3;
constexpr double kMinRetrieveIntervalS = 1e-6;
constexpr std::uint64_t kMaxChunksPerRequest = 16;
// The engine's limits (RunOptions; the scenario's own "limits" apply when lower), below the child's alarm: a run that
// is merely long halts (exit 4), only a run that ignores the limits dies of SIGALRM.
constexpr double kMaxWallS = 8;
constexpr std::uint64_t kMaxInFlight = 100'000;
constexpr unsigned kChildAlarmS = 20;

std::string g_last_outcome;

// Relative trace files are read from scenarios/, as the shipped scenarios name them ("traces/sample.csv"), so the
// replay's engine path is fuzzed too (the trace readers have their own target, fuzz_trace).
#ifdef IRPSIM_SOURCE_DIR
const std::filesystem::path kTraceFolder = std::filesystem::path(IRPSIM_SOURCE_DIR) / "scenarios";
#else
const std::filesystem::path kTraceFolder;
#endif

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "\nfuzz_scenario: BUG: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

// RFC 6901: "" or "/" followed by reference tokens in which '~' only appears as "~0" or "~1".
bool valid_json_pointer(std::string_view p) {
  if (p.empty())
    return true;
  if (p.front() != '/')
    return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] == '~' && (i + 1 == p.size() || (p[i + 1] != '0' && p[i + 1] != '1')))
      return false;
  return true;
}

void check_error(const scenario::ScenarioError& e) {
  if (e.issues.empty())
    bug("a ScenarioError without issues");
  for (const scenario::ScenarioIssue& issue : e.issues) {
    if (!valid_json_pointer(issue.pointer))
      bug("an issue whose pointer is not an RFC 6901 JSON pointer: \"" + issue.pointer + "\" (message: " +
          issue.message + ")");
    if (issue.message.empty())
      bug("an issue without a message at pointer \"" + issue.pointer + "\"");
  }
  const char* what = e.what();
  if (what == nullptr || *what == '\0')
    bug("a ScenarioError whose what() is empty");
}

// What the parser promises about a validated scenario (scenario.hpp: cross-references resolved, stop rule set).
void check_scenario(const scenario::Scenario& s) {
  auto need = [](bool ok, const char* what) {
    if (!ok)
      bug(std::string("the parser accepted a scenario that breaks its own rules: ") + what);
  };
  need(!s.hosts.empty() && !s.devices.empty() && !s.drivers.empty() && !s.stacks.empty() && !s.workloads.empty(),
       "an empty section");
  const bool all_traces = std::all_of(s.workloads.begin(), s.workloads.end(),
                                     [](const scenario::WorkloadSpec& w) { return scenario::is_trace(w.kind); });
  need(s.stop.requests.has_value() || s.stop.time_s.has_value() || all_traces, "no stop rule");
  for (const auto& w : s.workloads) {
    need(scenario::is_trace(w.kind) == w.trace.has_value(), "a trace workload without its trace, or the reverse");
    if (w.trace) {
      const replay::TraceCensus& c = w.trace->census;
      need(c.requests > 0 && c.records == c.requests + c.skipped + c.malformed, "a trace census that does not add up");
      need(c.malformed == 0 || w.trace->skip_malformed, "malformed trace lines accepted without \"skip\"");
    }
  }
  for (const auto& d : s.drivers)
    need(d.host < s.hosts.size(), "a driver's host index out of range");
  for (const auto& st : s.stacks) {
    need(!st.layers.empty(), "a stack without layers");
    need(st.device < s.devices.size(), "a stack's device index out of range");
    for (std::size_t l : st.layers)
      need(l < s.drivers.size(), "a stack's driver index out of range");
  }
  for (const auto& w : s.workloads) {
    need(w.stack < s.stacks.size(), "a workload's stack index out of range");
    need(!w.mix.empty() || w.trace.has_value(), "a synthetic workload without a mix");
  }
  for (const auto& e : s.events)
    need(e.driver < s.drivers.size(), "an event's driver index out of range");
}

// Makes a valid scenario cheap to simulate while keeping it valid: at most kMaxRequests requests (a time-only stop
// gets a request limit too, and at most kMaxStopTimeS), small queue depths, few retries, manual queues retrieved at
// most every microsecond, splits into at most kMaxChunksPerRequest chunks per level. Everything else (topology,
// policies, distributions, events, statuses, sizes) is simulated as given.
void clamp_for_fuzzing(scenario::Scenario& s) {
  s.stop.requests = std::min(s.stop.requests.value_or(kMaxRequests), kMaxRequests);
  if (s.warmup.requests >= *s.stop.requests)
    s.warmup.requests = *s.stop.requests - 1;
  if (s.stop.time_s) {
    s.stop.time_s = std::min(*s.stop.time_s, kMaxStopTimeS);
    if (s.warmup.time_s >= *s.stop.time_s)
      s.warmup.time_s = *s.stop.time_s / 2;
  }
  std::uint64_t largest = 0;
  for (auto& w : s.workloads) {
    w.queue_depth = std::min(w.queue_depth, kMaxQueueDepth);
    for (const auto& m : w.mix)
      largest = std::max(largest, m.size_bytes);
  }
  const std::uint64_t min_chunk = largest / kMaxChunksPerRequest + 1;
  auto clamp_policy = [&](std::optional<scenario::PolicySpec>& p) {
    if (!p)
      return;
    p->retry_attempts = std::min(p->retry_attempts, kMaxRetryAttempts);
    if (p->action == scenario::PolicySpec::Action::SPLIT)
      p->chunk_bytes = std::max(p->chunk_bytes, min_chunk);
  };
  for (auto& d : s.drivers) {
    for (auto& p : d.policies)
      clamp_policy(p);
    clamp_policy(d.default_policy);
    for (auto& q : d.queues)
      if (q.dispatch == scenario::DispatchKind::MANUAL)
        q.retrieve_interval_s = std::max(q.retrieve_interval_s, kMinRetrieveIntervalS);
  }
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// The extra SimGrid arguments: quiet; under AddressSanitizer, actors as threads (SimGrid's default context switching
// swaps stacks behind ASan's back: "ASan is ignoring requested __asan_handle_no_return ... False positive error
// reports may follow"); then IRPSIM_FUZZ_SIMGRID_ARGS (space-separated; later arguments win), e.g.
// "--cfg=contexts/factory:raw".
std::vector<std::string> simgrid_args() {
  std::vector<std::string> args{"--log=root.thresh:critical"};
  if (kAddressSanitizer)
    args.emplace_back("--cfg=contexts/factory:thread");
  if (const char* extra = std::getenv("IRPSIM_FUZZ_SIMGRID_ARGS")) {
    std::istringstream in(extra);
    for (std::string a; in >> a;)
      args.push_back(a);
  }
  return args;
}

[[noreturn]] void child_fail(int code, const std::string& what) {
  std::fprintf(stderr, "fuzz_scenario (simulating child): %s\n", what.c_str());
  std::fflush(stderr);
  _exit(code);
}

// In the forked child: simulate, check the accounting, render everything `irpsim run` writes. Returns the exit code.
int simulate_in_child(const scenario::Scenario& s) {
  // The scenario's limits, as `irpsim run` applies them, within the harness's own.
  engine::RunOptions options;
  options.simgrid_args = simgrid_args();
  if (s.limits.simulated_time_s)
    options.max_simulated_s = *s.limits.simulated_time_s;
  options.max_wall_s = std::min(s.limits.wall_time_s.value_or(kMaxWallS), kMaxWallS);
  options.max_in_flight = std::min(s.limits.requests_in_flight, kMaxInFlight);
  try {
    const auto start = std::chrono::steady_clock::now();
    engine::SimulationResult r = engine::simulate(s, options);
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const report::Accounting& a = r.accounting;
    const bool halted = r.halt.reason != engine::Halt::NONE;
    std::ostringstream why;
    if (!(r.simulated_s >= 0) || r.simulated_s == std::numeric_limits<double>::infinity())
      why << "simulated time " << r.simulated_s << "; ";
    if (a.issued > *s.stop.requests)
      why << a.issued << " requests issued, stop.requests is " << *s.stop.requests << "; ";
    if (a.completed > a.issued)
      why << a.completed << " completed of " << a.issued << " issued; ";
    if (!halted && a.violations_total == 0 && a.completed + a.stuck.size() != a.issued)
      why << a.issued << " issued but " << a.completed << " completed and " << a.stuck.size()
          << " stuck, with no violation and no halt; ";
    if (halted && a.violations_total == 0 && a.completed + a.in_flight != a.issued)
      why << "a halted run: " << a.issued << " issued but " << a.completed << " completed and " << a.in_flight
          << " in flight, with no violation; ";
    if (halted && !a.stuck.empty())
      why << "a halted run listed " << a.stuck.size() << " stuck IRPs (outstanding IRPs are in flight then); ";
    if (a.violations.size() > a.violations_total)
      why << a.violations.size() << " violations listed, " << a.violations_total << " counted; ";
    if (!why.str().empty())
      child_fail(kChildInvariant, "broken accounting: " + why.str());

    report::RunInfo info;
    info.wall_s = wall_s;
    info.simulated_s = r.simulated_s;
    info.hops = r.hops;
    info.irpsim_version = "fuzz";
    info.simgrid_version = engine::simgrid_version();
    info.scenario_file = "fuzz-input.json";
    const auto summary = report::build_summary(s, r.recorder, r.targets, r.accounting, info);
    const std::string text = summary.dump(2);
    const std::string report_text = report::render_text_report(summary);
    const std::string csv = report::time_series_csv(summary);
    const std::string html = report::render_html_report(summary);
    if (text.empty() || report_text.empty() || csv.empty() || html.empty())
      child_fail(kChildInvariant, "an empty summary or report");

    if (halted)
      return kChildHalted;
    return !a.stuck.empty() || a.violations_total > 0 || r.deadlocked ? kChildRunFailed : kChildOk;
  } catch (const std::exception& e) {
    child_fail(kChildException, std::string("exception from the simulation or the reports: ") + e.what());
  } catch (...) {
    child_fail(kChildException, "a non-standard exception from the simulation or the reports");
  }
}

// Shares the child's coverage counters with the parent (libFuzzer builds only).
struct CoverageShare {
  std::uint8_t* counters = nullptr;
  std::size_t size = 0;
  std::uint8_t* shared = nullptr;

  CoverageShare() {
    const CoverageCounters c = irpsim_fuzz_coverage_counters();
    if (c.begin == nullptr || c.end == nullptr || c.end <= c.begin)
      return;
    size = static_cast<std::size_t>(c.end - c.begin);
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return;
    counters = c.begin;
    shared = static_cast<std::uint8_t*>(p);
  }
  void child_publish() const {
    if (shared != nullptr)
      std::memcpy(shared, counters, size);
  }
  void parent_merge() const {
    if (shared == nullptr)
      return;
    for (std::size_t i = 0; i < size; ++i)
      counters[i] = std::max(counters[i], shared[i]);
  }
};

const CoverageShare& coverage() {
  static const CoverageShare share;
  return share;
}

[[noreturn]] void child_main(const scenario::Scenario& s) {
  // libFuzzer's handlers are for the parent: here a timeout or an abort must kill the child, which the parent then
  // reports (and a sanitizer's report must not make libFuzzer write artifacts and statistics from the child).
  for (int sig : {SIGALRM, SIGABRT, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGXFSZ, SIGILL, SIGFPE})
    std::signal(sig, SIG_DFL);
  if (__sanitizer_set_death_callback != nullptr)
    __sanitizer_set_death_callback(nullptr);
  alarm(kChildAlarmS);
  const int code = simulate_in_child(s);
  coverage().child_publish();
  std::fflush(nullptr);
  _exit(code);  // not exit(): no static destructors, no LeakSanitizer pass over SimGrid's allocations
}

void simulate_forked(const scenario::Scenario& s) {
  coverage();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0)
    bug(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0)
    child_main(s);
  int status = 0;
  pid_t waited;
  do {
    waited = waitpid(pid, &status, 0);
  } while (waited < 0 && errno == EINTR);
  if (waited < 0)
    bug(std::string("waitpid failed: ") + std::strerror(errno));
  if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    if (code == kChildOk || code == kChildRunFailed || code == kChildHalted) {
      coverage().parent_merge();
      g_last_outcome = code == kChildOk          ? "valid, simulated: complete"
                       : code == kChildRunFailed ? "valid, simulated: stuck IRPs or violations (exit 3)"
                                                 : "valid, simulated: halted at a limit (exit 4)";
      return;
    }
    const char* meaning = code == kChildException   ? " (an exception, see above)"
                          : code == kChildInvariant ? " (broken accounting, see above)"
                          : code == 1 || code == 86 ? " (a sanitizer's report, see above)"
                                                    : "";
    bug("the simulation of a valid scenario exited with code " + std::to_string(code) + meaning);
  }
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {  // the user stopped us: not a finding
      std::fprintf(stderr, "fuzz_scenario: interrupted (signal %d)\n", sig);
      std::_Exit(130);
    }
    const char* name = strsignal(sig);
    bug("the simulation of a valid scenario was killed by signal " + std::to_string(sig) + " (" +
        (name != nullptr ? name : "?") + ")" +
        (sig == SIGALRM ? ": still running after " + std::to_string(kChildAlarmS) + " s, a hang" : std::string()));
  }
  bug("waitpid returned an unexpected status " + std::to_string(status));
}

}  // namespace

const std::string& irpsim_fuzz_last_outcome() { return g_last_outcome; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario::Scenario s;
  try {
    s = scenario::parse_scenario_text(text, "fuzz-input.json", kTraceFolder);
  } catch (const scenario::ScenarioError& e) {
    check_error(e);
    g_last_outcome = "rejected by the parser: " + std::to_string(e.issues.size()) + " issue(s), first: " +
                     (e.issues.front().pointer.empty() ? "" : e.issues.front().pointer + ": ") +
                     e.issues.front().message;
    return 0;
  } catch (const std::exception& e) {
    bug(std::string("the parser threw something other than a ScenarioError: ") + e.what());
  } catch (...) {
    bug("the parser threw a non-standard exception");
  }
  check_scenario(s);
  clamp_for_fuzzing(s);
  simulate_forked(s);
  return 0;
}
