// Replication seeds (SplitMix64 outputs, the same for every variant) and the child-process runner: at most `jobs`
// at once, every outcome in index order, no new start after a child fails hard; Ctrl-C (a SIGINT to the parent:
// here a child sends it) forwarded once to the running children, none started after it; the exit codes of failed
// children; the folder helpers of --force.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "sim/cli/replications.hpp"

namespace irpsim::cli {
namespace {

TEST_CASE("replications: seed 0 is the scenario's, the others SplitMix64's outputs") {
  CHECK(replication_seed(42, 0) == 42);
  // The reference outputs of SplitMix64 started at state 0.
  CHECK(replication_seed(0, 1) == 0xE220A8397B1DCDAFull);
  CHECK(replication_seed(0, 2) == 0x6E789E6AA1B965F4ull);
  CHECK(replication_seed(0, 3) == 0x06C45D188009454Full);
  std::set<std::uint64_t> seen;
  for (std::uint32_t r = 0; r < 1000; ++r)
    seen.insert(replication_seed(2024, r));
  CHECK(seen.size() == 1000);
  CHECK(replication_seed(1, 5) != replication_seed(2, 5));
  CHECK(resolve_jobs(3) == 3);
  CHECK(resolve_jobs(0) >= 1);
}

TEST_CASE("replications: children run with their exit codes, stderr captured, at most `jobs` at once") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-children";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string marker = (dir / "running").string();
  std::vector<ChildSpec> children;
  for (int i = 0; i < 6; ++i) {
    // Each child counts the others running beside it through marker files, then exits with its own code.
    const std::string script = "touch " + marker + "." + std::to_string(i) + "; sleep 0.1; ls " + marker +
                               ".* 2>/dev/null | wc -l >&2; rm " + marker + "." + std::to_string(i) + "; exit " +
                               std::to_string(i % 2 == 0 ? 0 : 3);
    children.push_back({{"sh", "-c", script}, (dir / ("err" + std::to_string(i))).string()});
  }
  Progress quiet(false, "test", children.size());
  const auto outcomes = run_children(children, 2, quiet);
  REQUIRE(outcomes.size() == 6);
  for (int i = 0; i < 6; ++i) {
    CHECK(outcomes[i].ran);
    CHECK(outcomes[i].exit_code == (i % 2 == 0 ? 0 : 3));
    std::ifstream err(children[i].stderr_file);
    int beside = 0;
    err >> beside;
    CHECK(beside >= 1);
    CHECK(beside <= 2);
  }
  CHECK(describe_outcome(outcomes[1]) == "exit code 3");
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: after a child exits 2, no more start") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-stop";
  std::filesystem::create_directories(dir);
  std::vector<ChildSpec> children{{{"sh", "-c", "echo bad input >&2; exit 2"}, (dir / "a").string()},
                                  {{"sh", "-c", "exit 0"}, (dir / "b").string()},
                                  {{"/no/such/program"}, (dir / "c").string()}};
  Progress quiet(false, "test", children.size());
  const auto outcomes = run_children(children, 1, quiet);
  CHECK(outcomes[0].exit_code == 2);
  CHECK_FALSE(outcomes[1].ran);
  CHECK_FALSE(outcomes[2].ran);
  CHECK(describe_outcome(outcomes[1]) == "not started");
  CHECK(stderr_excerpt((dir / "a").string()) == "    bad input\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: a program that cannot be started is a spawn error") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-spawn";
  std::filesystem::create_directories(dir);
  std::vector<ChildSpec> children{{{"/no/such/program"}, (dir / "a").string()}};
  Progress quiet(false, "test", children.size());
  const auto outcomes = run_children(children, 4, quiet);
  CHECK_FALSE(outcomes[0].ran);
  CHECK_THAT(describe_outcome(outcomes[0]), Catch::Contains("/no/such/program"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: Ctrl-C starts no more children and sends the running ones a SIGINT") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-interrupt";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // Children 0 and 1 would sleep for a minute: only the forwarded SIGINT ends them soon. Child 1 is also the Ctrl-C:
  // it sends the parent (this test) a SIGINT once child 0 runs. Children 2 and 3 must not start.
  const std::string started = (dir / "started").string();
  std::vector<ChildSpec> children{
      {{"sh", "-c", "touch " + started + "; exec sleep 60"}, (dir / "a").string()},
      {{"sh", "-c", "while [ ! -e " + started + " ]; do sleep 0.01; done; kill -INT $PPID; exec sleep 60"},
       (dir / "b").string()},
      {{"sh", "-c", "exit 0"}, (dir / "c").string()},
      {{"sh", "-c", "exit 0"}, (dir / "d").string()}};
  Progress quiet(false, "test", children.size());
  const auto begin = std::chrono::steady_clock::now();
  std::vector<ChildOutcome> outcomes;
  {
    const InterruptGuard guard;
    CHECK_FALSE(interrupt_requested());
    outcomes = run_children(children, 2, quiet);
    CHECK(interrupt_requested());
  }
  CHECK_FALSE(interrupt_requested());
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(30));
  CHECK(outcomes[0].signal == SIGINT);
  CHECK(outcomes[0].sent_sigint);
  CHECK(outcomes[0].interrupted());
  CHECK_FALSE(outcomes[0].finished());
  CHECK(outcomes[1].interrupted());
  CHECK_FALSE(outcomes[2].ran);
  CHECK_FALSE(outcomes[3].ran);
  CHECK_FALSE(std::filesystem::exists(dir / "c"));  // not even its stderr file
  std::filesystem::remove_all(dir);
}

// Dead: gone, or a zombie waiting for its new parent to reap it.
bool dead(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  const auto close = text.rfind(')');
  return !stat || close == std::string::npos || text.substr(close + 2, 1) == "Z";
}

TEST_CASE("replications: a second Ctrl-C kills the running children and ends the parent by SIGINT") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-second";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string pid_file = (dir / "pid").string();
  // The parent is a fork of this test; its child ignores SIGINT, so only the second Ctrl-C ends it (by SIGKILL).
  const pid_t parent = ::fork();
  REQUIRE(parent >= 0);
  if (parent == 0) {
    const InterruptGuard guard;
    std::vector<ChildSpec> children{
        {{"sh", "-c", "trap '' INT; echo $$ > " + pid_file + ".tmp; mv " + pid_file + ".tmp " + pid_file +
                          "; exec sleep 60"},
         (dir / "a").string()}};
    Progress quiet(false, "test", children.size());
    run_children(children, 1, quiet);
    ::_exit(0);  // not reached: the second SIGINT ends it
  }
  pid_t child = 0;
  for (int i = 0; i < 3000 && child == 0; ++i) {
    std::ifstream(pid_file) >> child;
    if (child == 0)
      ::usleep(10'000);
  }
  REQUIRE(child > 0);
  ::kill(parent, SIGINT);
  ::usleep(200'000);
  CHECK_FALSE(dead(child));  // the first one was forwarded, to no effect
  // Again until the parent ends: two signals that arrive before the first is handled count as one.
  int status = 0;
  pid_t ended = 0;
  for (int i = 0; i < 600 && ended == 0; ++i) {
    ::kill(parent, SIGINT);
    ::usleep(100'000);
    ended = ::waitpid(parent, &status, WNOHANG);
  }
  REQUIRE(ended == parent);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    gone = dead(child);
    if (!gone)
      ::usleep(10'000);
  }
  CHECK(gone);
  if (!gone)
    ::kill(child, SIGKILL);
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: a child interrupted on its own (exit 130) stops the rest too") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-child-130";
  std::filesystem::create_directories(dir);
  std::vector<ChildSpec> children{{{"sh", "-c", "exit 130"}, (dir / "a").string()},
                                  {{"sh", "-c", "exit 0"}, (dir / "b").string()}};
  Progress quiet(false, "test", children.size());
  const auto outcomes = run_children(children, 1, quiet);
  CHECK(outcomes[0].interrupted());
  CHECK_FALSE(outcomes[1].ran);
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: a stderr file that cannot be created is a write failure, exit 5") {
  const auto dir = std::filesystem::temp_directory_path() / "irpsim-test-cli-write";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "file") << "a regular file";
  const std::string path = (dir / "file" / "stderr.txt").string();  // through a file: ENOTDIR, even for root
  std::vector<ChildSpec> children{{{"sh", "-c", "exit 0"}, path}, {{"sh", "-c", "exit 0"}, (dir / "b").string()}};
  Progress quiet(false, "test", children.size());
  const auto outcomes = run_children(children, 1, quiet);
  CHECK_FALSE(outcomes[0].ran);
  CHECK(outcomes[0].write_failed);
  CHECK_THAT(describe_outcome(outcomes[0]), Catch::Contains(path) && Catch::Contains("Not a directory"));
  CHECK(child_failure_exit_code(outcomes[0]) == 5);
  CHECK_FALSE(outcomes[1].ran);
  std::filesystem::remove_all(dir);
}

TEST_CASE("replications: the exit code of a failed child") {
  const auto exited = [](int code) {
    ChildOutcome o;
    o.ran = true;
    o.exit_code = code;
    return o;
  };
  CHECK(child_failure_exit_code(exited(2)) == 2);
  CHECK(child_failure_exit_code(exited(4)) == 4);
  CHECK(child_failure_exit_code(exited(5)) == 5);
  CHECK(child_failure_exit_code(exited(1)) == 3);
  ChildOutcome killed;
  killed.ran = true;
  killed.signal = SIGKILL;
  CHECK(child_failure_exit_code(killed) == 3);
  ChildOutcome spawn;
  spawn.spawn_error = "cannot start x";
  CHECK(child_failure_exit_code(spawn) == 2);
  CHECK(describe_outcome(exited(5)) == "exit code 5 (results could not be written)");
  // After the parent sent it a SIGINT, a run that ends any other way than the reported failures is interrupted.
  ChildOutcome after = exited(1);
  after.sent_sigint = true;
  CHECK(after.interrupted());
  after.exit_code = 5;
  CHECK_FALSE(after.interrupted());
  after.exit_code = 0;
  CHECK_FALSE(after.interrupted());
  CHECK(after.finished());
}

TEST_CASE("replications: --force removes only the named outputs and their temporaries") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "irpsim-test-cli-force";
  fs::remove_all(dir);
  CHECK_FALSE(nonempty_directory(dir.string()));
  fs::create_directories(dir / "runs" / "a" / "0");
  CHECK(nonempty_directory(dir.string()));
  CHECK_FALSE(nonempty_directory((dir / "runs" / "a" / "0").string()));
  std::ofstream(dir / "compare.json") << "{}";
  std::ofstream(dir / ".compare.json.tmp.Ab12Cd") << "{";
  std::ofstream(dir / "notes.txt") << "mine";
  remove_outputs(dir.string(), {"runs", "compare.json", "compare.csv"});
  CHECK_FALSE(fs::exists(dir / "runs"));
  CHECK_FALSE(fs::exists(dir / "compare.json"));
  CHECK_FALSE(fs::exists(dir / ".compare.json.tmp.Ab12Cd"));
  CHECK(fs::exists(dir / "notes.txt"));
  fs::remove_all(dir);
}

TEST_CASE("replications: a summary counts as finished when complete (or from before run_status) with its seed") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "irpsim-test-cli-summary";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  CHECK(summary_is_complete(write("a", R"({"seed": 7, "run_status": "complete"})"), 7));
  CHECK_FALSE(summary_is_complete(write("b", R"({"seed": 8, "run_status": "complete"})"), 7));
  CHECK_FALSE(summary_is_complete(write("c", R"({"seed": 7, "run_status": "interrupted"})"), 7));
  CHECK_FALSE(summary_is_complete(write("d", R"({"seed": 7, "run_status": "stopped_at_limit"})"), 7));
  CHECK(summary_is_complete(write("e", R"({"seed": 7})"), 7));
  CHECK_FALSE(summary_is_complete(write("f", R"({"seed": 7, )"), 7));
  CHECK_FALSE(summary_is_complete((dir / "none").string(), 7));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace irpsim::cli
