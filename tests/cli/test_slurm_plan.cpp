// The SimGrid- and Slurm-free parts of the Slurm mode (slurm_plan.hpp): cutting runs into array tasks, plan.json
// written and read back (and every kind of damage reported at its JSON pointer), the batch script, shell quoting,
// and sbatch's output parsed, with a stand-in sbatch. The real cluster is tests/scenarios/slurm.sh.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sim/cli/slurm_plan.hpp"
#include "sim/scenario/parser.hpp"

namespace irpsim::cli {
namespace {

namespace fs = std::filesystem;

std::vector<PlannedRun> runs_of(const std::vector<std::pair<std::string, std::uint32_t>>& units) {
  std::vector<PlannedRun> runs;
  for (const auto& [unit, r] : units)
    runs.push_back({unit, r, 100 + r, "points/" + unit + "/scenario.json", "points/" + unit + "/" + std::to_string(r)});
  return runs;
}

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("irpsim-test-slurm-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

SlurmPlan sample_plan() {
  SlurmPlan p;
  p.kind = "sweep";
  p.name = "load";
  p.irpsim = "/opt/irpsim/bin/irpsim";
  p.sweep_file = "sweeps/load.sweep.json";
  p.sweep_path = "/home/u/sweeps/load.sweep.json";
  p.out_dir = "/scratch/u/load results";
  p.runs = runs_of({{"a", 0}, {"a", 1}, {"b", 0}, {"b", 1}});
  p.tasks = {{0, 1}, {2, 3}};
  p.slurm.partition = "short";
  p.slurm.array_limit = 8;
  p.slurm.time_limit = "30:00";
  p.slurm.cpus_per_task = 4;
  p.slurm.chunk = 1;
  p.slurm.sbatch_args = {"--account=proj", "--qos=low"};
  return p;
}

TEST_CASE("slurm: a sweep's runs are cut by point, a comparison's by run") {
  const auto runs = runs_of({{"a", 0}, {"a", 1}, {"b", 0}, {"b", 1}, {"c", 0}, {"c", 1}});
  CHECK(cut_into_tasks(runs, true, 1) == std::vector<std::vector<std::size_t>>{{0, 1}, {2, 3}, {4, 5}});
  CHECK(cut_into_tasks(runs, true, 2) == std::vector<std::vector<std::size_t>>{{0, 1, 2, 3}, {4, 5}});
  CHECK(cut_into_tasks(runs, false, 4) == std::vector<std::vector<std::size_t>>{{0, 1, 2, 3}, {4, 5}});
  CHECK(cut_into_tasks(runs, false, std::nullopt).size() == 6);  // one run each: 6 <= 1000 tasks
  CHECK(cut_into_tasks({}, true, std::nullopt).empty());
  // Without a chunk, never more than kDefaultMaxTasks tasks, every run in exactly one.
  std::vector<std::pair<std::string, std::uint32_t>> many;
  for (int i = 0; i < 2501; ++i)
    many.push_back({std::to_string(i), 0});
  const auto tasks = cut_into_tasks(runs_of(many), true, std::nullopt);
  CHECK(tasks.size() == 834);  // ceil(2501 / 1000) = 3 points per task
  std::size_t total = 0;
  for (const auto& t : tasks)
    total += t.size();
  CHECK(total == 2501);
}

TEST_CASE("slurm: plan.json reads back what was written") {
  const fs::path dir = temp_dir("plan");
  const SlurmPlan p = sample_plan();
  std::ofstream(dir / "plan.json") << plan_to_json(p).dump(2);
  const SlurmPlan q = read_plan((dir / "plan.json").string());
  CHECK(plan_to_json(q) == plan_to_json(p));
  CHECK(q.runs[3].seed == 101);
  CHECK(q.tasks == p.tasks);
  CHECK(q.slurm.sbatch_args == p.slurm.sbatch_args);
  fs::remove_all(dir);
}

TEST_CASE("slurm: a damaged plan is reported at its JSON pointers") {
  const fs::path dir = temp_dir("damaged");
  struct Case {
    const char* title;
    std::string pointer;
    std::function<void(nlohmann::ordered_json&)> damage;
    std::string fragment;
  };
  const std::vector<Case> cases{
      {"unknown kind", "/kind", [](auto& d) { d["kind"] = "run"; }, "\"compare\""},
      {"run outside the folder", "/runs/1/dir", [](auto& d) { d["runs"][1]["dir"] = "../elsewhere"; }, "inside"},
      {"absolute scenario", "/runs/0/scenario", [](auto& d) { d["runs"][0]["scenario"] = "/etc/passwd"; }, "inside"},
      {"task index past the runs", "/tasks/1/0", [](auto& d) { d["tasks"][1][0] = 4; }, "from 0 to 3, found 4"},
      {"empty task", "/tasks/0", [](auto& d) { d["tasks"][0] = nlohmann::ordered_json::array(); }, "non-empty"},
      {"other schema version", "/schema_version", [](auto& d) { d["schema_version"] = 2; }, "1"},
      {"unknown key", "/extra", [](auto& d) { d["extra"] = 1; }, "extra"},
      {"no sweep file", "/inputs", [](auto& d) { d["inputs"].erase("sweep_file"); }, "sweep_file"},
      {"bad array limit", "/slurm/array_limit", [](auto& d) { d["slurm"]["array_limit"] = 0; }, "found 0"},
      {"bad cpus per task", "/slurm/cpus_per_task", [](auto& d) { d["slurm"]["cpus_per_task"] = "4"; }, "\"4\""},
  };
  for (const Case& c : cases) {
    SECTION(c.title) {
      auto doc = plan_to_json(sample_plan());
      c.damage(doc);
      std::ofstream(dir / "plan.json") << doc.dump(2);
      try {
        read_plan((dir / "plan.json").string());
        FAIL("accepted");
      } catch (const scenario::ScenarioError& e) {
        bool found = false;
        for (const auto& issue : e.issues)
          found = found || (issue.pointer == c.pointer && issue.message.find(c.fragment) != std::string::npos);
        INFO(e.what());
        CHECK(found);
      }
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("slurm: the batch script runs one task of the plan per array index") {
  const SlurmPlan p = sample_plan();
  const std::string script = batch_script(p);
  CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script.find("#SBATCH --array=0-1%8\n") != std::string::npos);
  CHECK(script.find("#SBATCH --partition=short\n") != std::string::npos);
  CHECK(script.find("#SBATCH --time=30:00\n") != std::string::npos);
  CHECK(script.find("#SBATCH --cpus-per-task=4\n") != std::string::npos);
  CHECK(script.find("#SBATCH --output='/scratch/u/load results/slurm/task-%a.out'\n") != std::string::npos);
  CHECK(script.find("exec /opt/irpsim/bin/irpsim sweep --plan '/scratch/u/load results/plan.json' --task "
                    "\"$SLURM_ARRAY_TASK_ID\" --jobs 4\n") != std::string::npos);
  SlurmPlan bare = p;
  bare.slurm = {};
  const std::string plain = batch_script(bare);
  CHECK(plain.find("#SBATCH --array=0-1\n") != std::string::npos);
  CHECK(plain.find("--partition") == std::string::npos);
  CHECK(plain.find("--time") == std::string::npos);
  CHECK(plain.find("#SBATCH --cpus-per-task=1\n") != std::string::npos);
  CHECK(plain.find("--task \"$SLURM_ARRAY_TASK_ID\" --jobs 1\n") != std::string::npos);
  CHECK(sbatch_command(p, "/x/job.sh") ==
        std::vector<std::string>{"sbatch", "--parsable", "--account=proj", "--qos=low", "/x/job.sh"});
}

TEST_CASE("slurm: shell words are quoted only when they need it") {
  CHECK(shell_quote("/a/b-c_d.e") == "/a/b-c_d.e");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("$HOME") == "'$HOME'");
  CHECK(shell_quote("") == "''");
}

TEST_CASE("slurm: sbatch's job id is read from --parsable output; a failure says why") {
  const fs::path dir = temp_dir("sbatch");
  const auto fake = [&](const std::string& name, const std::string& body) {
    const fs::path path = dir / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path, fs::perms::owner_all);
    return path.string();
  };
  CHECK(submit({fake("plain", "echo 4242"), "job.sh"}) == "4242");
  CHECK(submit({fake("cluster", "echo 'sbatch: warning: something'; echo '77;mycluster'")}) == "77");
  try {
    submit({fake("fails", "echo 'sbatch: error: invalid partition specified: nope' >&2; exit 1")});
    FAIL("accepted");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("exit code 1") != std::string::npos);
    CHECK(std::string(e.what()).find("invalid partition") != std::string::npos);
  }
  CHECK_THROWS_WITH(submit({fake("silent", "true")}), Catch::Contains("no job id"));
  CHECK_THROWS_WITH(submit({(dir / "missing").string()}), Catch::Contains("cannot run"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace irpsim::cli
