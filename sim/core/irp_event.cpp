#include "sim/core/irp_event.hpp"

#include <array>

namespace irpsim::core {

namespace {
constexpr std::array<std::string_view, 18> kEventNames{
    "issued",         "arrived",           "auto_forwarded",     "presented",         "sent",
    "pended",         "resubmitted",       "send_failed",        "hardware_started",  "hardware_done",
    "cancel_requested", "timed_out",       "completion_routine", "request_completed", "irp_completed",
    "violation",      "created",           "deleted"};

}  // namespace

std::string_view event_name(IrpEventKind kind) { return kEventNames[static_cast<std::size_t>(kind)]; }

}  // namespace irpsim::core
