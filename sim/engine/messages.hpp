// The typed messages actors exchange, one std::variant per kind of receiver, so the compiler checks that every
// message a receiver can get is handled. Payloads point at the IRP and request objects, which stay where they are.
#pragma once
#include <cstdint>
#include <variant>

#include "sim/core/io_target.hpp"
#include "sim/core/irp.hpp"
#include "sim/core/request.hpp"

namespace irpsim::engine {

// IoCancelIrp reaching whoever holds the IRP (a driver's queue, a target's pend queue, a device). A holder that no
// longer has it passes it on to the IRP's current holder.
struct CancelIrp { core::Irp* irp; };

// To a driver.
struct IrpArrival { core::Irp* irp; };                       // IoCallDriver into the driver's device object
struct SendCompletion { core::Request* request; };           // a send of this driver came back through its target
struct HardwareCompletion {                                  // the hardware finished (bus drivers)
  core::Request* request;
  core::NtStatus status;
  std::uint64_t information;
};
using DriverMessage = std::variant<IrpArrival, SendCompletion, HardwareCompletion, CancelIrp>;

// To an I/O target.
struct TargetSend {                                          // WdfRequestSend accepted by the target's state machine
  core::Irp* irp;
  core::Request* request;                                    // null for send-and-forget (the request is gone)
  core::SendOutcome outcome;                                 // SENT, PENDED or SENT_UNTRACKED
  bool start_timer;
  double timeout_s;
};
using TargetMessage = std::variant<TargetSend, CancelIrp>;

// To a hardware device.
struct HardwareSubmit { core::Request* request; };
using DeviceMessage = std::variant<HardwareSubmit, CancelIrp>;

// To a workload.
struct IrpDone { core::Irp* irp; };
struct CreatedIrpsDrained {};                                // the last driver-created IRP was deleted
struct HaltRequested {};                                     // a limit or an interrupt: stop issuing and leave
using WorkloadMessage = std::variant<IrpDone, CreatedIrpsDrained, HaltRequested>;


template <class... Handlers> struct Overloaded : Handlers... { using Handlers::operator()...; };
template <class... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace irpsim::engine
