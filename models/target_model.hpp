// A local I/O target (WDFIOTARGET for the next-lower device object) in the Started state: WdfRequestSend passes the
// request to IoCallDriver at once, and the target keeps the requests it sent until their completion comes back (the
// list Stop and Purge act on). IoCallDriver with no stack location left is bug check 0x35.
// Not modelled yet (issue 3): the Stopped, Purged, Closed and Deleted states and their pending queue, send options,
// timeouts, cancellation, remote targets.
#pragma once
#include <cstdint>

#include "sim/core/request.hpp"

namespace irpsim::models {

class TargetModel {
public:
  enum class SendResult { CALLED_LOWER, NO_STACK_LOCATION };

  TargetModel(std::uint32_t index, std::uint32_t owner_driver, std::uint32_t lower_driver)
      : index_(index), owner_(owner_driver), lower_(lower_driver) {}

  // WdfRequestSend in the Started state: IoCallDriver(next-lower device).
  SendResult send(core::Request& request);
  // The framework's IoCompletion routine ran for a request sent through this target.
  void completed(core::Request& request);

  std::uint32_t index() const { return index_; }
  std::uint32_t owner_driver() const { return owner_; }
  std::uint32_t lower_driver() const { return lower_; }
  std::uint64_t outstanding() const { return outstanding_; }

private:
  std::uint32_t index_, owner_, lower_;
  std::uint64_t outstanding_ = 0;
};

}  // namespace irpsim::models
