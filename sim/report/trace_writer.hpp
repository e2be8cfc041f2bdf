// The timeline trace (`irpsim run --trace FILE`): Chrome trace-event JSON that Perfetto and chrome://tracing open.
// Built from the per-IRP event stream (core::IrpEventSink): one track (thread) per actor (workload, driver, I/O
// target, device), each IRP an async span per layer it visits (overlapping IRPs stay separate), flow arrows from
// layer to layer. At most `max_irps` IRPs are traced, chosen by id (every k-th) so long runs give small files;
// irps_skipped() says when the cap applied. Streamed to a temporary file, renamed into place by finish().
#pragma once
#include <cstdint>
#include <string>

#include "sim/core/irp_event.hpp"

namespace irpsim::report {

class TraceWriter final : public core::IrpEventSink {
public:
  // Throws std::runtime_error naming the path and the system error if the file cannot be opened.
  TraceWriter(std::string path, std::uint64_t max_irps, std::uint64_t expected_irps);
  ~TraceWriter() override;  // an unfinished trace is removed
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  void record(const core::IrpEvent& event) override;
  // Closes the JSON, flushes, renames over the path; throws std::runtime_error on failure.
  void finish();
  std::uint64_t irps_traced() const;
  std::uint64_t irps_skipped() const;

private:
  struct Impl;
  Impl* impl_;
};

}  // namespace irpsim::report
