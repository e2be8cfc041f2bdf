#include "sim/cli/run_command.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <iostream>
#include <memory>

#include "sim/cli/exit_codes.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/report/atomic_write.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/irp_log.hpp"
#include "sim/report/time_series_csv.hpp"
#include "sim/report/trace_writer.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/text_report.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {

namespace {

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;  // Linux reports KiB
}

// The scenario file as JSON (already validated by the parser, so it parses); nullopt if it cannot be read again.
std::optional<nlohmann::ordered_json> read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::ordered_json::parse(text.str());
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// A limit given on the command line (a duration as in scenarios) or, failing that, in the scenario; infinity if none.
std::optional<double> resolve_duration(const std::optional<std::string>& option, const char* flag,
                                       std::optional<double> from_scenario, double& out) {
  out = std::numeric_limits<double>::infinity();
  if (option) {
    const auto d = core::parse_duration(*option);
    if (!d || d.value <= 0) {
      std::cerr << "irpsim: " << flag << ": expected " << (d ? "a duration > 0" : std::string(d.expected))
                << ", found \"" << *option << "\"" << (d.problem.empty() ? "" : " (" + d.problem + ")") << '\n';
      return std::nullopt;
    }
    out = d.value;
  } else if (from_scenario) {
    out = *from_scenario;
  }
  return out;
}

// True if `dir` exists and holds anything.
bool holds_results(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) && !std::filesystem::is_empty(dir, ec);
}

}  // namespace

int run_command(const RunCommandOptions& options) {
  scenario::Scenario s;
  try {
    s = scenario::load_scenario_file(options.scenario_file);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  }
  if (options.seed)
    s.seed = *options.seed;
  // Malformed lines a scenario chose to skip are still worth a word (they are listed in summary.json too).
  for (const scenario::WorkloadSpec& w : s.workloads)
    if (w.trace && w.trace->census.malformed > 0) {
      const replay::TraceCensus& c = w.trace->census;
      std::cerr << "irpsim: workload " << w.name << ": skipping " << c.malformed << " malformed line"
                << (c.malformed == 1 ? "" : "s") << " of " << w.trace->path << " (first: line "
                << c.first_malformed.front().line << ": " << c.first_malformed.front().problem << ")\n";
    }
  const std::string out_dir = options.out_dir.value_or((std::filesystem::path("results") / s.name).string());

  engine::RunOptions run_options;
  if (!resolve_duration(options.max_simulated_time, "--max-sim-time", s.limits.simulated_time_s,
                        run_options.max_simulated_s) ||
      !resolve_duration(options.max_wall_time, "--max-wall-time", s.limits.wall_time_s, run_options.max_wall_s))
    return kExitBadInput;
  run_options.max_in_flight = options.max_in_flight.value_or(s.limits.requests_in_flight);

  {
    std::error_code ec;
    if (std::filesystem::exists(out_dir, ec) && !std::filesystem::is_directory(out_dir, ec)) {
      std::cerr << "irpsim: --out: expected a results folder, found a file: " << out_dir << '\n';
      return kExitBadInput;
    }
    if (!options.force && holds_results(out_dir)) {
      std::cerr << "irpsim: the results folder " << out_dir << " already holds results; pass --force to replace "
                << "them, or choose another folder with --out\n";
      return kExitBadInput;
    }
  }

  // The event log and the trace are opened before the run (a path that cannot be written is bad input) and renamed
  // into place only after it, so an interrupted run leaves none behind.
  std::unique_ptr<report::IrpLog> irp_log;
  std::unique_ptr<report::TraceWriter> trace;
  core::IrpEventFanout sinks;
  const char* opening = "";
  try {
    if (options.irp_log) {
      opening = "--irp-log";
      irp_log = std::make_unique<report::IrpLog>(*options.irp_log, report::IrpLog::format_for(*options.irp_log));
      sinks.add(irp_log.get());
    }
    if (options.trace) {
      opening = "--trace";
      trace = std::make_unique<report::TraceWriter>(*options.trace, options.trace_max_irps, scenario::planned_requests(s));
      sinks.add(trace.get());
    }
  } catch (const std::exception& e) {
    std::cerr << "irpsim: " << opening << ": " << e.what() << '\n';
    return kExitBadInput;
  }
  // The results folder is made before the run, so that one that cannot be made fails now, not after hours.
  std::error_code exists_error;
  const bool made_out_dir = !std::filesystem::exists(out_dir, exists_error);
  try {
    report::ensure_directory(out_dir);
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }

  const auto wall_start = std::chrono::steady_clock::now();
  run_options.simgrid_args = options.simgrid_args;
  run_options.irp_log = sinks.empty() ? nullptr : &sinks;
  run_options.progress = !options.quiet && !options.json && ::isatty(STDERR_FILENO) == 1;
  run_options.catch_interrupts = true;
  std::optional<engine::SimulationResult> simulated;
  try {
    simulated.emplace(engine::simulate(s, run_options));
  } catch (const std::exception& e) {
    // SimGrid refusing a --sg-cfg value, say: nothing was simulated, so nothing is left behind.
    std::error_code ignored;
    if (made_out_dir)
      std::filesystem::remove(out_dir, ignored);  // removes only an empty folder
    std::cerr << "irpsim: the simulation could not start: " << e.what() << '\n';
    return kExitBadInput;
  }
  engine::SimulationResult& result = *simulated;
  // SimGrid's handler is back; a Ctrl-C while the results are written ends the process (they are renamed into
  // place whole, so none is half-written).
  std::signal(SIGINT, SIG_DFL);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  report::RunInfo info;
  info.wall_s = wall_s;
  info.simulated_s = result.simulated_s;
  info.peak_rss_bytes = peak_rss_bytes();
  info.hops = result.hops;
  info.irpsim_version = IRPSIM_VERSION;
  info.simgrid_version = engine::simgrid_version();
  info.scenario_file = options.scenario_file;
  auto summary = report::build_summary(s, result.recorder, result.targets, result.accounting, info);
  // The scenario document itself, so the HTML report (and `irpsim report`) can draw the stack and show it.
  if (auto document = read_json_file(options.scenario_file))
    summary["scenario"]["document"] = std::move(*document);
  if (trace)
    summary["trace"] = {{"file", *options.trace},
                        {"irps_traced", trace->irps_traced()},
                        {"irps_skipped", trace->irps_skipped()}};
  const std::string summary_text = summary.dump(2) + "\n";

  try {
    const std::filesystem::path dir(out_dir);
    report::write_file_atomically((dir / "summary.json").string(), summary_text);
    report::write_file_atomically((dir / "timeseries.csv").string(), report::time_series_csv(summary));
    report::write_file_atomically((dir / "report.html").string(), report::render_html_report(summary));
    if (irp_log)
      irp_log->finish();
    if (trace)
      trace->finish();
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return kExitWriteFailed;
  }

  if (options.json)
    std::cout << summary_text;
  else
    std::cout << report::render_text_report(summary) << "results: " << out_dir << "/summary.json, report.html\n";
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "irpsim: cannot write to standard output: " << std::strerror(errno) << " (the results are in "
              << out_dir << ")\n";
    return kExitWriteFailed;
  }

  if (result.halt.reason != engine::Halt::NONE) {
    const bool interrupted = result.halt.reason == engine::Halt::INTERRUPTED;
    std::cerr << "irpsim: " << (interrupted ? "interrupted" : "halted") << ": " << result.halt.detail
              << " at simulated time " << result.halt.at_s << " s; " << result.accounting.in_flight
              << " request(s) were in flight. The results in " << out_dir << " are partial (run_status \""
              << summary["run_status"].get<std::string>() << "\")\n";
    if (result.accounting.violations_total > 0)
      std::cerr << "irpsim: " << result.accounting.violations_total << " framework violation(s) before the halt; see "
                << "accounting in " << out_dir << "/summary.json\n";
    return interrupted ? 128 + (result.halt.signal != 0 ? result.halt.signal : SIGINT) : kExitStoppedAtLimit;
  }
  const bool failed = !result.accounting.stuck.empty() || result.accounting.violations_total > 0 ||
                      result.accounting.created_outstanding > 0;
  if (result.deadlocked)
    std::cerr << "irpsim: the simulation ended with every actor waiting (SimGrid's \"Deadlock detected\" above): "
                 "the IRPs listed as stuck will never come back\n";
  if (failed)
    std::cerr << "irpsim: " << result.accounting.stuck.size() << " IRP(s) never completed, "
              << result.accounting.created_outstanding << " driver-created request(s) never deleted, "
              << result.accounting.violations_total << " framework violation(s); see accounting in "
              << out_dir << "/summary.json\n";
  return failed ? kExitRunFailed : kExitOk;
}

}  // namespace irpsim::cli
