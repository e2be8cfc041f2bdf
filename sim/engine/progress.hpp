// Progress of a long run on stderr: simulated time, requests done (of the stop rule's count, when there is one), the
// wall-clock rate and the estimated time left, rewritten in place about once a second after the first second.
// Driven from the engine's time-advance signal; checks the wall clock only every few hundred advances so that it
// costs nothing measurable. Writes only to stderr: nothing reaches stdout or any JSON.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "sim/scenario/scenario.hpp"

namespace irpsim::engine {

class ProgressMeter {
public:
  explicit ProgressMeter(const scenario::Scenario& s, std::FILE* out = stderr);
  // Called at every advance of simulated time: true every few hundred calls, when the caller should call update().
  bool due() { return ++ticks_ % kTicksBetweenChecks == 0; }
  // Prints the figures so far if a second has passed since the last print (and the run has taken a second).
  void update(double simulated_s, std::uint64_t requests_done);
  // Ends the line if anything was printed.
  void finish();

private:
  static constexpr std::uint64_t kTicksBetweenChecks = 512;

  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  double stop_requests_;   // the requests the run will issue (scenario::planned_requests); 0: not known
  double stop_time_s_;     // 0: no time limit
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_print_ = start_;
  std::uint64_t ticks_ = 0;
  bool printed_ = false;
};

}  // namespace irpsim::engine
