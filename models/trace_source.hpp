// The requests of a trace workload, read from its trace as the run goes (never loaded whole): each request the
// trace records, in file order, with the time a recorded replay issues it ((recorded time - origin) * time_scale,
// scenario.hpp's TraceSpec). Skipped and malformed records are passed over: the parser's census counted them, and a
// scenario whose trace has malformed lines runs only with "malformed": "skip". What it leaves out: flushes (irpsim
// has no IRP_MJ_FLUSH_BUFFERS), per-record process or CPU, and think times between requests.
#pragma once
#include <optional>
#include <string>

#include "models/workload_model.hpp"
#include "sim/replay/trace_reader.hpp"
#include "sim/scenario/scenario.hpp"

namespace irpsim::models {

struct TracedRequest {
  IssuedRequest request;
  double issue_time_s = 0;  // for a recorded replay
};

class TraceSource {
public:
  // Opens the trace; throws replay::TraceFileError (the parser has opened the same file moments before).
  explicit TraceSource(const scenario::TraceSpec& spec);
  // The next request, or nullopt when the trace has no more. A read error ends the trace (read_error() says why).
  std::optional<TracedRequest> next();
  const std::string& read_error() const { return read_error_; }

private:
  const scenario::TraceSpec& spec_;
  replay::TraceReader reader_;
  std::string read_error_;
  bool ended_ = false;
};

}  // namespace irpsim::models
