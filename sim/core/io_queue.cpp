#include "sim/core/io_queue.hpp"

#include <cassert>

#include "sim/core/request.hpp"

namespace irpsim::core {

IoQueue::IoQueue(Dispatch dispatch, std::int64_t max_presented)
    : manual_(dispatch == Dispatch::MANUAL), limit_(dispatch == Dispatch::SEQUENTIAL ? 1 : max_presented) {
  assert(limit_ == kUnlimited || limit_ >= 1);
}

bool IoQueue::arrive(Request* request) {
  if (waiting_.empty() && has_room()) {
    ++presented_;
    return true;
  }
  waiting_.push_back(request);
  return false;
}

Request* IoQueue::retrieve() {
  if (waiting_.empty())
    return nullptr;
  Request* next = waiting_.front();
  waiting_.pop_front();
  ++presented_;
  return next;
}

Request* IoQueue::remove_waiting(const Irp& irp) {
  for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
    if ((*it)->irp == &irp) {
      Request* found = *it;
      waiting_.erase(it);
      return found;
    }
  }
  return nullptr;
}

Request* IoQueue::request_done() {
  assert(presented_ > 0);
  --presented_;
  if (waiting_.empty() || !has_room())
    return nullptr;
  Request* next = waiting_.front();
  waiting_.pop_front();
  ++presented_;
  return next;
}

}  // namespace irpsim::core
