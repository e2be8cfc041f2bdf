// Stack locations and the completion walk (wdf-semantics.md section 0.2).
#include <catch2/catch.hpp>

#include "sim/core/irp.hpp"
#include "sim/core/request.hpp"

using namespace irpsim::core;

namespace {
Irp fresh(int stack_size) {
  Irp irp;
  irp.allocate(7, stack_size, StackLocation{RequestType::READ, 512, 4096, 0, {}});
  return irp;
}
}  // namespace

TEST_CASE("a new IRP has no current location until IoCallDriver") {
  Irp irp = fresh(3);
  CHECK(irp.stack_count() == 3);
  CHECK(irp.current_location() == 4);
  REQUIRE(irp.call_driver());
  CHECK(irp.current_location() == 3);
  CHECK(irp.current_stack_location().length == 512);
  CHECK(irp.current_stack_location().offset == 4096);
}

TEST_CASE("forwarding with a copied location uses one location per layer") {
  Irp irp = fresh(3);
  REQUIRE(irp.call_driver());            // top at 3
  REQUIRE(irp.copy_current_to_next());
  REQUIRE(irp.call_driver());            // middle at 2
  REQUIRE(irp.copy_current_to_next());
  REQUIRE(irp.call_driver());            // bottom at 1
  CHECK(irp.current_location() == 1);
  CHECK(irp.current_stack_location().length == 512);
  CHECK_FALSE(irp.copy_current_to_next());  // the lowest driver has no next location (0x10D, 0x6, 0x1)
  CHECK_FALSE(irp.call_driver());           // nor can it call below (0x35)
  CHECK(irp.current_location() == 1);
}

TEST_CASE("skipping reuses the current location for the next driver") {
  Irp irp = fresh(2);
  REQUIRE(irp.call_driver());  // filter at 2
  irp.skip_current_location();
  REQUIRE(irp.call_driver());  // next driver gets location 2 too
  CHECK(irp.current_location() == 2);
  CHECK(irp.remaining_locations() == 1);
}

TEST_CASE("completion routines run bottom-up - each stopping the walk - and the routine is not copied") {
  Request upper, middle;
  Irp irp = fresh(3);
  REQUIRE(irp.call_driver());
  REQUIRE(irp.copy_current_to_next());
  irp.set_completion_routine({10, &upper});
  REQUIRE(irp.call_driver());
  REQUIRE(irp.copy_current_to_next());
  CHECK_FALSE(irp.next_stack_location().completion.is_set());  // IoCopyCurrentIrpStackLocationToNext drops it
  irp.set_completion_routine({11, &middle});
  REQUIRE(irp.call_driver());

  CompletionRoutine first = irp.complete_step();   // the bottom driver completes
  CHECK(first.target == 11);
  CHECK(first.request == &middle);
  CHECK(irp.current_location() == 2);
  CHECK_FALSE(irp.done());
  CompletionRoutine second = irp.complete_step();  // the middle driver's WdfRequestComplete
  CHECK(second.target == 10);
  CHECK(second.request == &upper);
  CompletionRoutine last = irp.complete_step();    // the top driver's WdfRequestComplete
  CHECK_FALSE(last.is_set());
  CHECK(irp.done());
  CHECK_FALSE(irp.double_completed());
  irp.complete_step();                              // a second completion of a completed IRP
  CHECK(irp.double_completed());
}

TEST_CASE("a layer that skipped contributes no completion routine") {
  Request upper;
  Irp irp = fresh(2);
  REQUIRE(irp.call_driver());          // function driver at 2 ...
  REQUIRE(irp.copy_current_to_next());
  irp.set_completion_routine({3, &upper});
  REQUIRE(irp.call_driver());          // ... bus at 1 completes
  CHECK(irp.complete_step().target == 3);
  CHECK_FALSE(irp.complete_step().is_set());
  CHECK(irp.done());
}

TEST_CASE("allocate resets a reused IRP") {
  Irp irp = fresh(2);
  REQUIRE(irp.call_driver());
  irp.io_status = {STATUS_CANCELLED, 9};
  irp.complete_step();
  REQUIRE(irp.done());
  irp.allocate(8, 4, StackLocation{RequestType::WRITE, 1, 2, 0, {}});
  CHECK(irp.id() == 8);
  CHECK_FALSE(irp.done());
  CHECK(irp.current_location() == 5);
  CHECK(irp.io_status.status == STATUS_SUCCESS);
  CHECK(irp.io_status.information == 0);
}
