// A small hand-made scenario (one stack: filter -> function -> bus -> device, two workloads) and a recorder filled
// with visits whose times add up exactly to each request's end-to-end latency, so layer shares must sum to 100 %.
//
// With `cpu` (the default) the run has CPU costs, as the engine would record them: each driver's in-layer time
// splits into core wait, lock spin, CPU and its own delay, the device's time into service and interrupt (4 us:
// 1 us core wait, 1 us ISR, 2 us DPC), requests take 3 or 4 us to submit, and recorder.cpu() holds the per-core,
// per-driver and per-device totals listed in summary_fixture.cpp (fixture_cpu). Without, every CPU time is 0 (steps
// and interrupts are still counted, as a run with zero costs counts them) and submission takes no time; the
// end-to-end latencies are the same either way.
#pragma once
#include <vector>

#include "sim/report/summary.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/recorder.hpp"

namespace irpsim::test {

struct SummaryFixture {
  scenario::Scenario scenario;
  stats::Recorder recorder{0, 0, 0, 0};
  std::vector<report::TargetInfo> targets;
  report::Accounting accounting;
  report::RunInfo run_info;
};

// `requests` per workload; the first 10 of each are warm-up.
SummaryFixture make_summary_fixture(std::uint64_t requests = 400, bool cpu = true);

// The scenario and empty statistics: nothing measured at all.
SummaryFixture make_empty_fixture();

}  // namespace irpsim::test
