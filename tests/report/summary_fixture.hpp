// A small hand-made scenario (one stack: filter -> function -> bus -> device, two workloads) and a recorder filled
// with visits whose times add up exactly to each request's end-to-end latency, so layer shares must sum to 100 %.
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
SummaryFixture make_summary_fixture(std::uint64_t requests = 400);

// The scenario and empty statistics: nothing measured at all.
SummaryFixture make_empty_fixture();

}  // namespace irpsim::test
