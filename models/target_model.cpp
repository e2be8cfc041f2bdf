#include "models/target_model.hpp"

#include <cassert>

namespace irpsim::models {

TargetModel::SendResult TargetModel::send(core::Request& request) {
  if (!request.irp->call_driver())
    return SendResult::NO_STACK_LOCATION;
  ++outstanding_;
  return SendResult::CALLED_LOWER;
}

void TargetModel::completed(core::Request& request) {
  (void)request;
  assert(outstanding_ > 0);
  --outstanding_;
}

}  // namespace irpsim::models
