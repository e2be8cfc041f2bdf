// Where libFuzzer's inline 8-bit coverage counters are (the __sancov_cntrs section), for fuzz_scenario.cpp to copy a
// forked child's counters back into the parent. A file of its own, compiled without the coverage instrumentation
// (CMakeLists.txt): in an instrumented file, declaring the section's bounds clashes with the declarations the
// instrumentation makes itself, and the counters are then never registered with libFuzzer. Not instrumented at all
// (g++, no IRPSIM_FUZZ): the section does not exist and both bounds are null.
#include <cstdint>

#include "tests/fuzz/harness.hpp"

extern "C" {
extern std::uint8_t __start___sancov_cntrs[] __attribute__((weak, visibility("hidden")));
extern std::uint8_t __stop___sancov_cntrs[] __attribute__((weak, visibility("hidden")));
}

CoverageCounters irpsim_fuzz_coverage_counters() { return {__start___sancov_cntrs, __stop___sancov_cntrs}; }
