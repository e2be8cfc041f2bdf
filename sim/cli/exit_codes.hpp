// The process exit codes, one place: scripts and tests depend on them.
#pragma once

namespace irpsim::cli {
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;     // bad scenario, bad usage, an output path that cannot be opened
inline constexpr int kExitRunFailed = 3;    // the run finished, but IRPs were stuck or framework rules were broken
inline constexpr int kExitStoppedAtLimit = 4;  // a limit (simulated time, wall time, in flight) halted the run;
                                               // its results are written and marked partial
inline constexpr int kExitWriteFailed = 5;  // results could not be written (no space, no permission): path on stderr
inline constexpr int kExitIncomplete = 6;   // --collect: runs of the plan are missing or failed; the outputs hold
                                            // what finished ("complete": false), resubmitting runs only the rest
inline constexpr int kExitInterrupted = 130;  // Ctrl-C (SIGINT): finished results kept, the interrupted one marked
}  // namespace irpsim::cli
