#include "models/host_cpu.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace irpsim::models {

void CpuTimeline::grow_to(double t) {
  while (t >= width_s_ * static_cast<double>(kMaxBuckets)) {
    // Merge pairs: the series keeps its shape at half the resolution.
    std::vector<double> merged((busy_s_.size() + 1) / 2, 0.0);
    for (std::size_t i = 0; i < busy_s_.size(); ++i)
      merged[i / 2] += busy_s_[i];
    busy_s_ = std::move(merged);
    width_s_ *= 2;
  }
  const auto needed = static_cast<std::size_t>(t / width_s_) + 1;
  if (busy_s_.size() < needed)
    busy_s_.resize(needed, 0.0);
}

void CpuTimeline::add(double from_s, double to_s) {
  if (!(to_s > from_s))
    return;
  if (to_s >= width_s_ * static_cast<double>(kMaxBuckets) ||
      busy_s_.size() <= static_cast<std::size_t>(to_s / width_s_))
    grow_to(to_s);
  const auto first = static_cast<std::size_t>(from_s / width_s_);
  if (first == static_cast<std::size_t>(to_s / width_s_) && first < busy_s_.size()) {
    busy_s_[first] += to_s - from_s;  // the usual case: a step within one bucket
    return;
  }
  double t = from_s;
  while (t < to_s) {
    const auto bucket = static_cast<std::size_t>(t / width_s_);
    const double edge = static_cast<double>(bucket + 1) * width_s_;
    const double end = std::min(edge, to_s);
    busy_s_[std::min(bucket, busy_s_.size() - 1)] += end - t;
    if (end <= t)  // rounding at a bucket edge: never loop forever
      break;
    t = end;
  }
}

HostCpu::HostCpu(std::uint32_t cores, double speed_factor)
    : speed_factor_(speed_factor), cores_(cores), usage_(cores) {}

bool HostCpu::submit(CpuStep step, double now, StepTiming* timing) {
  const std::uint32_t core = step.core;
  if (idle(core, now)) {
    *timing = start(core, step, now, now);
    return true;
  }
  cores_[core].waiting.push_back(Queued{std::move(step), now});
  return false;
}

void HostCpu::finish(std::uint32_t core, double now) {
  Core& c = cores_[core];
  if (c.idle_queue() || c.busy_until_s > now)
    return;
  Queued next = std::move(c.waiting[c.first++]);
  if (c.idle_queue()) {
    c.waiting.clear();
    c.first = 0;
  } else if (c.first >= 1024 && 2 * c.first >= c.waiting.size()) {
    // A core that never catches up: drop the served half, so memory follows the steps waiting, not those served.
    c.waiting.erase(c.waiting.begin(), c.waiting.begin() + static_cast<std::ptrdiff_t>(c.first));
    c.first = 0;
  }
  const StepTiming timing = start(core, next.step, next.submitted_s, now);
  next.step.owner->step_started(next.step.tag, timing);
}

StepTiming HostCpu::start(std::uint32_t core, const CpuStep& step, double submitted_s, double now) {
  StepTiming t;
  t.submitted_s = submitted_s;
  t.started_s = now;
  double at = now;
  for (const LockTake& take : step.locks) {
    // Lindley's recursion: lock requests arrive in time order (steps start only at event times), so the FIFO
    // station's grant time is the later of the request and the previous holder's release.
    const double granted = std::max(at, take.lock->free_at_s);
    t.spin_s += granted - at;
    take.lock->wait_s += granted - at;
    take.lock->hold_s += take.hold_s;
    ++take.lock->acquisitions;
    at = granted + take.hold_s;
    take.lock->free_at_s = at;
  }
  t.finished_s = at + step.cost_s;
  cores_[core].busy_until_s = t.finished_s;
  CoreUsage& u = usage_[core];
  u.spin_s += t.spin_s;
  u.busy_s[static_cast<std::size_t>(step.work)] += t.cpu_s();
  ++u.steps;
  timeline_.add(now, t.finished_s);
  return t;
}

}  // namespace irpsim::models
