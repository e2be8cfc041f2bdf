#include "sim/cli/replications.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <map>

extern char** environ;

namespace irpsim::cli {

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

// Starts one child; returns its pid, or -1 with `error` set.
pid_t spawn(const ChildSpec& spec, std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, spec.stderr_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const std::string& a : spec.argv)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const bool search = spec.argv[0].find('/') == std::string::npos;
  const int rc = search ? ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ)
                        : ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = "cannot start " + spec.argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  return pid;
}

}  // namespace

std::vector<ChildOutcome> run_children(const std::vector<ChildSpec>& children, unsigned jobs, Progress& progress) {
  std::vector<ChildOutcome> outcomes(children.size());
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0, done = 0;
  bool stop = false;
  while (true) {
    while (!stop && next < children.size() && running.size() < std::max(1u, jobs)) {
      ChildOutcome& o = outcomes[next];
      const pid_t pid = spawn(children[next], o.spawn_error);
      if (pid < 0) {
        stop = true;
        ++done;
      } else {
        running[pid] = next;
      }
      ++next;
    }
    progress.update(done, running.size());
    if (running.empty())
      break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR)
        continue;
      break;  // ECHILD: nothing left to wait for
    }
    const auto it = running.find(pid);
    if (it == running.end())
      continue;
    ChildOutcome& o = outcomes[it->second];
    running.erase(it);
    o.ran = true;
    if (WIFEXITED(status))
      o.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
      o.signal = WTERMSIG(status);
    if (o.signal != 0 || o.exit_code == 2)
      stop = true;
    ++done;
  }
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
  return "exit code " + std::to_string(o.exit_code);
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
