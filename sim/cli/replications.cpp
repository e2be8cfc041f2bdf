#include "sim/cli/replications.hpp"

#include "sim/cli/exit_codes.hpp"
#include "sim/cli/json_file.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>

#include "sim/report/atomic_write.hpp"

extern char** environ;

namespace irpsim::cli {
namespace {

// Signal state shared with the handler. The handler reads the pids of the running children only while the main code
// cannot change them: inside run_children the signals are blocked except in sigsuspend, and outside it there are none.
volatile std::sig_atomic_t g_interrupted = 0;
pid_t* volatile g_children = nullptr;            // run_children's table of running pids (0: a free slot)
volatile std::sig_atomic_t g_children_size = 0;

constexpr int kHandled[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void on_signal(int sig) {
  if (sig == SIGINT && g_interrupted == 0) {  // the first Ctrl-C: stop starting, let the running ones halt
    g_interrupted = 1;
    return;
  }
  // A second Ctrl-C, or SIGTERM / SIGHUP: the children would not hear of it (their own process groups), so kill
  // them, then end by the signal itself. Only async-signal-safe calls here.
  const int saved_errno = errno;
  for (std::sig_atomic_t i = 0; i < g_children_size; ++i)
    if (g_children[i] > 0)
      ::kill(g_children[i], sig == SIGINT ? SIGKILL : sig);
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // blocked in this handler: delivered, with the default action, when it returns
  errno = saved_errno;
}

extern "C" void on_sigchld(int) {}  // only to make sigsuspend return; waitpid does the rest

struct SavedDispositions {
  struct sigaction handled[std::size(kHandled)];
  struct sigaction xfsz;
  bool installed = false;
} g_saved;

}  // namespace

bool ChildOutcome::finished() const {
  return ran && signal == 0 && (exit_code == kExitOk || exit_code == kExitRunFailed);
}

bool ChildOutcome::interrupted() const {
  if (!ran || finished())
    return false;
  if (exit_code == kExitInterrupted || signal == SIGINT)
    return true;
  return sent_sigint &&
         (signal != 0 || (exit_code != kExitBadInput && exit_code != kExitStoppedAtLimit && exit_code != kExitWriteFailed));
}

InterruptGuard::InterruptGuard() {
  g_interrupted = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int sig : kHandled)
    sigaddset(&action.sa_mask, sig);  // one handler at a time
  action.sa_flags = 0;                // no SA_RESTART: a blocking call sees EINTR
  for (std::size_t i = 0; i < std::size(kHandled); ++i)
    ::sigaction(kHandled[i], &action, &g_saved.handled[i]);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGXFSZ, &ignore, &g_saved.xfsz);
  g_saved.installed = true;
}

InterruptGuard::~InterruptGuard() {
  if (!g_saved.installed)
    return;
  for (std::size_t i = 0; i < std::size(kHandled); ++i)
    ::sigaction(kHandled[i], &g_saved.handled[i], nullptr);
  ::sigaction(SIGXFSZ, &g_saved.xfsz, nullptr);
  g_saved.installed = false;
  g_interrupted = 0;
}

bool interrupt_requested() { return g_interrupted != 0; }

bool write_result_files(const std::filesystem::path& dir,
                        const std::vector<std::pair<std::string, std::string>>& files) {
  try {
    for (const auto& [name, text] : files)
      report::write_file_atomically((dir / name).string(), text);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "irpsim: cannot write results: " << e.what() << '\n';
    return false;
  }
}

ChildSpec run_child(const std::string& self, const std::filesystem::path& scenario, std::uint64_t seed,
                    const std::filesystem::path& dir) {
  return {{self, "run", scenario.string(), "--seed", std::to_string(seed), "--out", dir.string(), "--quiet", "--force"},
          (dir / "stderr.txt").string()};
}

std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t replication) {
  if (replication == 0)
    return seed;
  std::uint64_t z = seed + static_cast<std::uint64_t>(replication) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

unsigned resolve_jobs(unsigned requested) {
  if (requested > 0)
    return requested;
  const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<unsigned>(online) : 1u;
}

bool progress_wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, std::string what, std::size_t total)
    : enabled_(enabled), what_(std::move(what)), total_(total), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::update(std::size_t done, std::size_t running) {
  if (!enabled_)
    return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total_ && now - last_draw_ < std::chrono::milliseconds(200))
    return;
  last_draw_ = now;
  drawn_ = true;
  const double elapsed_s = std::chrono::duration<double>(now - start_).count();
  char line[160];
  std::snprintf(line, sizeof line, "\r%s: %zu/%zu runs done, %zu running, %.1fs", what_.c_str(), done, total_,
                running, elapsed_s);
  if (done > 0 && done < total_) {
    const double left_s = elapsed_s / static_cast<double>(done) * static_cast<double>(total_ - done);
    const std::size_t used = std::strlen(line);
    std::snprintf(line + used, sizeof line - used, ", about %.0fs left", left_s);
  }
  std::cerr << line << "\x1b[K" << std::flush;
}

void Progress::finish() {
  if (enabled_ && drawn_)
    std::cerr << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

namespace {

// Starts one child, in a process group of its own, with the default disposition of the signals the parent handles
// and nothing blocked; returns its pid, or -1 with the outcome's spawn_error (and write_failed) set.
pid_t spawn(const ChildSpec& spec, ChildOutcome& outcome) {
  // The stderr file is opened here, not by the spawn: a file that cannot be created is a write failure with its path.
  const int err_fd = ::open(spec.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    outcome.spawn_error = "cannot write " + spec.stderr_file + ": " + std::strerror(errno);
    outcome.write_failed = true;
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT})
    sigaddset(&defaults, sig);  // also when the parent itself was started with SIGINT ignored (`cmd &` in a script)
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> argv;
  for (const std::string& a : spec.argv)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const bool search = spec.argv[0].find('/') == std::string::npos;
  const int rc = search ? ::posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ)
                        : ::posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_fd);
  if (rc != 0) {
    outcome.spawn_error = "cannot start " + spec.argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

}  // namespace

std::vector<ChildOutcome> run_children(const std::vector<ChildSpec>& children, unsigned jobs, Progress& progress) {
  std::vector<ChildOutcome> outcomes(children.size());
  const std::size_t slots = std::max(1u, jobs);
  std::vector<pid_t> table(slots, 0);  // the running pids, for the signal handler
  std::map<pid_t, std::size_t> running;

  // Block the signals we wait for; they are delivered only inside sigsuspend, so none is missed between a check and
  // the wait. SIGCHLD gets a handler of its own, or sigsuspend would not return for it (its default is to ignore).
  sigset_t blocked, saved_mask;
  sigemptyset(&blocked);
  for (int sig : {SIGCHLD, SIGINT, SIGTERM, SIGHUP})
    sigaddset(&blocked, sig);
  ::sigprocmask(SIG_BLOCK, &blocked, &saved_mask);
  sigset_t wait_mask = saved_mask;
  for (int sig : {SIGCHLD, SIGINT, SIGTERM, SIGHUP})
    sigdelset(&wait_mask, sig);
  struct sigaction chld {}, saved_chld;
  chld.sa_handler = on_sigchld;
  sigemptyset(&chld.sa_mask);
  chld.sa_flags = SA_NOCLDSTOP;
  ::sigaction(SIGCHLD, &chld, &saved_chld);
  g_children = table.data();
  g_children_size = static_cast<std::sig_atomic_t>(slots);

  std::size_t next = 0, done = 0;
  bool stop = false, forwarded = false;
  while (true) {
    // A Ctrl-C that came while the signals were blocked (say, as a child was reaped) is taken now, before starting
    // anything: sigsuspend returns at once after its handler.
    sigset_t pending;
    ::sigpending(&pending);
    if (sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGHUP) == 1)
      ::sigsuspend(&wait_mask);
    if (g_interrupted != 0 && !forwarded) {  // Ctrl-C: one SIGINT to each running child, none started any more
      for (const auto& [pid, index] : running) {
        ::kill(pid, SIGINT);
        outcomes[index].sent_sigint = true;
      }
      forwarded = true;
      stop = true;
    }
    while (!stop && next < children.size() && running.size() < slots) {
      ChildOutcome& o = outcomes[next];
      const pid_t pid = spawn(children[next], o);
      if (pid < 0) {
        stop = true;
        ++done;
      } else {
        running[pid] = next;
        *std::find(table.begin(), table.end(), 0) = pid;
      }
      ++next;
    }
    progress.update(done, running.size());
    if (running.empty())
      break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid == 0 || (pid < 0 && errno == EINTR)) {
      ::sigsuspend(&wait_mask);  // until SIGCHLD or a signal we handle; returns -1 EINTR after the handler
      continue;
    }
    if (pid < 0)
      break;  // ECHILD: nothing left to wait for
    const auto it = running.find(pid);
    if (it == running.end())
      continue;  // not one of ours
    ChildOutcome& o = outcomes[it->second];
    running.erase(it);
    *std::find(table.begin(), table.end(), pid) = 0;
    o.ran = true;
    if (WIFEXITED(status))
      o.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
      o.signal = WTERMSIG(status);
    if (o.signal != 0 || o.exit_code == kExitBadInput || o.exit_code == kExitWriteFailed || o.interrupted())
      stop = true;
    ++done;
  }

  g_children_size = 0;
  g_children = nullptr;
  ::sigaction(SIGCHLD, &saved_chld, nullptr);
  ::sigprocmask(SIG_SETMASK, &saved_mask, nullptr);  // a signal that came meanwhile is delivered here
  progress.finish();
  return outcomes;
}

std::string describe_outcome(const ChildOutcome& o) {
  if (!o.spawn_error.empty())
    return o.spawn_error;
  if (!o.ran)
    return "not started";
  if (o.signal != 0)
    return "ended by signal " + std::to_string(o.signal) + " (" + strsignal(o.signal) + ")";
  const char* meaning = o.exit_code == 2     ? " (bad input)"
                        : o.exit_code == 4   ? " (halted at a limit; its results are partial)"
                        : o.exit_code == 5   ? " (results could not be written)"
                        : o.exit_code == 130 ? " (interrupted)"
                                             : "";
  return "exit code " + std::to_string(o.exit_code) + meaning;
}

int child_failure_exit_code(const ChildOutcome& o) {
  if (o.write_failed || (o.ran && o.signal == 0 && o.exit_code == kExitWriteFailed))
    return kExitWriteFailed;
  if (!o.spawn_error.empty() || (o.ran && o.signal == 0 && o.exit_code == kExitBadInput))
    return kExitBadInput;
  if (o.ran && o.signal == 0 && o.exit_code == kExitStoppedAtLimit)
    return kExitStoppedAtLimit;
  return kExitRunFailed;
}

bool summary_is_complete(const std::string& summary_path, std::uint64_t seed) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(summary_path, ec))
    return false;
  try {
    const nlohmann::ordered_json summary = read_json_file(summary_path);
    if (!summary.is_object() || !summary.contains("seed") || summary["seed"] != seed)
      return false;
    const auto status = summary.find("run_status");
    return status == summary.end() || *status == "complete";
  } catch (const scenario::ScenarioError&) {
    return false;
  }
}

bool nonempty_directory(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return false;
  const std::filesystem::directory_iterator it(dir, ec);
  return ec || it != std::filesystem::directory_iterator();
}

void remove_outputs(const std::string& dir, const std::vector<std::string>& names) {
  namespace fs = std::filesystem;
  std::vector<fs::path> doomed;
  std::error_code ec;
  for (const std::string& name : names)
    if (fs::path p = fs::path(dir) / name; fs::symlink_status(p, ec).type() != fs::file_type::not_found)
      doomed.push_back(p);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    for (const std::string& name : names)
      if (file.rfind("." + name + ".tmp.", 0) == 0)
        doomed.push_back(it->path());
  }
  if (ec)
    throw std::runtime_error("cannot list " + dir + ": " + ec.message());
  for (const fs::path& p : doomed) {
    fs::remove_all(p, ec);
    if (ec)
      throw std::runtime_error("cannot remove " + p.string() + ": " + ec.message());
  }
}

void print_unusual_interrupt(const ChildOutcome& o, const std::string& stderr_file) {
  if (o.exit_code == kExitInterrupted || o.signal == SIGINT) {
    std::cerr << '\n';
    return;
  }
  std::cerr << ": " << describe_outcome(o) << " after the SIGINT; its stderr (" << stderr_file << "):\n"
            << stderr_excerpt(stderr_file);
}

std::string stderr_excerpt(const std::string& path, std::size_t max_lines) {
  std::ifstream in(path);
  std::string line, out;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (n++ == max_lines) {
      out += "    ...\n";
      break;
    }
    out += "    " + line + "\n";
  }
  return out;
}

}  // namespace irpsim::cli
