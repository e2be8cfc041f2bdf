#include "sim/cli/slurm_plan.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "sim/cli/json_file.hpp"
#include "sim/scenario/json_reader.hpp"

extern char** environ;

namespace irpsim::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;
namespace sd = scenario::detail;

namespace {

constexpr std::array<std::string_view, 2> kKinds{"sweep", "compare"};
constexpr auto kPlanKeys = std::to_array<std::string_view>(
    {"schema_version", "kind", "name", "irpsim", "inputs", "seeds", "out_dir", "runs", "tasks", "slurm"});
constexpr auto kInputKeys = std::to_array<std::string_view>(
    {"sweep_file", "sweep_path", "scenario_file", "scenario_path", "variants_file", "variants_path"});
constexpr auto kRunKeys = std::to_array<std::string_view>({"unit", "replication", "seed", "scenario", "dir"});
constexpr auto kSlurmKeys =
    std::to_array<std::string_view>({"partition", "array_limit", "time_limit", "cpus_per_task", "chunk", "sbatch_args"});
constexpr std::uint64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

// A path inside the results folder: relative, without "..".
bool inside(const std::string& relative) {
  const fs::path p(relative);
  if (relative.empty() || p.is_absolute())
    return false;
  for (const auto& part : p)
    if (part == "..")
      return false;
  return true;
}

std::optional<std::string> read_text(const sd::ObjectView& o, std::string_view key, bool required) {
  auto v = required ? o.need(key) : o.get(key);
  return v ? sd::read_string(*v) : std::nullopt;
}

std::optional<std::string> read_inside(const sd::Value& v) {
  auto text = sd::read_string(v);
  if (text && !inside(*text)) {
    v.expected("a path inside the results folder (relative, without \"..\")");
    return std::nullopt;
  }
  return text;
}

void read_slurm_options(const sd::Value& v, SlurmOptions& s) {
  const sd::ObjectView o(v, kSlurmKeys, "an object {\"partition\", \"array_limit\", ...}");
  if (auto p = o.get("partition"); p && !p->node.is_null())
    s.partition = sd::read_string(*p);
  if (auto a = o.get("array_limit"); a && !a->node.is_null())
    if (auto n = sd::read_unsigned(*a, 1, kMaxU32))
      s.array_limit = static_cast<std::uint32_t>(*n);
  if (auto t = o.get("time_limit"); t && !t->node.is_null())
    s.time_limit = sd::read_string(*t);
  if (auto c = o.get("cpus_per_task"); c && !c->node.is_null())
    if (auto n = sd::read_unsigned(*c, 1, kMaxU32))
      s.cpus_per_task = static_cast<std::uint32_t>(*n);
  if (auto c = o.get("chunk"); c && !c->node.is_null())
    if (auto n = sd::read_unsigned(*c, 1, kMaxU32))
      s.chunk = static_cast<std::uint32_t>(*n);
  if (auto args = o.get("sbatch_args"))
    if (auto items = sd::read_array(*args, 0, "an array of strings"))
      for (const sd::Value& item : *items)
        if (auto text = sd::read_string(item))
          s.sbatch_args.push_back(*text);
}

}  // namespace

std::vector<std::vector<std::size_t>> cut_into_tasks(const std::vector<PlannedRun>& runs, bool by_unit,
                                                     std::optional<std::uint32_t> chunk) {
  // Units: runs that stay together, in order.
  std::vector<std::vector<std::size_t>> units;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (by_unit && !units.empty() && runs[units.back().front()].unit == runs[i].unit)
      units.back().push_back(i);
    else
      units.push_back({i});
  }
  const std::size_t per_task =
      chunk ? *chunk : std::max<std::size_t>(1, (units.size() + kDefaultMaxTasks - 1) / kDefaultMaxTasks);
  std::vector<std::vector<std::size_t>> tasks;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (u % per_task == 0)
      tasks.emplace_back();
    tasks.back().insert(tasks.back().end(), units[u].begin(), units[u].end());
  }
  return tasks;
}

ojson plan_to_json(const SlurmPlan& plan) {
  ojson o;
  o["schema_version"] = kPlanSchemaVersion;
  o["kind"] = plan.kind;
  o["name"] = plan.name;
  o["irpsim"] = plan.irpsim;
  ojson inputs;
  if (plan.kind == "sweep") {
    inputs["sweep_file"] = plan.sweep_file;
    inputs["sweep_path"] = plan.sweep_path;
  } else {
    inputs["scenario_file"] = plan.scenario_file;
    inputs["scenario_path"] = plan.scenario_path;
    inputs["variants_file"] = plan.variants_file;
    inputs["variants_path"] = plan.variants_path;
  }
  o["inputs"] = std::move(inputs);
  if (plan.kind == "compare")
    o["seeds"] = plan.seeds;
  o["out_dir"] = plan.out_dir;
  ojson runs = ojson::array();
  for (const PlannedRun& r : plan.runs)
    runs.push_back({{"unit", r.unit}, {"replication", r.replication}, {"seed", r.seed}, {"scenario", r.scenario},
                    {"dir", r.dir}});
  o["runs"] = std::move(runs);
  o["tasks"] = plan.tasks;
  const SlurmOptions& s = plan.slurm;
  o["slurm"] = {{"partition", s.partition ? ojson(*s.partition) : ojson(nullptr)},
                {"array_limit", s.array_limit ? ojson(*s.array_limit) : ojson(nullptr)},
                {"time_limit", s.time_limit ? ojson(*s.time_limit) : ojson(nullptr)},
                {"cpus_per_task", s.cpus_per_task ? ojson(*s.cpus_per_task) : ojson(nullptr)},
                {"chunk", s.chunk ? ojson(*s.chunk) : ojson(nullptr)},
                {"sbatch_args", s.sbatch_args}};
  return o;
}

SlurmPlan read_plan(const std::string& path) {
  const nlohmann::json document = to_plain_json(read_json_file(path));
  sd::Issues issues;
  SlurmPlan plan;
  const sd::Value root{document, sd::Pointer(), issues};
  const sd::ObjectView o(root, kPlanKeys, "a plan written by irpsim sweep or compare --slurm");
  if (o.ok()) {
    if (auto v = o.need("schema_version"))
      sd::read_unsigned(*v, kPlanSchemaVersion, kPlanSchemaVersion);
    if (auto v = o.need("kind"))
      if (auto k = sd::read_choice(*v, kKinds))
        plan.kind = std::string(kKinds[*k]);
    plan.name = read_text(o, "name", true).value_or("");
    plan.irpsim = read_text(o, "irpsim", true).value_or("");
    if (auto v = o.need("inputs")) {
      const sd::ObjectView in(*v, kInputKeys, "an object naming the inputs");
      const bool sweep = plan.kind == "sweep", compare = plan.kind == "compare";
      plan.sweep_file = read_text(in, "sweep_file", sweep).value_or("");
      plan.sweep_path = read_text(in, "sweep_path", sweep).value_or("");
      plan.scenario_file = read_text(in, "scenario_file", compare).value_or("");
      plan.scenario_path = read_text(in, "scenario_path", compare).value_or("");
      plan.variants_file = read_text(in, "variants_file", compare).value_or("");
      plan.variants_path = read_text(in, "variants_path", compare).value_or("");
    }
    if (auto v = plan.kind == "compare" ? o.need("seeds") : o.get("seeds"))
      if (auto n = sd::read_unsigned(*v, 1, kMaxU32))
        plan.seeds = static_cast<std::uint32_t>(*n);
    plan.out_dir = read_text(o, "out_dir", true).value_or("");
    if (auto v = o.need("runs"))
      if (auto items = sd::read_array(*v, 0, "an array of runs"))
        for (const sd::Value& item : *items) {
          const sd::ObjectView r(item, kRunKeys, "a run {\"unit\", \"replication\", \"seed\", \"scenario\", \"dir\"}");
          PlannedRun run;
          run.unit = read_text(r, "unit", true).value_or("");
          if (auto n = r.need("replication"))
            run.replication = static_cast<std::uint32_t>(sd::read_unsigned(*n, 0, kMaxU32).value_or(0));
          if (auto n = r.need("seed"))
            run.seed = sd::read_unsigned(*n, 0, std::numeric_limits<std::uint64_t>::max()).value_or(0);
          if (auto s = r.need("scenario"))
            run.scenario = read_inside(*s).value_or("");
          if (auto d = r.need("dir"))
            run.dir = read_inside(*d).value_or("");
          plan.runs.push_back(std::move(run));
        }
    if (auto v = o.need("tasks"))
      if (auto items = sd::read_array(*v, 0, "an array of tasks (arrays of run indices)"))
        for (const sd::Value& item : *items) {
          plan.tasks.emplace_back();
          if (auto indices = sd::read_array(item, 1, "a non-empty array of run indices"))
            for (const sd::Value& index : *indices)
              if (auto n = sd::read_unsigned(index, 0, plan.runs.empty() ? 0 : plan.runs.size() - 1))
                plan.tasks.back().push_back(static_cast<std::size_t>(*n));
        }
    if (auto v = o.need("slurm"))
      read_slurm_options(*v, plan.slurm);
  }
  if (issues.count() > 0)
    throw scenario::ScenarioError(path, issues.take());
  return plan;
}

std::string shell_quote(const std::string& word) {
  const bool safe = !word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                            "0123456789_-.,/:=+@%") == std::string::npos;
  if (safe)
    return word;
  std::string out = "'";
  for (char c : word)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string batch_script(const SlurmPlan& plan) {
  const fs::path dir(plan.out_dir);
  const std::string last = std::to_string(plan.tasks.empty() ? 0 : plan.tasks.size() - 1);
  const SlurmOptions& s = plan.slurm;
  std::string out = "#!/bin/sh\n";
  out += "# Written by irpsim " + plan.kind + " --slurm: one array task per task of " +
         (dir / "plan.json").string() + ".\n";
  out += "# Each task runs its share of the plan's runs; when all have ended: irpsim " + plan.kind + " --collect " +
         plan.out_dir + "\n";
  out += "#SBATCH --job-name=" + shell_quote("irpsim-" + plan.name) + "\n";
  out += "#SBATCH --array=0-" + last + (s.array_limit ? "%" + std::to_string(*s.array_limit) : std::string()) + "\n";
  out += "#SBATCH --output=" + shell_quote((dir / "slurm" / "task-%a.out").string()) + "\n";
  const std::string cpus = std::to_string(s.cpus_per_task.value_or(1));
  out += "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=" + cpus + "\n";
  if (s.partition)
    out += "#SBATCH --partition=" + shell_quote(*s.partition) + "\n";
  if (s.time_limit)
    out += "#SBATCH --time=" + shell_quote(*s.time_limit) + "\n";
  out += "exec " + shell_quote(plan.irpsim) + " " + plan.kind + " --plan " +
         shell_quote((dir / "plan.json").string()) + " --task \"$SLURM_ARRAY_TASK_ID\" --jobs " + cpus + "\n";
  return out;
}

std::vector<std::string> sbatch_command(const SlurmPlan& plan, const std::string& script_path) {
  std::vector<std::string> argv{"sbatch", "--parsable"};
  argv.insert(argv.end(), plan.slurm.sbatch_args.begin(), plan.slurm.sbatch_args.end());
  argv.push_back(script_path);
  return argv;
}

std::string submit(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("cannot run sbatch: pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(spawned) +
                             (spawned == ENOENT ? " (is Slurm installed, and sbatch in PATH?)" : ""));
  }
  std::string output;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0)
      output.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(argv[0] + " failed (" +
                             (WIFEXITED(status) ? "exit code " + std::to_string(WEXITSTATUS(status))
                                                : "signal " + std::to_string(WTERMSIG(status))) +
                             "): " + output);
  // --parsable prints "JOBID" or "JOBID;CLUSTER"; warnings may come before it.
  std::string job;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    if (end == std::string::npos)
      end = output.size();
    const std::string line = output.substr(start, end - start);
    const std::size_t digits = line.find_first_not_of("0123456789");
    if (digits != 0 && (digits == std::string::npos || line[digits] == ';'))
      job = line.substr(0, digits);
    start = end + 1;
  }
  if (job.empty())
    throw std::runtime_error(argv[0] + " printed no job id: " + output);
  return job;
}

std::string task_status_path(const std::string& out_dir, std::size_t task) {
  return (fs::path(out_dir) / "slurm" / "tasks" / (std::to_string(task) + ".json")).string();
}

}  // namespace irpsim::cli
