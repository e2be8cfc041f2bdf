#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "sim/stats/recorder.hpp"

using namespace irpsim;
using stats::IrpCompletion;
using stats::Recorder;

namespace {

IrpCompletion completion(std::uint64_t ordinal, core::RequestType type, double issued_s, double completed_s,
                         bool measured, core::NtStatus status = core::STATUS_SUCCESS, std::uint64_t info = 4096) {
  IrpCompletion c;
  c.workload = 0;
  c.type = type;
  c.length_bytes = 4096;
  c.status = status;
  c.information_bytes = info;
  c.issued_s = issued_s;
  c.completed_s = completed_s;
  c.submission_ordinal = ordinal;
  c.measured = measured;
  return c;
}

}  // namespace

TEST_CASE("latency stats: mean, population stddev, min, max", "[recorder]") {
  stats::LatencyStats l;
  CHECK(l.mean_ns() == 0);
  CHECK(l.stddev_ns() == 0);
  for (std::uint64_t v : {2, 4, 4, 4, 5, 5, 7, 9})
    l.add_ns(v);
  CHECK(l.count == 8);
  CHECK(l.mean_ns() == Approx(5));
  CHECK(l.stddev_ns() == Approx(2));
  CHECK(l.min_ns == 2);
  CHECK(l.max_ns == 9);
  CHECK(l.percentile_ns(50) == 4);

  stats::LatencyStats constant;
  for (int i = 0; i < 100000; ++i)
    constant.add_ns(123456789);
  CHECK(constant.stddev_ns() == 0);  // no cancellation noise

  stats::LatencyStats a, b, both;
  for (std::uint64_t v = 1; v <= 100; ++v) {
    (v % 2 ? a : b).add_ns(v * v);
    both.add_ns(v * v);
  }
  a.merge(b);
  CHECK(a.count == both.count);
  CHECK(a.mean_ns() == Approx(both.mean_ns()));
  CHECK(a.stddev_ns() == Approx(both.stddev_ns()));
  CHECK(a.min_ns == 1);
  CHECK(a.max_ns == 10000);
  CHECK(a.histogram == both.histogram);
}

TEST_CASE("recorder keeps warm-up out of the measured statistics", "[recorder]") {
  Recorder r(1, 1, 1, 1);
  r.irp_issued(0, 0, 0.0, false);
  r.irp_issued(0, 1, 0.5, true);
  r.irp_issued(0, 2, 1.0, true);
  r.irp_completed(completion(0, core::RequestType::READ, 0.0, 0.000010, false));
  r.irp_completed(completion(2, core::RequestType::WRITE, 1.0, 1.000030, true));
  r.irp_completed(completion(1, core::RequestType::READ, 0.5, 0.500020, true));
  const stats::WorkloadStats& w = r.workloads()[0];
  CHECK(w.issued == 3);
  CHECK(w.completed == 3);
  CHECK(w.warmup_excluded == 1);
  const auto& read = w.per_type[core::index_of(core::RequestType::READ)];
  const auto& write = w.per_type[core::index_of(core::RequestType::WRITE)];
  CHECK(read.requests == 1);
  CHECK(read.latency.count == 1);
  CHECK(read.latency.min_ns == 20000);
  CHECK(write.requests == 1);
  CHECK(write.latency.max_ns == 30000);
  CHECK(w.first_measured_issue_s == 0.5);
  CHECK(w.last_measured_completion_s == 1.000030);
  // Ordering covers every request, warm-up included; 2 completed before 1: one inversion.
  CHECK(w.ordering.completions() == 3);
  CHECK(w.ordering.inversions() == 1);
  CHECK(w.ordering.out_of_order() == 1);
}

TEST_CASE("recorder counts statuses and bytes only for successful completions", "[recorder]") {
  Recorder r(1, 0, 0, 0);
  for (std::uint64_t i = 0; i < 4; ++i)
    r.irp_issued(0, i, 0.0, true);
  r.irp_completed(completion(0, core::RequestType::READ, 0, 1e-6, true, core::STATUS_SUCCESS, 4096));
  r.irp_completed(completion(1, core::RequestType::READ, 0, 2e-6, true, core::STATUS_DEVICE_DATA_ERROR, 512));
  r.irp_completed(completion(2, core::RequestType::READ, 0, 3e-6, true, core::STATUS_SUCCESS, 1000));
  r.irp_completed(completion(3, core::RequestType::READ, 0, 4e-6, true, core::STATUS_CANCELLED, 0));
  const auto& read = r.workloads()[0].per_type[0];
  CHECK(read.requests == 4);
  CHECK(read.bytes == 5096);
  CHECK(read.status_counts.at(core::STATUS_SUCCESS) == 2);
  CHECK(read.status_counts.at(core::STATUS_DEVICE_DATA_ERROR) == 1);
  CHECK(read.status_counts.at(core::STATUS_CANCELLED) == 1);
  CHECK(read.latency.min_ns == 1000);
  CHECK(read.latency.max_ns == 4000);
  CHECK(read.latency.mean_ns() == Approx(2500));
}

TEST_CASE("recorder rounds latencies to the nearest nanosecond", "[recorder]") {
  Recorder r(1, 0, 0, 0);
  r.irp_issued(0, 0, 0.1, true);
  // 0.1 + 1.4999e-6 is not exact in binary; the difference must still round to 1500 ns.
  r.irp_completed(completion(0, core::RequestType::READ, 0.1, 0.1 + 1.4999e-6, true));
  CHECK(r.workloads()[0].per_type[0].latency.min_ns == 1500);
}

TEST_CASE("recorder layer, target and device visits", "[recorder]") {
  Recorder r(1, 2, 1, 1);
  stats::LayerVisit v;
  v.driver = 1;
  v.type = core::RequestType::WRITE;
  v.queue_wait_s = 1e-6;
  v.in_layer_s = 2e-6;
  v.below_s = 10e-6;
  r.layer_visited(v);
  v.measured = false;
  r.layer_visited(v);
  stats::LayerVisit p;
  p.driver = 0;
  p.passed_through = true;
  r.layer_visited(p);
  p.measured = false;
  r.layer_visited(p);
  const auto& l = r.layers()[1][core::index_of(core::RequestType::WRITE)];
  CHECK(l.requests == 1);
  CHECK(l.queue_wait.max_ns == 1000);
  CHECK(l.in_layer.max_ns == 2000);
  CHECK(l.below.max_ns == 10000);
  CHECK(r.layers()[0][0].passed_through == 1);
  CHECK(r.layers()[0][0].requests == 0);

  r.target_visited({0, core::RequestType::READ, 3e-6, true});
  r.target_visited({0, core::RequestType::READ, 3e-6, false});
  CHECK(r.targets()[0][0].requests == 1);
  CHECK(r.targets()[0][0].held.sum_ns == 3000);

  r.device_visited({0, core::RequestType::READ, 1e-6, 5e-6, 2e-6, true});
  r.device_visited({0, core::RequestType::READ, 1e-6, 5e-6, 2e-6, false});
  const auto& d = r.devices()[0][0];
  CHECK(d.requests == 1);
  CHECK(d.service.sum_ns == 5000);
  CHECK(d.interrupt.sum_ns == 2000);  // completion interrupt: core wait, ISR and DPC
  CHECK(d.busy_channel_s == Approx(10e-6));  // utilisation counts warm-up service too

  CHECK_THROWS_AS(r.device_visited({3, core::RequestType::READ, 0, 0, true}), std::out_of_range);
  CHECK_THROWS_AS(r.irp_issued(7, 0, 0, true), std::out_of_range);
}

TEST_CASE("recorder: completion latency is the latency until a submission takes time, then kept on its own") {
  stats::Recorder r(1, 1, 0, 1);
  auto complete = [&r](std::uint64_t ordinal, double issued, double submitted, double completed) {
    r.irp_issued(0, ordinal, issued, true);
    stats::IrpCompletion c;
    c.issued_s = issued;
    c.submitted_s = submitted;
    c.completed_s = completed;
    c.submission_ordinal = ordinal;
    r.irp_completed(c);
  };
  complete(0, 0, 0, 10e-6);
  complete(1, 0, 0, 20e-6);
  const auto& t = r.workloads()[0].per_type[core::index_of(core::RequestType::READ)];
  CHECK_FALSE(t.completion_kept);
  CHECK(&t.completion_latency() == &t.latency);
  CHECK(t.submission.count == 2);
  CHECK(t.submission.max_ns == 0);
  complete(2, 0, 3e-6, 30e-6);  // 3us to submit, 27us to complete
  CHECK(t.completion_kept);
  CHECK(t.completion_latency().count == 3);
  CHECK(t.completion_latency().sum_ns == 10'000 + 20'000 + 27'000);
  CHECK(t.completion_latency().max_ns == 27'000);
  CHECK(t.latency.max_ns == 30'000);
  CHECK(t.submission.sum_ns == 3'000);
}

TEST_CASE("recorder: zeros after zeros only count, and a later value is exact") {
  stats::LatencyStats s;
  for (int i = 0; i < 5; ++i)
    s.add_ns(0);
  CHECK(s.count == 5);
  CHECK(s.sum_ns == 0);
  CHECK(s.histogram.total() == 5);
  s.add_ns(600);
  CHECK(s.count == 6);
  CHECK(s.mean_ns() == Approx(100));
  CHECK(s.min_ns == 0);
  CHECK(s.max_ns == 600);
  // Population standard deviation of {0,0,0,0,0,600}: sqrt(mean of squares - square of mean) = sqrt(60000 - 10000).
  CHECK(s.stddev_ns() == Approx(std::sqrt(50'000.0)));
}
