// Replication seeds (SplitMix64 outputs, the same for every variant) and the child-process runner: at most `jobs`
// at once, every outcome in index order, no new start after a child fails hard.
#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace irpsim::cli
