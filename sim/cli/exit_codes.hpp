// The process exit codes, one place: scripts and tests depend on them.
#pragma once

namespace irpsim::cli {
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;     // bad scenario, bad usage, unwritable output
inline constexpr int kExitRunFailed = 3;    // the run finished, but IRPs were stuck or framework rules were broken
}  // namespace irpsim::cli
