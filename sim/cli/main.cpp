// irpsim's command line: subcommands run, validate, list, report, compare and sweep. Parses arguments into plain option structs and hands
// them to one function per subcommand; maps every error to an exit code (sim/cli/exit_codes.hpp).
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "models/distribution.hpp"
#include "sim/cli/compare_command.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"
#include "sim/cli/report_command.hpp"
#include "sim/cli/run_command.hpp"
#include "sim/cli/slurm_task.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/core/request_type.hpp"
#include "sim/scenario/parser.hpp"

namespace {

using namespace irpsim;

// What kind of input file a JSON document is: a variants file (compare) has "variants", a sweep file "parameters"
// and no "schema_version"; anything else is read as a scenario.
enum class InputKind { SCENARIO, VARIANTS, SWEEP };

InputKind kind_of(const std::string& file) {
  try {
    const auto document = cli::read_json_file(file);
    if (document.is_object() && !document.contains("schema_version")) {
      if (document.contains("variants"))
        return InputKind::VARIANTS;
      if (document.contains("parameters"))
        return InputKind::SWEEP;
    }
  } catch (const scenario::ScenarioError&) {
    // Not readable JSON: the scenario parser reports it below, with its own message.
  }
  return InputKind::SCENARIO;
}

// A variants file is checked against the base beside it: NAME.variants.json against NAME.json.
bool validate_variants(const std::string& file) {
  constexpr std::string_view kSuffix = ".variants.json";
  if (file.size() <= kSuffix.size() || file.compare(file.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    std::cerr << file << ": expected a variants file named NAME.variants.json beside its base scenario NAME.json, "
              << "found another name (check it against a base with irpsim compare BASE --variants " << file << ")\n";
    return false;
  }
  return cli::validate_variants_file(file, file.substr(0, file.size() - kSuffix.size()) + ".json");
}

// What validate read in a trace: "trace sample.csv (csv): 120 lines, 96 records: 96 requests, 0 skipped, 0 malformed".
std::string describe_census(const scenario::TraceSpec& t) {
  const replay::TraceCensus& c = t.census;
  std::string line = "trace " + t.path + " (" + std::string(replay::format_name(t.format)) + "): " +
                     std::to_string(c.lines) + " lines, " + std::to_string(c.records) + " records: " +
                     std::to_string(c.requests) + " requests, " + std::to_string(c.skipped) + " skipped";
  std::string reasons;
  for (const auto& [reason, count] : c.skipped_by_reason)
    reasons += (reasons.empty() ? "" : ", ") + reason + " " + std::to_string(count);
  if (!reasons.empty())
    line += " (" + reasons + ")";
  return line + ", " + std::to_string(c.malformed) + " malformed";
}

int validate_command(const std::vector<std::string>& files) {
  int failures = 0;
  for (const auto& file : files) {
    bool ok = false;
    switch (kind_of(file)) {
      case InputKind::VARIANTS:
        ok = validate_variants(file);
        break;
      case InputKind::SWEEP:
        ok = cli::validate_sweep_file(file);
        break;
      case InputKind::SCENARIO:
        try {
          const scenario::Scenario s = scenario::load_scenario_file(file);
          for (const scenario::WorkloadSpec& w : s.workloads)
            if (w.trace)
              std::cerr << file << ": workload " << w.name << ": " << describe_census(*w.trace) << '\n';
          ok = true;
        } catch (const scenario::ScenarioError& e) {
          std::cerr << e.what() << '\n';
        }
        break;
    }
    if (ok)
      std::cerr << file << ": ok\n";
    else
      ++failures;
  }
  return failures == 0 ? cli::kExitOk : cli::kExitBadInput;
}

// SimGrid ends the process (abort) on some malformed settings instead of reporting them, so their shape is checked
// here: NAME:VALUE, and the values SimGrid only checks by dying (the context factory, log thresholds) by list.
CLI::Validator simgrid_cfg_check() {
  return CLI::Validator(
      [](const std::string& item) -> std::string {
        const auto colon = item.find(':');
        if (colon == 0 || colon == std::string::npos || colon + 1 == item.size() ||
            item.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-") != colon)
          return "expected NAME:VALUE (e.g. contexts/factory:thread), found \"" + item + "\"";
        if (item.compare(0, colon, "contexts/factory") == 0) {
          const std::string value = item.substr(colon + 1);
          if (value != "raw" && value != "ucontext" && value != "boost" && value != "thread")
            return "expected contexts/factory:raw, ucontext, boost or thread, found \"" + item + "\"";
        }
        return "";
      },
      "NAME:VALUE");
}

CLI::Validator simgrid_log_check() {
  return CLI::Validator(
      [](const std::string& item) -> std::string {
        const auto colon = item.find(':');
        const auto dot = item.rfind('.', colon);
        const std::string what = "expected CATEGORY.SETTING:VALUE with SETTING thresh, fmt, app or add (e.g. "
                                 "root.thresh:info), found \"" + item + "\"";
        if (colon == std::string::npos || dot == std::string::npos || dot == 0 || colon + 1 == item.size() ||
            item.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") != colon)
          return what;
        const std::string setting = item.substr(dot + 1, colon - dot - 1), value = item.substr(colon + 1);
        if (setting == "thresh" || setting == "threshold") {
          for (const char* level : {"trace", "debug", "verbose", "info", "warning", "error", "critical"})
            if (value == level)
              return "";
          return "expected a threshold of trace, debug, verbose, info, warning, error or critical, found \"" + item +
                 "\"";
        }
        if (setting == "fmt" || setting == "format" || setting == "app" || setting == "appender" ||
            setting == "add" || setting == "additivity")
          return "";
        return what;
      },
      "CATEGORY.SETTING:VALUE");
}

int list_command() {
  std::cout << "request types:";
  for (auto t : core::kAllRequestTypes)
    std::cout << ' ' << core::type_name(t);
  std::cout << "\n\npolicies (drivers/*/policies/TYPE/action):\n"
            << "  forward    format (using the current type, or \"rewrite\" to another), set a completion routine,\n"
            << "             send to \"target\" (\"lower\" or a remote target; a bus driver's lower is its hardware);\n"
            << "             complete with the status from below, or \"status\"; \"create\" sends a created copy\n"
            << "  complete   complete the request here with \"status\" after \"delay\"\n"
            << "  split      created requests of \"chunk\" bytes, \"order\" parallel or serial; first failure wins\n"
            << "  fan_out    to every one of \"targets\" (\"mode\" parallel copies or resend in turn), completing on\n"
            << "             \"complete_on\": all, first, or {\"quorum\": N}\n"
            << "  route      to one of \"targets\", chosen \"by\" round_robin, stripe (\"stripe\" bytes) or\n"
            << "             least_outstanding\n"
            << "  any send:  \"send\" {synchronous, send_and_forget, ignore_target_state, timeout, completion_routine},\n"
            << "             \"cancel_after\", \"retry\" {attempts, delay}; forward: \"mistake\" complete_twice,\n"
            << "             never_complete or resend_while_outstanding\n"
            << "\ndistributions (latency, think_time):\n";
  for (const auto& d : models::distribution_registry())
    std::cout << "  " << d.name << std::string(d.name.size() < 12 ? 12 - d.name.size() : 1, ' ') << d.description
              << " (" << d.parameters << ")\n";
  std::cout << "\nworkloads: closed (queue_depth, think_time), open (arrival poisson|fixed, rate), trace (replays\n"
            << "  \"trace\" {file, format csv|fio_iolog|blkparse|disksim, timing recorded (time_scale, time_origin)\n"
            << "  or closed (queue_depth), device, action, fio_file, malformed fail|skip}); cancel {share, after}\n"
            << "queues: sequential, parallel (max_presented), manual (retrieve_every, max_retrieved)\n"
            << "target events (events/*/op): start, stop (sent_io cancel|wait|leave_pending), purge (wait), close,\n"
            << "  remove\n";
  return cli::kExitOk;
}

// The options of --slurm, --plan/--task and --collect, shared by compare and sweep; the pointers tell which were given.
struct SlurmFlags {
  CLI::Option* slurm = nullptr;
  std::vector<CLI::Option*> submit_only;  // meaningful with --slurm only
  CLI::Option* plan = nullptr;
  CLI::Option* task = nullptr;
  CLI::Option* collect = nullptr;
  std::vector<CLI::Option*> run_only;     // not with --plan or --collect (--out, --force, --seeds, --variants, ...)
};

SlurmFlags add_slurm_options(CLI::App* cmd, bool& slurm, cli::SlurmOptions& o, std::optional<std::string>& plan,
                             std::optional<std::size_t>& task, std::optional<std::string>& collect,
                             const std::string& units) {
  SlurmFlags f;
  f.slurm = cmd->add_flag("--slurm", slurm,
                          "Submit the runs as a Slurm job array (sbatch) instead of running them here: writes "
                          "DIR/plan.json and DIR/slurm/job.sh; then --collect DIR");
  f.submit_only.push_back(cmd->add_option("--partition", o.partition, "--slurm: the Slurm partition (sbatch --partition)"));
  f.submit_only.push_back(cmd->add_option("--array-limit", o.array_limit,
                                          "--slurm: at most N array tasks at once (--array=0-M%N)")
                              ->check(CLI::PositiveNumber));
  f.submit_only.push_back(cmd->add_option("--time-limit", o.time_limit,
                                          "--slurm: each task's time limit (sbatch --time), e.g. 30:00"));
  f.submit_only.push_back(cmd->add_option("--cpus-per-task", o.cpus_per_task,
                                          "--slurm: cores per array task (sbatch --cpus-per-task); its runs go that "
                                          "many at once (default 1)")
                              ->check(CLI::PositiveNumber));
  f.submit_only.push_back(cmd->add_option("--chunk", o.chunk,
                                          "--slurm: " + units + " per array task (default: one, or as many as keep "
                                          "the array within 1000 tasks)")
                              ->check(CLI::PositiveNumber));
  f.submit_only.push_back(cmd->add_option("--sbatch-arg", o.sbatch_args,
                                          "--slurm: one more sbatch option, e.g. --sbatch-arg=--account=proj "
                                          "(repeatable)")
                              ->allow_extra_args(false));
  f.submit_only.push_back(cmd->add_flag("--dry-run", o.dry_run, "--slurm: write the plan and the script, submit nothing"));
  f.plan = cmd->add_option("--plan", plan, "Run one array task of this plan (what DIR/slurm/job.sh runs; with --task)");
  f.task = cmd->add_option("--task", task, "--plan: the task number ($SLURM_ARRAY_TASK_ID)");
  f.collect = cmd->add_option("--collect", collect,
                              "Write the outputs from what a --slurm run left in DIR, as a local run writes them; "
                              "lists the runs missing or failed (exit 6)");
  return f;
}

// What is wrong with the combination of modes given, if anything.
std::optional<std::string> slurm_mode_problem(const SlurmFlags& f, bool slurm, const std::optional<std::string>& plan,
                                              const std::optional<std::size_t>& task,
                                              const std::optional<std::string>& collect, const CLI::Option& input,
                                              const std::string& input_name) {
  const int modes = (plan ? 1 : 0) + (collect ? 1 : 0) + (slurm ? 1 : 0);
  if (modes > 1)
    return std::string("--slurm, --plan and --collect exclude each other");
  if (!slurm)
    for (const CLI::Option* o : f.submit_only)
      if (o->count() > 0)
        return o->get_name() + " goes with --slurm";
  if (task && !plan)
    return std::string("--task goes with --plan");
  if (plan && !task)
    return std::string("--plan needs --task N (the array task's number, $SLURM_ARRAY_TASK_ID)");
  if ((plan || collect) && input.count() > 0)
    return "no " + input_name + " file with " + (plan ? "--plan" : "--collect") + ": the plan names it";
  for (const CLI::Option* o : f.run_only)
    if ((plan || collect) && o->count() > 0)
      return o->get_name() + " does not go with " + (plan ? "--plan" : "--collect") + ": the plan holds the settings";
  if (!plan && !collect && input.count() == 0)
    return "the " + input_name + " file is required";
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  // A write past RLIMIT_FSIZE should fail with EFBIG and be reported with its path, not kill the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"irpsim: a discrete-event simulator of Windows (KMDF) driver stacks, built on SimGrid.\n"
               "Exit codes: 0 success, 2 bad input or usage, 3 the run finished but IRPs were stuck or framework "
               "rules were broken, 4 a limit halted the run (partial results written), 5 results could not be "
               "written, 6 --collect found runs missing or failed, 130 interrupted (Ctrl-C)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("irpsim ") + IRPSIM_VERSION);

  cli::RunCommandOptions run;
  std::uint64_t seed = 0;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario; print a fio-like report, write DIR/summary.json");
  run_cmd->add_option("scenario", run.scenario_file, "Scenario file (JSON)")->required();
  run_cmd->add_option("--out", run.out_dir, "Results folder (default: results/<scenario name>)");
  auto* seed_opt = run_cmd->add_option("--seed", seed, "Override the scenario's seed");
  run_cmd->add_flag("--json", run.json, "Print the summary JSON alone on stdout instead of the text report");
  run_cmd->add_option("--irp-log", run.irp_log,
                      "Write every step of every IRP to FILE (JSON lines; CSV if FILE ends in .csv)");
  run_cmd->add_option("--trace", run.trace,
                      "Write a timeline trace to FILE (Chrome trace-event JSON for Perfetto or chrome://tracing)");
  run_cmd->add_option("--trace-max-irps", run.trace_max_irps, "Trace at most N IRPs, sampled by id")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  run_cmd->add_flag("--quiet", run.quiet, "No progress on stderr (shown only when stderr is a terminal)");
  run_cmd->add_flag("--force", run.force, "Replace the results already in the results folder");
  run_cmd->add_option("--max-sim-time", run.max_simulated_time,
                      "Halt at this simulated time, e.g. 10s, with partial results (exit 4; default: the scenario's "
                      "limits.simulated_time, else none)");
  run_cmd->add_option("--max-wall-time", run.max_wall_time,
                      "Halt after this much wall-clock time, e.g. 1800s, with partial results (exit 4; default: the "
                      "scenario's limits.wall_time, else none)");
  run_cmd->add_option("--max-in-flight", run.max_in_flight,
                      "Halt when more than N requests are outstanding at once (exit 4; default: the scenario's "
                      "limits.requests_in_flight, else 1000000)")
      ->check(CLI::PositiveNumber);
  std::vector<std::string> sg_cfg, sg_log;
  run_cmd->add_option("--sg-cfg", sg_cfg, "SimGrid configuration item, e.g. --sg-cfg contexts/factory:thread")
      ->check(simgrid_cfg_check());
  run_cmd->add_option("--sg-log", sg_log, "SimGrid log setting, e.g. --sg-log root.thresh:info")
      ->check(simgrid_log_check());

  std::vector<std::string> validate_files;
  auto* validate_cmd = app.add_subcommand(
      "validate", "Check scenario, variants (NAME.variants.json, against NAME.json) and sweep files; list every error "
                  "with its JSON pointer");
  validate_cmd->add_option("files", validate_files, "Scenario, variants or sweep files (JSON)")->required();

  auto* list_cmd = app.add_subcommand("list", "List request types, policies, distributions and workload kinds");

  cli::ReportCommandOptions report;
  auto* report_cmd = app.add_subcommand("report", "Regenerate the HTML latency report from a summary.json");
  report_cmd->add_option("summary", report.summary_file, "summary.json written by irpsim run")->required();
  report_cmd->add_option("-o,--output", report.output, "Report file (default: report.html beside the summary)");

  cli::CompareOptions compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run variants of a scenario (JSON Merge Patches) over replications; compare them with confidence "
                 "intervals");
  auto* compare_file_opt = compare_cmd->add_option("scenario", compare.scenario_file, "Base scenario file (JSON)");
  auto* compare_variants = compare_cmd->add_option("--variants", compare.variants_file, "Variants file (JSON)");
  auto* compare_seeds = compare_cmd->add_option("--seeds", compare.seeds, "Replications per variant")->check(CLI::Range(2u, 1000u))
      ->capture_default_str();
  compare_cmd->add_option("--jobs", compare.jobs, "Runs at once (default: the machine's cores)");
  auto* compare_out =
      compare_cmd->add_option("--out", compare.out_dir, "Results folder (default: results/<scenario name>-compare)");
  compare_cmd->add_flag("--quiet", compare.quiet, "No progress on stderr");
  auto* compare_force = compare_cmd->add_flag("--force", compare.force, "Replace an existing results folder");
  SlurmFlags compare_slurm = add_slurm_options(compare_cmd, compare.slurm, compare.slurm_options, compare.plan_file,
                                               compare.task, compare.collect_dir, "runs");
  compare_slurm.run_only = {compare_variants, compare_seeds, compare_out, compare_force};

  cli::SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand(
      "sweep", "Run a grid of scenario variations (by JSON pointer); resumable; on a Slurm cluster with --slurm");
  auto* sweep_file_opt = sweep_cmd->add_option("sweep", sweep.sweep_file, "Sweep file (JSON)");
  sweep_cmd->add_option("--jobs", sweep.jobs, "Runs at once (default: the machine's cores; with --task: 1)");
  auto* sweep_out = sweep_cmd->add_option("--out", sweep.out_dir, "Results folder (default: results/<sweep name>)");
  sweep_cmd->add_flag("--quiet", sweep.quiet, "No progress on stderr");
  auto* sweep_force = sweep_cmd->add_flag("--force", sweep.force, "Discard an existing results folder and run every "
                                                                  "point again (without it, finished points are reused)");
  SlurmFlags sweep_slurm = add_slurm_options(sweep_cmd, sweep.slurm, sweep.slurm_options, sweep.plan_file,
                                             sweep.task, sweep.collect_dir, "points");
  sweep_slurm.run_only = {sweep_out, sweep_force};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kExitOk : cli::kExitBadInput;
  }

  try {
    if (*run_cmd) {
      if (*seed_opt)
        run.seed = seed;
      for (const auto& c : sg_cfg)
        run.simgrid_args.push_back("--cfg=" + c);
      for (const auto& l : sg_log)
        run.simgrid_args.push_back("--log=" + l);
      return cli::run_command(run);
    }
    if (*validate_cmd)
      return validate_command(validate_files);
    if (*report_cmd)
      return cli::report_command(report);
    if (*compare_cmd) {
      const std::string self = cli::self_path(argv[0]);
      if (auto problem = slurm_mode_problem(compare_slurm, compare.slurm, compare.plan_file, compare.task,
                                            compare.collect_dir, *compare_file_opt, "scenario")) {
        std::cerr << "irpsim compare: " << *problem << '\n';
        return cli::kExitBadInput;
      }
      if (!compare.plan_file && !compare.collect_dir && compare.variants_file.empty()) {
        std::cerr << "irpsim compare: --variants is required\n";
        return cli::kExitBadInput;
      }
      if (compare.collect_dir)
        return cli::compare_collect(*compare.collect_dir);
      if (compare.plan_file)
        return cli::run_plan_task(*compare.plan_file, compare.task, "compare", self, compare.jobs ? compare.jobs : 1);
      return compare.slurm ? cli::compare_submit(compare, self) : cli::compare_command(compare, self);
    }
    if (*sweep_cmd) {
      const std::string self = cli::self_path(argv[0]);
      if (auto problem = slurm_mode_problem(sweep_slurm, sweep.slurm, sweep.plan_file, sweep.task,
                                            sweep.collect_dir, *sweep_file_opt, "sweep")) {
        std::cerr << "irpsim sweep: " << *problem << '\n';
        return cli::kExitBadInput;
      }
      if (sweep.collect_dir)
        return cli::sweep_collect(*sweep.collect_dir);
      if (sweep.plan_file)
        return cli::run_plan_task(*sweep.plan_file, sweep.task, "sweep", self, sweep.jobs ? sweep.jobs : 1);
      return sweep.slurm ? cli::sweep_submit(sweep, self) : cli::sweep_command(sweep, self);
    }
    if (*list_cmd)
      return list_command();
  } catch (const std::exception& e) {
    std::cerr << "irpsim: " << e.what() << '\n';
    return cli::kExitBadInput;
  }
  return cli::kExitBadInput;
}
