#include "sim/engine/progress.hpp"

#include <algorithm>

namespace irpsim::engine {

ProgressMeter::ProgressMeter(const scenario::Scenario& s, std::FILE* out)
    : out_(out),
      stop_requests_(static_cast<double>(scenario::planned_requests(s))),
      stop_time_s_(s.stop.time_s.value_or(0.0)) {}

void ProgressMeter::update(double simulated_s, std::uint64_t requests_done) {
  const auto now = Clock::now();
  const double wall_s = std::chrono::duration<double>(now - start_).count();
  if (wall_s < 1.0 || std::chrono::duration<double>(now - last_print_).count() < 1.0)
    return;
  last_print_ = now;
  const double done = static_cast<double>(requests_done);
  // The fraction done by whichever stop rule comes first.
  double fraction = 0;
  if (stop_requests_ > 0)
    fraction = std::max(fraction, done / stop_requests_);
  if (stop_time_s_ > 0)
    fraction = std::max(fraction, simulated_s / stop_time_s_);
  fraction = std::min(fraction, 1.0);
  std::fprintf(out_, "\r\033[K[irpsim] simulated %.4g s, %.0f requests done, %.3g IRPs per wall second", simulated_s,
               done, done / wall_s);
  if (fraction > 0.001)
    std::fprintf(out_, ", %.0f%%, about %.0f s left", 100 * fraction, wall_s * (1 - fraction) / fraction);
  std::fflush(out_);
  printed_ = true;
}

void ProgressMeter::finish() {
  if (printed_) {
    std::fprintf(out_, "\r\033[K");
    std::fflush(out_);
  }
}

}  // namespace irpsim::engine
