// The driver's policies against the framework's rules, driven synchronously through FakeStack (whose local targets
// are real core::IoTarget state machines): send options and the statuses WdfRequestSend fails with (wdf-semantics.md
// section 2, conformance cases 6, 7, 9, 10, 32, 39), driver-created requests (split, fan-out, forward with a copy),
// rewriting the type, retries, and WdfRequestCancelSentRequest after a delay.
#include <catch2/catch.hpp>

#include "fake_stack.hpp"

using namespace irpsim;
using core::RequestType;
using scenario::DispatchKind;
using scenario::DriverRole;
using scenario::PolicySpec;
using test::FakeStack;

namespace {

scenario::DriverSpec with_policy(std::string name, DriverRole role, PolicySpec policy,
                                 DispatchKind dispatch = DispatchKind::PARALLEL) {
  auto d = test::driver(std::move(name), role, true, dispatch);
  d.default_policy = std::move(policy);
  return d;
}

scenario::DriverSpec bus() { return with_policy("BUS", DriverRole::BUS, test::forward_policy()); }

bool contains(const std::vector<std::string>& log, const std::string& fragment) {
  for (const auto& line : log)
    if (line.find(fragment) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("case 6: send-and-forget frees a sequential queue at once and the IRP goes down on the filter's location") {
  PolicySpec saf = test::forward_policy();
  saf.send.send_and_forget = true;
  saf.send.completion_routine = false;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, saf, DispatchKind::SEQUENTIAL), bus()});
  core::Irp& a = stack.issue(RequestType::READ, 512);
  core::Irp& b = stack.issue(RequestType::READ, 512);
  // B was presented without waiting for A's completion: both are in the hardware.
  CHECK(stack.log == std::vector<std::string>{"F1 send-and-forget", "BUS hardware", "F1 complete",
                                              "F1 send-and-forget", "BUS hardware", "F1 complete"});
  CHECK(a.current_location() == 2);  // the bus driver uses F1's own location (skip): StackSize 2, location 2
  CHECK(stack.model(0).requests_in_use() == 0);
  stack.log.clear();
  stack.complete_hardware(0, core::STATUS_DEVICE_DATA_ERROR, 0);
  // No completion routine of F1: the status goes straight to the originator.
  CHECK(stack.log == std::vector<std::string>{"BUS hardware done STATUS_DEVICE_DATA_ERROR", "BUS complete",
                                              "irp done STATUS_DEVICE_DATA_ERROR"});
  CHECK(a.io_status.status == core::STATUS_DEVICE_DATA_ERROR);
  CHECK_FALSE(b.done());
}

TEST_CASE("case 9: send-and-forget combined with a timeout fails with STATUS_INVALID_PARAMETER, nothing is sent") {
  PolicySpec p = test::forward_policy();
  p.send.send_and_forget = true;
  p.send.timeout_s = 0.1;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.hardware.empty());
  CHECK(irp.io_status.status == core::STATUS_INVALID_PARAMETER);
  CHECK(irp.io_status.information == 0);
  CHECK(contains(stack.log, "F1 report INVALID_SEND_OPTIONS"));
  CHECK(stack.log.back() == "irp done STATUS_INVALID_PARAMETER");
}

TEST_CASE("case 10: an asynchronous send of a received request without a completion routine fails") {
  PolicySpec p = test::forward_policy();
  p.send.completion_routine = false;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.hardware.empty());
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_REQUEST);
  CHECK(contains(stack.log, "F1 report INVALID_SEND_OPTIONS"));
}

TEST_CASE("a synchronous send needs no completion routine: the code after the send completes the request") {
  PolicySpec p = test::forward_policy();
  p.send.synchronous = true;
  p.send.completion_routine = false;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  REQUIRE(stack.hardware.size() == 1);
  stack.log.clear();
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  // The framework's own routine brings the completion back to F1, which then completes its request.
  CHECK(stack.log == std::vector<std::string>{"BUS hardware done STATUS_SUCCESS", "BUS complete",
                                              "F1 completion routine STATUS_SUCCESS", "F1 complete",
                                              "irp done STATUS_SUCCESS"});
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
  CHECK(irp.io_status.information == 512);
  CHECK_FALSE(contains(stack.log, "report"));
}

TEST_CASE("case 7: send-and-forget of a driver-created request fails with STATUS_INVALID_DEVICE_STATE") {
  PolicySpec p = test::forward_policy();
  p.create_request = true;
  p.send.send_and_forget = true;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(stack.hardware.empty());
  // The driver deletes its request and completes the received one with the status it got.
  CHECK(irp.io_status.status == core::STATUS_INVALID_DEVICE_STATE);
  CHECK(contains(stack.log, "F1 report INVALID_SEND_OPTIONS (WdfRequestSend: STATUS_INVALID_DEVICE_STATE)"));
  CHECK(stack.model(0).requests_in_use() == 0);
}

TEST_CASE("case 32: re-sending a request still outstanding is bug check 0x10D (0x6, 0x3), reported") {
  PolicySpec p = test::forward_policy();
  p.mistake = scenario::Mistake::RESEND_WHILE_OUTSTANDING;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(contains(stack.log, "F1 report WDF_VIOLATION (bug check 0x10D, 0x6, 0x3) REQUEST_ALREADY_SENT"));
  REQUIRE(stack.hardware.size() == 1);  // only the first send went down
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(irp.done());
}

TEST_CASE("case 39: completing a request twice is reported as MULTIPLE_IRP_COMPLETE_REQUESTS, the IRP completes once") {
  PolicySpec p = test::forward_policy();
  p.mistake = scenario::Mistake::COMPLETE_TWICE;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(contains(stack.log, "F1 report MULTIPLE_IRP_COMPLETE_REQUESTS (bug check 0x44)"));
  CHECK(stack.completed.size() == 1);
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
}

TEST_CASE("a completion routine that never completes leaves the IRP and the sequential queue stuck") {
  PolicySpec p = test::forward_policy();
  p.mistake = scenario::Mistake::NEVER_COMPLETE;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p, DispatchKind::SEQUENTIAL), bus()});
  core::Irp& a = stack.issue(RequestType::READ, 512);
  stack.issue(RequestType::READ, 512);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK_FALSE(a.done());
  CHECK(stack.hardware.empty());  // B never presented
  CHECK(stack.model(0).owns(a));
}

TEST_CASE("split: created requests of the chunk size with exact lengths and offsets, the original completes last") {
  PolicySpec p = test::forward_policy();
  p.action = PolicySpec::Action::SPLIT;
  p.chunk_bytes = 4096;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::WRITE, 10000);
  REQUIRE(stack.hardware.size() == 3);
  CHECK(stack.hardware[0]->irp->current_stack_location().length == 4096);
  CHECK(stack.hardware[1]->irp->current_stack_location().length == 4096);
  CHECK(stack.hardware[2]->irp->current_stack_location().length == 1808);
  CHECK(stack.hardware[2]->irp->current_stack_location().offset == 8192);
  CHECK(stack.hardware[0]->irp->stack_count() == 1);  // exactly the target's StackSize
  CHECK(stack.hardware[0]->irp->driver_created);
  stack.complete_hardware(1, core::STATUS_SUCCESS);
  stack.complete_hardware(0, core::STATUS_DEVICE_DATA_ERROR, 0);
  CHECK_FALSE(irp.done());
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  REQUIRE(irp.done());
  CHECK(irp.io_status.status == core::STATUS_DEVICE_DATA_ERROR);  // the first failure
  CHECK(irp.io_status.information == 4096 + 1808);                 // what the successful chunks moved
  CHECK(stack.model(0).requests_in_use() == 0);
}

TEST_CASE("a serial split sends the next chunk only when the previous one is back, and stops at a failure") {
  PolicySpec p = test::forward_policy();
  p.action = PolicySpec::Action::SPLIT;
  p.chunk_bytes = 1000;
  p.order = PolicySpec::Order::SERIAL;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 3000);
  REQUIRE(stack.hardware.size() == 1);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  REQUIRE(stack.hardware.size() == 1);
  CHECK(stack.hardware[0]->irp->current_stack_location().offset == 1000);
  stack.complete_hardware(0, core::STATUS_IO_DEVICE_ERROR, 0);
  CHECK(stack.hardware.empty());  // the third chunk is never sent
  REQUIRE(irp.done());
  CHECK(irp.io_status.status == core::STATUS_IO_DEVICE_ERROR);
  CHECK(irp.io_status.information == 1000);
}

TEST_CASE("fan-out to one target three times in parallel completing on a quorum of 2") {
  PolicySpec p = test::forward_policy();
  p.action = PolicySpec::Action::FAN_OUT;
  p.targets = {0, 0, 0};
  p.complete_on = PolicySpec::CompleteOn::QUORUM;
  p.quorum = 2;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::WRITE, 512);
  REQUIRE(stack.hardware.size() == 3);
  stack.complete_hardware(0, core::STATUS_DEVICE_DATA_ERROR, 0);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK_FALSE(irp.done());
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  REQUIRE(irp.done());
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
  CHECK(irp.io_status.information == 512);
}

TEST_CASE("fan-out completing on the first success completes while the other copies still run") {
  PolicySpec p = test::forward_policy();
  p.action = PolicySpec::Action::FAN_OUT;
  p.targets = {0, 0};
  p.complete_on = PolicySpec::CompleteOn::FIRST;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  REQUIRE(stack.hardware.size() == 2);
  stack.complete_hardware(1, core::STATUS_SUCCESS);
  REQUIRE(irp.done());
  CHECK(stack.model(0).requests_in_use() == 2);  // the parent is kept until the other copy is deleted
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(stack.model(0).requests_in_use() == 0);
  CHECK(stack.completed.size() == 1);
}

TEST_CASE("fan-out re-sending the received request in turn: one target after the other") {
  PolicySpec p = test::forward_policy();
  p.action = PolicySpec::Action::FAN_OUT;
  p.fan_out_mode = PolicySpec::FanOutMode::RESEND;
  p.targets = {0, 0};
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::WRITE, 512);
  REQUIRE(stack.hardware.size() == 1);
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  REQUIRE(stack.hardware.size() == 1);  // re-sent after ChangeTarget, format and a new completion routine
  CHECK_FALSE(irp.done());
  stack.complete_hardware(0, core::STATUS_SUCCESS);
  CHECK(irp.done());
  CHECK(irp.io_status.status == core::STATUS_SUCCESS);
}

TEST_CASE("a rewrite forwards the request as another type (WdmFormatUsingStackLocation)") {
  PolicySpec p = test::forward_policy();
  p.rewrite_to = RequestType::INTERNAL_DEVICE_CONTROL;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  stack.issue(RequestType::DEVICE_CONTROL, 16);
  REQUIRE(stack.hardware.size() == 1);
  CHECK(stack.hardware[0]->type == RequestType::INTERNAL_DEVICE_CONTROL);
}

TEST_CASE("retry: a failed completion is re-sent after the delay, up to the attempts given") {
  PolicySpec p = test::forward_policy();
  p.retry_attempts = 1;
  p.retry_delay_s = 1e-3;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  stack.complete_hardware(0, core::STATUS_IO_DEVICE_ERROR, 0);
  CHECK(stack.hardware.empty());
  CHECK_FALSE(irp.done());
  stack.fire_timers();
  REQUIRE(stack.hardware.size() == 1);
  stack.complete_hardware(0, core::STATUS_IO_DEVICE_ERROR, 0);
  REQUIRE(irp.done());  // no attempts left: completed with the failure
  CHECK(irp.io_status.status == core::STATUS_IO_DEVICE_ERROR);
}

TEST_CASE("cancel after a delay: WdfRequestCancelSentRequest on a send still outstanding, not on one that is back") {
  PolicySpec p = test::forward_policy();
  p.cancel_after_s = 1e-3;
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()});
  core::Irp& a = stack.issue(RequestType::READ, 512);
  core::Irp& b = stack.issue(RequestType::READ, 512);
  stack.complete_hardware(1, core::STATUS_SUCCESS);  // B is back before its timer
  stack.fire_timers();
  CHECK(a.cancel);
  CHECK_FALSE(b.cancel);
  CHECK(stack.log.back() == "F1 cancel");
}

TEST_CASE("with the verifier, a send with fewer stack locations than the target needs fails STATUS_REQUEST_NOT_ACCEPTED") {
  // A remote-like target: the layer below claims a StackSize of 5 while the IRP has 1 location left.
  PolicySpec p = test::forward_policy();
  FakeStack stack({with_policy("F1", DriverRole::FILTER, p), bus()}, true);
  stack.target(0) = core::IoTarget(5);
  core::Irp& irp = stack.issue(RequestType::READ, 512);
  CHECK(irp.io_status.status == core::STATUS_REQUEST_NOT_ACCEPTED);
  CHECK(stack.hardware.empty());
}
