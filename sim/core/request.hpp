// A framework request object (WDFREQUEST): each KMDF driver that receives an IRP through a queue wraps it in its own
// request; only the IRP moves between drivers (wdf-semantics.md section 9). Holds the times the per-layer breakdown
// is built from. Driver-created requests, reuse and cancellation state are not modelled yet.
#pragma once
#include <cstdint>

#include "sim/core/irp.hpp"

namespace irpsim::core {

struct Request {
  enum class State : std::uint8_t { QUEUED, PRESENTED, SENT, COMPLETED };
  Irp* irp = nullptr;
  std::uint32_t driver = 0;
  std::uint32_t queue = 0;
  RequestType type = RequestType::READ;
  State state = State::QUEUED;
  double arrived_s = 0;     // IoCallDriver into the driver
  double presented_s = 0;   // handed to the driver's callback
  double sent_s = -1;       // given to an I/O target (or the hardware); -1 = never
  double returned_s = 0;    // completion routine called (or hardware done)
};

}  // namespace irpsim::core
