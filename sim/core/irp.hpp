// The IRP as the WDM I/O manager sees it, reduced to what changes timing, status or order: the stack locations
// (StackCount, CurrentLocation counting down from StackCount + 1), IoCallDriver's decrement, skipping and copying a
// location, completion routines stored in the next-lower location, the bottom-up completion walk of
// IoCompleteRequest that stops at a routine (KMDF's returns STATUS_MORE_PROCESSING_REQUIRED and resumes the walk from
// WdfRequestComplete), IoStatus, and the Cancel bit. Buffers, MDLs, file objects and IRQL are left out.
// See wdf-semantics.md section 0.2 and section 5.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/request_type.hpp"
#include "sim/core/status.hpp"

namespace irpsim::core {

struct Request;

struct IoStatusBlock {
  NtStatus status = STATUS_SUCCESS;
  std::uint64_t information = 0;
};

// The code completion runs when the walk pops a location: KMDF's IoCompletion routine for one request that a driver
// sent through one I/O target. `target` indexes the engine's target table.
struct CompletionRoutine {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t target = kNone;
  Request* request = nullptr;
  bool is_set() const { return target != kNone; }
};

struct StackLocation {
  RequestType type = RequestType::READ;
  std::uint64_t length = 0;
  std::uint64_t offset = 0;
  std::uint32_t ioctl_code = 0;
  CompletionRoutine completion;    // the routine of the driver one location above, as in WDM
};

// Where an IRP is, for the report of IRPs that never completed.
struct IrpWhereabouts {
  enum class Kind : std::uint8_t { ISSUING, DRIVER_QUEUE, DRIVER, TARGET, DEVICE, COMPLETING, DONE, TERMINATED };
  Kind kind = Kind::ISSUING;
  std::uint32_t index = 0;         // driver, target or device index, by kind
};

class Irp {
public:
  // (Re)initialises the IRP as IoAllocateIrp(stack_size) followed by the I/O manager filling the first location.
  void allocate(std::uint64_t id, int stack_size, const StackLocation& first);

  std::uint64_t id() const { return id_; }
  int stack_count() const { return static_cast<int>(locations_.size()); }
  // 1-based as in WDM: stack_count() + 1 before the first IoCallDriver, 1 in the lowest driver, 0 never (bug check).
  int current_location() const { return current_; }
  // Locations below the current one that a forward can still use.
  int remaining_locations() const { return current_ - 1; }

  StackLocation& current_stack_location();
  StackLocation& next_stack_location();

  // IoCallDriver: CurrentLocation--. False when no location is left (bug check 0x35 NO_MORE_IRP_STACK_LOCATIONS);
  // the IRP is then unchanged.
  [[nodiscard]] bool call_driver();
  // IoSkipCurrentIrpStackLocation: the next driver reuses this location; this layer sets no completion routine.
  void skip_current_location();
  // IoCopyCurrentIrpStackLocationToNext (the completion routine is not copied). False when there is no next location
  // (CurrentLocation < 2): WdfRequestFormatRequestUsingCurrentType bug checks 0x10D (0x6, 0x1) then.
  [[nodiscard]] bool copy_current_to_next();
  // IoSetCompletionRoutine: stored in the next location.
  void set_completion_routine(CompletionRoutine routine);

  // One step of IoCompleteRequest from the current location upward: pops locations until one holds a completion
  // routine (returned, and cleared so it runs once) or the top is passed (the IRP is complete: returns an unset
  // routine and done() becomes true). Calling it on a completed IRP is the double completion the verifier catches
  // (0x44 MULTIPLE_IRP_COMPLETE_REQUESTS): returns an unset routine and sets double_completed().
  CompletionRoutine complete_step();
  bool done() const { return done_; }
  bool double_completed() const { return double_completed_; }

  IoStatusBlock io_status;
  bool cancel = false;
  IrpWhereabouts where;

  // What the originator keeps about the IRP (not part of the WDM structure, but carried with it for the report).
  RequestType type = RequestType::READ;
  std::uint64_t length = 0;
  std::uint64_t offset = 0;        // of the first stack location, as the originator filled it
  std::uint32_t workload = 0;
  bool driver_created = false;     // allocated by a driver for a request it created (no workload waits for it)
  std::uint64_t parent_irp = 0;    // driver_created: the IRP of the received request it works for
  std::uint64_t submission_ordinal = 0;
  double issued_s = 0;          // by the workload, or created by the driver
  double called_s = 0;          // the submitting thread called the top driver (later than issued_s when it was busy)
  double call_returned_s = -1;  // the submitting thread's IoCallDriver returned; -1: not yet
  std::uint32_t thread = 0;     // the workload's submitting thread that issued it
  bool measured = true;
  std::uint32_t pool_slot = 0;     // the originator's bookkeeping

private:
  std::uint64_t id_ = 0;
  std::vector<StackLocation> locations_;  // locations_[i] is WDM location i + 1
  int current_ = 1;
  bool done_ = false;
  bool double_completed_ = false;
};

std::string describe(const IrpWhereabouts& where);

}  // namespace irpsim::core
