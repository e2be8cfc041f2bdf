// One step of one IRP, as the opt-in per-IRP event log records it (sim/report/irp_log.hpp writes it). A plain record
// the models and actors fill in; the names are the log's "event" column.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/core/request_type.hpp"
#include "sim/core/status.hpp"

namespace irpsim::core {

enum class IrpEventKind : std::uint8_t {
  ISSUED,              // the workload allocated the IRP and called the top driver
  ARRIVED,             // IoCallDriver reached a driver's dispatch routine
  AUTO_FORWARDED,      // a filter with no queue or handler for the type passed it down (no request object)
  PRESENTED,           // the driver's queue presented its request object to the driver
  SENT,                // WdfRequestSend returned TRUE and the IRP went down through the target
  PENDED,              // the target is stopped: the request waits in it
  RESUBMITTED,         // a pended request left the target on start
  SEND_FAILED,         // WdfRequestSend returned FALSE (status says why)
  HARDWARE_STARTED,    // a device channel took the request
  HARDWARE_DONE,       // the device finished it (status, Information)
  CANCEL_REQUESTED,    // IoCancelIrp on the IRP (WdfRequestCancelSentRequest, a timeout, a stop or purge)
  TIMED_OUT,           // a send timeout expired
  COMPLETION_ROUTINE,  // a driver's completion routine ran (status and Information from below)
  REQUEST_COMPLETED,   // a driver completed its request object (the status it chose, after WDF rewriting)
  IRP_COMPLETED,       // the completion walk passed the top: the originator has the IRP back
  VIOLATION,           // the framework's verifier or a bug check stopped the IRP
  CREATED,             // a driver allocated this IRP for a request it created (related_irp: the received one)
  DELETED,             // the driver deleted its created request after its completion routine (or it failed to send)
};
std::string_view event_name(IrpEventKind kind);

struct IrpEvent {
  double time_s = 0;
  std::uint64_t irp_id = 0;
  IrpEventKind kind = IrpEventKind::ISSUED;
  std::string_view at;                   // the workload, driver, target or device name
  RequestType type = RequestType::READ;
  std::uint64_t length_bytes = 0;        // the IRP's transfer length and offset, as its originator issued it
  std::uint64_t offset_bytes = 0;
  NtStatus status = STATUS_SUCCESS;  // meaningful for *_DONE, *_COMPLETED, COMPLETION_ROUTINE, failures
  std::uint64_t information_bytes = 0;
  std::uint64_t related_irp = kNoIrp;    // CREATED/DELETED: the IRP of the received request a created one works for
  static constexpr std::uint64_t kNoIrp = UINT64_MAX;
};

// Where IRP events go: the log file writer (report::IrpLog), the trace writer, or a test's memory.
class IrpEventSink {
public:
  virtual ~IrpEventSink() = default;
  virtual void record(const IrpEvent& event) = 0;
};

// Passes every event to several sinks, in the order they were added (the event log and the trace together).
class IrpEventFanout final : public IrpEventSink {
public:
  void add(IrpEventSink* sink) { sinks_.push_back(sink); }
  bool empty() const { return sinks_.empty(); }
  void record(const IrpEvent& event) override {
    for (IrpEventSink* sink : sinks_)
      sink->record(event);
  }

private:
  std::vector<IrpEventSink*> sinks_;
};

}  // namespace irpsim::core
