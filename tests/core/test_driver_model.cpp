// The driver model against the framework's conformance cases (wdf-semantics.md section 12) that involve only
// queues, forwarding and completion, driven synchronously through FakeStack: exact statuses and exact order.
#include <catch2/catch.hpp>

#include "fake_stack.hpp"

using namespace irpsim;
using core::RequestType;
using scenario::DispatchKind;
using scenario::DriverRole;
using test::FakeStack;

namespace {
scenario::DriverSpec forwarding(std::string name, DriverRole role, DispatchKind dispatch = DispatchKind::PARALLEL) {
  auto d = test::driver(std::move(name), role, true, dispatch);
  d.default_policy = test::forward_policy();
  return d;
}
}  // namespace

TEST_CASE("case 1: completion routines run bottom-up and the IRP completes with the bus driver's status") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER), forwarding("F2", DriverRole::FILTER),
                   forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.log == std::vector<std::string>{"F1 send", "F2 send", "BUS hardware"});
  CHECK(irp.current_location() == 1);  // three layers, three locations used: StackSize 3
  stack.log.clear();
  stack.complete_hardware(0, core::STATUS_SUCCESS, 512);
  CHECK(stack.log == std::vector<std::string>{
                         "BUS hardware done STATUS_SUCCESS", "BUS complete", "F2 completion routine STATUS_SUCCESS",
                         "F2 complete", "F1 completion routine STATUS_SUCCESS", "F1 complete",
                         "irp done STATUS_SUCCESS"});
  REQUIRE(stack.completed.size() == 1);
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
  CHECK(irp.io_status.information == 512);
  CHECK(irp.done());
}

TEST_CASE("Information set below is inherited by every layer that completes with WdfRequestComplete") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER), forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 4096);
  stack.complete_hardware(0, core::STATUS_SUCCESS, 100);
  CHECK(irp.io_status.information == 100);
}

TEST_CASE("a forward policy with a status overrides the status from below, WDF-facility statuses are rewritten") {
  auto f1 = forwarding("F1", DriverRole::FILTER);
  f1.default_policy->status = core::STATUS_WDF_DEVICE_REMOVED_NOT_SENT;
  FakeStack stack({f1, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::WRITE, 512);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_REQUEST);
}

TEST_CASE("a device error travels up unchanged with the default completion routine") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER), forwarding("FDO", DriverRole::FUNCTION),
                   forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  stack.complete_hardware(0, core::STATUS_DEVICE_DATA_ERROR, 0);
  CHECK(irp.io_status.status == core::STATUS_DEVICE_DATA_ERROR);
  CHECK(irp.io_status.information == 0);
}

TEST_CASE("case 3: a filter with no queue for the type forwards it without a request object or a location") {
  auto f1 = test::driver("F1", DriverRole::FILTER);
  f1.queues[0].is_default = false;
  f1.queues[0].types = {RequestType::DEVICE_CONTROL};
  f1.policies[core::index_of(RequestType::DEVICE_CONTROL)] = test::forward_policy();
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.default_policy = test::complete_policy(core::STATUS_SUCCESS, 0);
  FakeStack stack({f1, fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.log == std::vector<std::string>{"F1 auto-forward", "FDO complete", "irp done STATUS_SUCCESS"});
  CHECK(irp.current_location() == 4);  // walked past the top
  CHECK(stack.model(0).requests_in_use() == 0);
  CHECK(irp.io_status.information == 512);
}

TEST_CASE("a filter whose default queue has no handler for the type auto-forwards it") {
  auto f1 = test::driver("F1", DriverRole::FILTER);
  f1.policies[core::index_of(RequestType::DEVICE_CONTROL)] = test::forward_policy();
  FakeStack stack({f1, forwarding("BUS", DriverRole::BUS)});
  stack.issue(RequestType::READ, 512);
  CHECK(stack.log == std::vector<std::string>{"F1 auto-forward", "BUS hardware"});
}

TEST_CASE("case 4: a function driver with no queue for the type completes it with STATUS_INVALID_DEVICE_REQUEST") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION, false);
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.log == std::vector<std::string>{"irp done STATUS_INVALID_DEVICE_REQUEST"});
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(irp.io_status.information == 0);
}

TEST_CASE("case 5: a function driver's default queue without a handler completes the request - no callback") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.policies[core::index_of(RequestType::DEVICE_CONTROL)] = test::forward_policy();
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.log == std::vector<std::string>{"FDO complete", "irp done STATUS_INVALID_DEVICE_REQUEST"});
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_REQUEST);
}

TEST_CASE("case 35: a sequential queue presents B only after the driver completes A, an async send keeps the slot") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER, DispatchKind::SEQUENTIAL), forwarding("BUS", DriverRole::BUS)});
  core::Irp& a = stack.issue(RequestType::READ, 512);
  core::Irp& b = stack.issue(RequestType::READ, 512);
  REQUIRE(stack.hardware.size() == 1);
  CHECK(stack.hardware[0]->irp == &a);
  CHECK(stack.model(0).queue(0).waiting() == 1);
  stack.log.clear();
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(stack.log == std::vector<std::string>{"BUS hardware done STATUS_SUCCESS", "BUS complete",
                                              "F1 completion routine STATUS_SUCCESS", "F1 complete",
                                              "irp done STATUS_SUCCESS", "F1 send", "BUS hardware"});
  REQUIRE(stack.hardware.size() == 1);
  CHECK(stack.hardware[0]->irp == &b);
}

TEST_CASE("a parallel queue sends both at once") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER), forwarding("BUS", DriverRole::BUS)});
  stack.issue(RequestType::READ, 512);
  stack.issue(RequestType::READ, 512);
  CHECK(stack.hardware.size() == 2);
  CHECK(stack.model(0).queue(0).presented() == 2);  // sent, still owned: the slot is not freed by the send
}

TEST_CASE("completions out of order complete IRPs out of order") {
  FakeStack stack({forwarding("F1", DriverRole::FILTER), forwarding("BUS", DriverRole::BUS)});
  core::Irp& a = stack.issue(RequestType::READ, 512);
  core::Irp& b = stack.issue(RequestType::READ, 512);
  stack.complete_hardware(1, core::STATUS_SUCCESS);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  REQUIRE(stack.completed.size() == 2);
  CHECK(stack.completed[0] == &b);
  CHECK(stack.completed[1] == &a);
}

TEST_CASE("case 37: a zero-length read is completed with STATUS_SUCCESS without reaching the driver") {
  FakeStack stack({forwarding("FDO", DriverRole::FUNCTION), forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::READ, 0);
  CHECK(stack.log == std::vector<std::string>{"FDO complete", "irp done STATUS_SUCCESS"});
  CHECK(irp.io_status.information == 0);
}

TEST_CASE("with allow_zero_length - a zero-length read is presented and forwarded, the next queue decides again") {
  auto fdo = forwarding("FDO", DriverRole::FUNCTION);
  fdo.queues[0].allow_zero_length = true;
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  stack.issue(RequestType::READ, 0);
  // The bus driver's queue does not allow zero-length requests: its framework completes the read.
  CHECK(stack.log == std::vector<std::string>{"FDO send", "BUS complete", "FDO completion routine STATUS_SUCCESS",
                                              "FDO complete", "irp done STATUS_SUCCESS"});
}

TEST_CASE("a zero-length IOCTL is not a transfer and reaches the driver") {
  FakeStack stack({forwarding("FDO", DriverRole::FUNCTION), forwarding("BUS", DriverRole::BUS)});
  stack.issue(RequestType::DEVICE_CONTROL, 0);
  CHECK(stack.log == std::vector<std::string>{"FDO send", "BUS hardware"});
}

TEST_CASE("a complete policy completes after its delay - with the request's length as Information on success") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.default_policy = test::complete_policy(core::STATUS_SUCCESS, 10e-6);
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::DEVICE_CONTROL, 64);
  CHECK(stack.completed.empty());
  stack.fire_timers();
  REQUIRE(stack.completed.size() == 1);
  CHECK(irp.io_status.information == 64);
}

TEST_CASE("a complete policy with a failure status completes with Information 0") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.default_policy = test::complete_policy(core::STATUS_NOT_SUPPORTED, 0);
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::WRITE, 64);
  CHECK(irp.io_status.status == core::STATUS_NOT_SUPPORTED);
  CHECK(irp.io_status.information == 0);
}

TEST_CASE("dispatch and completion CPU costs are spent in the driver - in order") {
  auto f1 = forwarding("F1", DriverRole::FILTER);
  f1.default_policy->dispatch_cpu = scenario::DistributionSpec{scenario::DistributionSpec::Kind::CONSTANT, 2e-6};
  f1.default_policy->completion_cpu = scenario::DistributionSpec{scenario::DistributionSpec::Kind::CONSTANT, 1e-6};
  FakeStack stack({f1, forwarding("BUS", DriverRole::BUS)});
  stack.issue(RequestType::READ, 512);
  CHECK(stack.clock == Approx(2e-6));
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(stack.clock == Approx(3e-6));
}

TEST_CASE("a sequential queue with many waiting requests that complete at once does not recurse") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION, true, DispatchKind::SEQUENTIAL);
  fdo.default_policy = test::complete_policy(core::STATUS_SUCCESS, 10e-6);
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  for (int i = 0; i < 1000; ++i)
    stack.issue(RequestType::DEVICE_CONTROL, 8);
  for (int i = 0; i < 1000; ++i)
    stack.fire_timers();  // one at a time: each completion presents the next, which starts a timer
  CHECK(stack.completed.size() == 1000);
  CHECK(stack.model(0).requests_in_use() == 0);
}

TEST_CASE("EvtIoInternalDeviceControl takes both internal forms: an internal_ioctl policy handles internal_ioctl_others") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.policies[core::index_of(RequestType::INTERNAL_DEVICE_CONTROL)] = test::complete_policy(core::STATUS_SUCCESS, 0);
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::INTERNAL_DEVICE_CONTROL_OTHERS, 16);
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
  CHECK(irp.io_status.information == 16);
}

TEST_CASE("a complete policy with a WDF-facility status that rewrites to a failure completes with Information 0") {
  auto fdo = test::driver("FDO", DriverRole::FUNCTION);
  fdo.default_policy = test::complete_policy(core::STATUS_WDF_QUEUED, 0);  // success severity, WDF facility
  FakeStack stack({fdo, forwarding("BUS", DriverRole::BUS)});
  core::Irp& irp = stack.issue(RequestType::WRITE, 64);
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(irp.io_status.information == 0);
}
