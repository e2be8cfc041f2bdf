#include "models/workload_model.hpp"

#include <algorithm>
#include <cmath>

namespace irpsim::models {

WorkloadModel::WorkloadModel(const scenario::WorkloadSpec& spec, std::uint64_t seed, std::uint64_t replication)
    : spec_(spec),
      think_(spec.think_time),
      mix_rng_(seed, replication, "workload/" + spec.name + "/mix"),
      offset_rng_(seed, replication, "workload/" + spec.name + "/offsets"),
      arrival_rng_(seed, replication, "workload/" + spec.name + "/arrivals"),
      think_rng_(seed, replication, "workload/" + spec.name + "/think"),
      cancel_rng_(seed, replication, "workload/" + spec.name + "/cancel") {
  double total = 0;
  for (const auto& entry : spec.mix) {
    total += entry.weight;
    cumulative_weight_.push_back(total);
  }
}

IssuedRequest WorkloadModel::next_request() {
  std::size_t pick = 0;
  if (spec_.mix.size() > 1) {
    const double u = mix_rng_.uniform01() * cumulative_weight_.back();
    pick = static_cast<std::size_t>(std::upper_bound(cumulative_weight_.begin(), cumulative_weight_.end(), u) -
                                    cumulative_weight_.begin());
    pick = std::min(pick, spec_.mix.size() - 1);
  }
  const scenario::MixEntry& entry = spec_.mix[pick];
  IssuedRequest r;
  r.type = entry.type;
  r.length = entry.size_bytes;
  r.ioctl_code = entry.ioctl_code;
  const auto& o = spec_.offsets;
  if (o.pattern == scenario::OffsetSpec::Pattern::SEQUENTIAL) {
    if (next_sequential_ + r.length > o.span_bytes)
      next_sequential_ = 0;
    r.offset = o.start_bytes + next_sequential_;
    next_sequential_ += r.length;
  } else {
    const std::uint64_t slots = std::max<std::uint64_t>(1, o.span_bytes / o.align_bytes);
    r.offset = o.start_bytes + offset_rng_.below(slots) * o.align_bytes;
  }
  return r;
}

double WorkloadModel::next_arrival_s() {
  ++arrivals_;
  if (spec_.kind == scenario::WorkloadSpec::Kind::OPEN_FIXED)
    last_arrival_s_ = static_cast<double>(arrivals_) / spec_.rate_per_s;
  else
    last_arrival_s_ += -std::log(arrival_rng_.uniform_open01()) / spec_.rate_per_s;
  return last_arrival_s_;
}

double WorkloadModel::next_think_time_s() { return think_.sample(think_rng_); }

bool WorkloadModel::cancels_next() {
  if (spec_.cancel_share <= 0)
    return false;  // no draw: a workload that never cancels keeps the stream untouched
  return spec_.cancel_share >= 1 || cancel_rng_.uniform01() < spec_.cancel_share;
}

}  // namespace irpsim::models
