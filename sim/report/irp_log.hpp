// The opt-in per-IRP event log: one line per step an IRP takes (issued, arriving at and presented to each driver,
// sent through each I/O target, pended, resubmitted, cancelled, timed out, on the hardware, each completion routine
// and each layer's completion with status and Information, back at the originator), in simulated-time order, as
// JSON lines or CSV. Streamed to a temporary file beside the destination and renamed over it by finish(), so a run
// that is interrupted leaves no half-written log. Costs nothing when no log is asked for: the engine holds a null
// pointer then. Nothing here knows SimGrid.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sim/core/irp_event.hpp"

namespace irpsim::report {

using core::IrpEvent;
using core::IrpEventKind;

class IrpLog final : public core::IrpEventSink {
public:
  enum class Format { JSON_LINES, CSV };
  // ".csv" gives CSV, anything else JSON lines.
  static Format format_for(std::string_view path);

  // Opens a temporary file beside `path`; throws std::runtime_error naming the path and the system error.
  IrpLog(std::string path, Format format);
  ~IrpLog();  // an unfinished log is removed
  IrpLog(const IrpLog&) = delete;
  IrpLog& operator=(const IrpLog&) = delete;

  void record(const IrpEvent& event) override;
  // Flushes, syncs and renames the log over `path`; throws std::runtime_error on failure (the temporary is removed).
  void finish();
  std::uint64_t events() const { return events_; }

private:
  std::string path_, temp_path_;
  Format format_;
  std::FILE* file_ = nullptr;
  std::uint64_t events_ = 0;
  bool write_failed_ = false;
};

}  // namespace irpsim::report
