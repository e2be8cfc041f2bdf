#include "sim/core/irp.hpp"

#include <cassert>

namespace irpsim::core {

void Irp::allocate(std::uint64_t id, int stack_size, const StackLocation& first) {
  assert(stack_size >= 1);
  id_ = id;
  locations_.assign(static_cast<std::size_t>(stack_size), StackLocation{});
  current_ = stack_size + 1;
  done_ = false;
  double_completed_ = false;
  io_status = IoStatusBlock{};
  cancel = false;
  where = IrpWhereabouts{};
  next_stack_location() = first;
  next_stack_location().completion = CompletionRoutine{};
}

StackLocation& Irp::current_stack_location() {
  assert(current_ >= 1 && current_ <= stack_count());
  return locations_[static_cast<std::size_t>(current_ - 1)];
}

StackLocation& Irp::next_stack_location() {
  assert(current_ >= 2 && current_ <= stack_count() + 1);
  return locations_[static_cast<std::size_t>(current_ - 2)];
}

bool Irp::call_driver() {
  if (current_ <= 1)
    return false;
  --current_;
  return true;
}

void Irp::skip_current_location() { ++current_; }

bool Irp::copy_current_to_next() {
  if (current_ < 2)
    return false;
  StackLocation& next = next_stack_location();
  next = current_stack_location();
  next.completion = CompletionRoutine{};
  return true;
}

void Irp::set_completion_routine(CompletionRoutine routine) { next_stack_location().completion = routine; }

CompletionRoutine Irp::complete_step() {
  if (done_) {
    double_completed_ = true;
    return {};
  }
  while (current_ <= stack_count()) {
    StackLocation& popped = locations_[static_cast<std::size_t>(current_ - 1)];
    ++current_;
    if (popped.completion.is_set()) {
      CompletionRoutine routine = popped.completion;
      popped.completion = CompletionRoutine{};
      return routine;
    }
  }
  done_ = true;
  return {};
}

std::string describe(const IrpWhereabouts& where) {
  switch (where.kind) {
    case IrpWhereabouts::Kind::ISSUING: return "not yet issued";
    case IrpWhereabouts::Kind::DRIVER_QUEUE: return "queued in driver #" + std::to_string(where.index);
    case IrpWhereabouts::Kind::DRIVER: return "owned by driver #" + std::to_string(where.index);
    case IrpWhereabouts::Kind::TARGET: return "in I/O target #" + std::to_string(where.index);
    case IrpWhereabouts::Kind::DEVICE: return "pending in device #" + std::to_string(where.index);
    case IrpWhereabouts::Kind::COMPLETING: return "completing to driver #" + std::to_string(where.index);
    case IrpWhereabouts::Kind::DONE: return "completed";
    case IrpWhereabouts::Kind::TERMINATED: return "terminated by a bug check in driver #" + std::to_string(where.index);
  }
  return "unknown";
}

}  // namespace irpsim::core
