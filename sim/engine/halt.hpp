// Why a run ended before its stop rule was met and every IRP came back: a limit (simulated time, wall time,
// requests in flight) or an interrupt. A halted run's results are partial: the IRPs still outstanding were in
// flight, not stuck, and are counted as such.
#pragma once
#include <string>
#include <string_view>

namespace irpsim::engine {

enum class Halt { NONE, SIMULATED_TIME_LIMIT, WALL_TIME_LIMIT, IN_FLIGHT_LIMIT, INTERRUPTED };

// "simulated_time_limit", "wall_time_limit", "requests_in_flight_limit", "interrupted" ("" for NONE): the
// summary's halt.reason.
std::string_view halt_name(Halt h);

struct HaltState {
  Halt reason = Halt::NONE;
  double at_s = 0;       // the simulated time of the halt
  std::string detail;    // e.g. "the wall-time limit of 60 s was reached"
  int signal = 0;        // INTERRUPTED: the signal (SIGINT or SIGTERM)
};

}  // namespace irpsim::engine
