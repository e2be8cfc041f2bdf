// One streaming pass over a whole trace before a run: how many records it holds and what becomes of each (replayed,
// skipped and why, malformed and where), and the span of its request times. The scenario parser takes it to
// report malformed lines before anything runs; the summary reports it next to what the run replayed.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/replay/trace_reader.hpp"

namespace irpsim::replay {

struct MalformedLine {
  std::uint64_t line = 0;
  std::string problem;
};

struct TraceCensus {
  static constexpr std::size_t kKeptProblems = 10;  // malformed lines kept with their problem; the rest are counted
  std::uint64_t records = 0;                        // = requests + skipped + malformed
  std::uint64_t requests = 0;
  std::uint64_t skipped = 0;
  std::map<std::string, std::uint64_t, std::less<>> skipped_by_reason;  // reason -> count, sorted by name
  std::uint64_t malformed = 0;
  std::vector<MalformedLine> first_malformed;       // the first kKeptProblems, in file order
  double first_request_s = 0;                       // recorded times of the first and last requests
  double last_request_s = 0;                        // (0 when there are none)
  std::uint64_t lines = 0;                          // lines in the file, records or not
};

// Reads the whole file once; throws TraceFileError as TraceReader does.
TraceCensus take_census(const std::string& path, TraceFormat format, const TraceSelection& selection = {});

}  // namespace irpsim::replay
