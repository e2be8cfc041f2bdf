// Running replications for compare and sweep: each is `irpsim run` in a child process of its own (SimGrid allows one
// engine per process, and irpsim starts no threads), at most `jobs` at once, with posix_spawn and waitpid. The
// children write their summary.json; the caller reads them in a fixed order afterwards, so nothing it reports depends
// on how many ran at once or which finished first. Also: the seed of replication r, the progress line, and Ctrl-C.
//
// Ctrl-C: compare and sweep hold an InterruptGuard while they work. The first SIGINT only sets a flag; run_children
// then starts no more children and sends each running one a single SIGINT (children run in process groups of their
// own, so a Ctrl-C at the terminal reaches the parent alone and every child gets exactly one SIGINT, from the parent:
// `irpsim run` halts and writes its results marked "interrupted"), and waits for them. A second SIGINT (or a SIGTERM
// or SIGHUP at any time) kills the running children and ends the parent by that signal.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
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

// `SELF run SCENARIO --seed SEED --out DIR --quiet --force`, its stderr to DIR/stderr.txt (--force: DIR already holds
// that file): one replication of compare or sweep.
ChildSpec run_child(const std::string& self, const std::filesystem::path& scenario, std::uint64_t seed,
                    const std::filesystem::path& dir);

struct ChildOutcome {
  bool ran = false;                // false: not started (an earlier child failed hard, or Ctrl-C) or not spawned
  int exit_code = -1;              // when it exited
  int signal = 0;                  // when a signal ended it
  std::string spawn_error;         // when it could not be spawned
  bool write_failed = false;       // the spawn error is its stderr file that could not be created
  bool sent_sigint = false;        // it was running when Ctrl-C came, and run_children sent it a SIGINT

  // It ran to its end: exit 0, or 3 (finished, with stuck IRPs or violations in its summary).
  bool finished() const;
  // Ctrl-C ended it: exit 130 (`irpsim run` halted and wrote partial results), death by SIGINT, or any other end
  // but exits 2, 4 and 5 (bad input, a limit, a write failure: reported as such) after it was sent a SIGINT.
  bool interrupted() const;
};

// Installs the SIGINT handler (and SIGTERM, SIGHUP: see above) for its lifetime, and ignores SIGXFSZ so that a write
// beyond RLIMIT_FSIZE fails with EFBIG and is reported, instead of killing the process. Restores the previous
// dispositions when destroyed. One at a time.
class InterruptGuard {
public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// True once a SIGINT arrived while the current InterruptGuard is installed (false again after it is gone).
bool interrupt_requested();

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

// Runs the children in index order, at most `jobs` at once, each in a process group of its own. After a child that
// exits 2 (bad input) or 5 (write failed), is interrupted, ends by a signal or cannot be spawned, and after a Ctrl-C
// (interrupt_requested()), no more are started; the ones running are waited for (after a Ctrl-C, each is sent one
// SIGINT first). Waiting is race-free: SIGCHLD and SIGINT are blocked except inside sigsuspend.
std::vector<ChildOutcome> run_children(const std::vector<ChildSpec>& children, unsigned jobs, Progress& progress);

// "exit code 3", "signal 9 (Killed)", "not started", or the spawn error; for the exit codes irpsim gives a meaning,
// the meaning too ("exit code 5 (results could not be written)").
std::string describe_outcome(const ChildOutcome& outcome);

// The exit code of compare and sweep for a child that failed (neither finished nor interrupted): 5 when it could not
// write its results, 2 for bad input or when it could not be started, 4 when it halted at a limit, 3 otherwise.
int child_failure_exit_code(const ChildOutcome& outcome);

// True when the file is the summary.json of a run that ran to its end with this seed: "run_status" is "complete", or
// absent (summaries from before partial results existed were written only at the end of a finished run). A run that
// Ctrl-C reached after it had written its summary.json counts as finished through this.
bool summary_is_complete(const std::string& summary_path, std::uint64_t seed);

// Writes each (name, text) into dir atomically, in order; false, with the path and reason on stderr, at the first
// that fails (compare's and sweep's .json, .csv and .html).
bool write_result_files(const std::filesystem::path& dir,
                        const std::vector<std::pair<std::string, std::string>>& files);

// True when `dir` is a directory with at least one entry in it (or one that cannot be listed).
bool nonempty_directory(const std::string& dir);

// Removes DIR/NAME for each name (a file, or a folder with everything in it), and the temporaries an atomic write
// cut short may have left beside them (DIR/.NAME.tmp.*); nothing else in DIR. Throws std::runtime_error naming the
// path and the system error.
void remove_outputs(const std::string& dir, const std::vector<std::string>& names);

// Ends the line about an interrupted run on stderr: "\n" when it ended as an interrupted run should (exit 130 or
// SIGINT); otherwise how it ended after the SIGINT, and the start of its stderr file.
void print_unusual_interrupt(const ChildOutcome& outcome, const std::string& stderr_file);

// The first `max_lines` lines of a child's stderr file, each indented, for error messages ("" if none).
std::string stderr_excerpt(const std::string& path, std::size_t max_lines = 20);

}  // namespace irpsim::cli
