// The typed messages actors exchange, one std::variant per kind of receiver, so the compiler checks that every
// message a receiver can get is handled. Payloads point at the IRP and request objects, which stay where they are.
#pragma once
#include <cstdint>
#include <variant>

#include "sim/core/irp.hpp"
#include "sim/core/request.hpp"

namespace irpsim::engine {

// To a driver.
struct IrpArrival { core::Irp* irp; };                       // IoCallDriver into the driver's device object
struct CompletionRoutineCall { core::Request* request; };    // the target ran IoCompletion; run the driver's routine
struct HardwareCompletion {                                  // the hardware finished (bus drivers)
  core::Request* request;
  core::NtStatus status;
  std::uint64_t information;
};
using DriverMessage = std::variant<IrpArrival, CompletionRoutineCall, HardwareCompletion>;

// To an I/O target.
struct SendRequest { core::Request* request; };              // WdfRequestSend
struct LowerCompleted { core::Request* request; };           // completion walk reached this target's routine
using TargetMessage = std::variant<SendRequest, LowerCompleted>;

// To a hardware device.
struct HardwareSubmit { core::Request* request; };
using DeviceMessage = std::variant<HardwareSubmit>;

// To a workload.
struct IrpDone { core::Irp* irp; };
using WorkloadMessage = std::variant<IrpDone>;

template <class... Handlers> struct Overloaded : Handlers... { using Handlers::operator()...; };
template <class... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;

}  // namespace irpsim::engine
