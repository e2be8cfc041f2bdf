// The cores of a host as a set of run-to-completion FIFO stations, and spin locks as FIFO stations whose customers
// hold a core: exact start and finish times from the rules in models/host_cpu.hpp.
#include <catch2/catch.hpp>

#include <vector>

#include "models/host_cpu.hpp"

using namespace irpsim::models;

namespace {

// Records the steps that started after waiting for their core, as the engine's actors are told.
struct Owner final : StepOwner {
  std::vector<std::pair<std::uint64_t, StepTiming>> started;
  void step_started(std::uint64_t tag, const StepTiming& t) override { started.emplace_back(tag, t); }
};

CpuStep step(std::uint32_t core, double cost, Owner& owner, std::uint64_t tag, std::vector<LockTake> locks = {},
             CpuWork work = CpuWork::DISPATCH) {
  return CpuStep{work, core, cost, std::move(locks), &owner, tag};
}

}  // namespace

TEST_CASE("host cpu: a step on a free core starts at once and finishes after its cost") {
  HostCpu cpu(2, 1.0);
  Owner owner;
  StepTiming t;
  REQUIRE(cpu.submit(step(0, 5e-6, owner, 1), 1e-6, &t));
  CHECK(t.started_s == 1e-6);
  CHECK(t.finished_s == Approx(6e-6));
  CHECK(t.core_wait_s() == 0);
  CHECK(t.cpu_s() == Approx(5e-6));
  // The other core is free meanwhile: steps of one driver run on several cores at once.
  REQUIRE(cpu.submit(step(1, 5e-6, owner, 2), 2e-6, &t));
  CHECK(t.started_s == 2e-6);
}

TEST_CASE("host cpu: steps on a busy core wait first come, first served, and run to completion") {
  HostCpu cpu(1, 1.0);
  Owner owner;
  StepTiming t;
  REQUIRE(cpu.submit(step(0, 10e-6, owner, 1), 0, &t));
  CHECK_FALSE(cpu.submit(step(0, 3e-6, owner, 2), 1e-6, &t));
  CHECK_FALSE(cpu.submit(step(0, 4e-6, owner, 3, {}, CpuWork::DPC), 2e-6, &t));
  CHECK(cpu.waiting(0) == 2);
  cpu.finish(0, 10e-6);  // the first step's end: the second starts now
  REQUIRE(owner.started.size() == 1);
  CHECK(owner.started[0].first == 2);
  CHECK(owner.started[0].second.submitted_s == 1e-6);
  CHECK(owner.started[0].second.started_s == 10e-6);
  CHECK(owner.started[0].second.core_wait_s() == Approx(9e-6));
  CHECK(owner.started[0].second.finished_s == Approx(13e-6));
  cpu.finish(0, owner.started[0].second.finished_s);
  REQUIRE(owner.started.size() == 2);
  CHECK(owner.started[1].first == 3);
  CHECK(owner.started[1].second.finished_s == Approx(17e-6));
  // The accounting by kind of work.
  const CoreUsage& u = cpu.usage()[0];
  CHECK(u.steps == 3);
  CHECK(u.busy_s[static_cast<std::size_t>(CpuWork::DISPATCH)] == Approx(13e-6));
  CHECK(u.busy_s[static_cast<std::size_t>(CpuWork::DPC)] == Approx(4e-6));
  CHECK(u.total_s() == Approx(17e-6));
}

TEST_CASE("host cpu: finish before a step's end or with nothing waiting starts nothing") {
  HostCpu cpu(1, 1.0);
  Owner owner;
  StepTiming t;
  REQUIRE(cpu.submit(step(0, 10e-6, owner, 1), 0, &t));
  CHECK_FALSE(cpu.submit(step(0, 1e-6, owner, 2), 0, &t));
  cpu.finish(0, 5e-6);
  CHECK(owner.started.empty());
  cpu.finish(0, 10e-6);
  REQUIRE(owner.started.size() == 1);
  const double end = owner.started[0].second.finished_s;
  cpu.finish(0, end);
  CHECK(owner.started.size() == 1);
  // A core whose step has ended and has nobody waiting is free again.
  CHECK(cpu.idle(0, end));
  CHECK_FALSE(cpu.idle(0, 10.5e-6));
}

TEST_CASE("host cpu: a spin lock grants in request order and its waiter keeps its core busy") {
  HostCpu cpu(2, 1.0);
  Owner owner;
  SpinLock lock;
  StepTiming a, b;
  // Core 0 takes the lock at 0 and holds it 4us, then computes 1us; core 1 asks at 1us and spins until 4us.
  REQUIRE(cpu.submit(step(0, 1e-6, owner, 1, {LockTake{&lock, 4e-6}}), 0, &a));
  REQUIRE(cpu.submit(step(1, 1e-6, owner, 2, {LockTake{&lock, 4e-6}}), 1e-6, &b));
  CHECK(a.spin_s == 0);
  CHECK(a.finished_s == Approx(5e-6));
  CHECK(b.spin_s == Approx(3e-6));
  CHECK(b.finished_s == Approx(9e-6));       // granted at 4, held to 8, then 1us of its own
  CHECK(b.cpu_s() == Approx(5e-6));
  CHECK(lock.acquisitions == 2);
  CHECK(lock.hold_s == Approx(8e-6));
  CHECK(lock.wait_s == Approx(3e-6));
  CHECK(cpu.usage()[1].spin_s == Approx(3e-6));
}

TEST_CASE("host cpu: a host twice the reference speed runs costs in half the time") {
  HostCpu cpu(1, 2.0);
  CHECK(cpu.on_host(10e-6) == Approx(5e-6));
}

TEST_CASE("host cpu: the utilisation timeline keeps busy time exactly and bounds its buckets") {
  CpuTimeline timeline(1.0);
  timeline.add(0.5, 2.5);
  REQUIRE(timeline.busy_s().size() == 3);
  CHECK(timeline.busy_s()[0] == Approx(0.5));
  CHECK(timeline.busy_s()[1] == Approx(1.0));
  CHECK(timeline.busy_s()[2] == Approx(0.5));
  // Far beyond the last bucket: buckets merge in pairs, the total stays the same.
  timeline.add(1000.0, 1001.0);
  CHECK(timeline.busy_s().size() <= CpuTimeline::kMaxBuckets);
  CHECK(timeline.width_s() >= 4.0);
  double total = 0;
  for (double b : timeline.busy_s())
    total += b;
  CHECK(total == Approx(3.0));
}

TEST_CASE("host cpu: a long backlog on one core is served in order while its memory is reclaimed") {
  HostCpu cpu(1, 1.0);
  Owner owner;
  StepTiming t;
  REQUIRE(cpu.submit(step(0, 1e-6, owner, 0), 0, &t));
  for (std::uint64_t i = 1; i <= 5000; ++i)
    CHECK_FALSE(cpu.submit(step(0, 1e-6, owner, i), 0, &t));
  double now = t.finished_s;
  for (std::uint64_t i = 1; i <= 5000; ++i) {
    cpu.finish(0, now);
    REQUIRE(owner.started.size() == i);
    REQUIRE(owner.started.back().first == i);  // first come, first served across the compactions
    now = owner.started.back().second.finished_s;
    CHECK(cpu.waiting(0) == 5000 - i);
  }
  CHECK(now == Approx(5001e-6));
  CHECK(cpu.idle(0, now));
}
