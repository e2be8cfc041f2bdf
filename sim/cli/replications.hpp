// Running replications for compare and sweep: each is `irpsim run` in a child process of its own (SimGrid allows one
// engine per process, and irpsim starts no threads), at most `jobs` at once, with posix_spawn and waitpid. The
// children write their summary.json; the caller reads them in a fixed order afterwards, so nothing it reports depends
// on how many ran at once or which finished first. Also: the seed of replication r, and the progress line.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace irpsim::cli {

// Replication r's seed: r = 0 is the scenario's own seed; r >= 1 is output r of a SplitMix64 generator started at
// `seed` (mix(seed + r · 0x9E3779B97F4A7C15)). Every variant of a comparison gets the same seed for replication r
// (common random numbers), so their differences are not drowned by the draws.
std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t replication);

// `requested`, or the number of online processors when it is 0.
unsigned resolve_jobs(unsigned requested);

struct ChildSpec {
  std::vector<std::string> argv;   // argv[0] is the program; a path with no "/" is looked up in PATH
  std::string stderr_file;         // the child's stderr goes here (its stdout to /dev/null)
};

struct ChildOutcome {
  bool ran = false;                // false: not started (an earlier child failed hard) or could not be spawned
  int exit_code = -1;              // when it exited
  int signal = 0;                  // when a signal ended it
  std::string spawn_error;         // when it could not be spawned
};

// A one-line count of finished runs on stderr, redrawn in place; silent unless enabled (stderr is a terminal and
// --quiet was not given). Nothing of it ever reaches stdout.
class Progress {
public:
  Progress(bool enabled, std::string what, std::size_t total);
  void update(std::size_t done, std::size_t running);
  void finish();

private:
  bool enabled_;
  std::string what_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

// True when progress should be shown: stderr is a terminal and not quiet.
bool progress_wanted(bool quiet);

// Runs the children in index order, at most `jobs` at once. After a child that exits 2 (bad input), ends by a
// signal or cannot be spawned, no more are started; the ones running are waited for.
std::vector<ChildOutcome> run_children(const std::vector<ChildSpec>& children, unsigned jobs, Progress& progress);

// "exit code 3", "signal 9 (Killed)", "not started", or the spawn error.
std::string describe_outcome(const ChildOutcome& outcome);

// The first `max_lines` lines of a child's stderr file, each indented, for error messages ("" if none).
std::string stderr_excerpt(const std::string& path, std::size_t max_lines = 20);

}  // namespace irpsim::cli
