// The fuzz target's entry point (fuzz_scenario.cpp), shared by libFuzzer's main and by the replay main.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

// libFuzzer's entry point: one input, any bytes. Returns 0; a bug found aborts the process.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// What happened to the last input (parser verdict or simulation outcome), for the replay tool's log.
const std::string& irpsim_fuzz_last_outcome();

// The executable's coverage counters [begin, end) when it is instrumented for libFuzzer; both null otherwise
// (coverage_counters.cpp).
struct CoverageCounters {
  std::uint8_t* begin = nullptr;
  std::uint8_t* end = nullptr;
};
CoverageCounters irpsim_fuzz_coverage_counters();
