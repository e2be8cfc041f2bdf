// A stack of driver models wired synchronously, without SimGrid: sends call the lower model at once, completions
// call the upper model at once, CPU time advances a fake clock, and hardware requests wait in a list until the test
// completes them. Every step is appended to `log`, so tests can assert the framework's exact order. Each layer's
// local I/O target is a real core::IoTarget, so sends are decided by the framework's rules.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "models/driver_model.hpp"

namespace irpsim::test {

class FakeStack {
public:
  // drivers top to bottom; the bottom one must be a bus driver.
  explicit FakeStack(std::vector<scenario::DriverSpec> drivers, bool verifier = false);
  ~FakeStack();

  // The I/O manager: allocate an IRP with the top's StackSize and call the top driver.
  core::Irp& issue(core::RequestType type, std::uint64_t length);
  // Complete the oldest (or index-th) hardware request with a status; information defaults to the length.
  void complete_hardware(std::size_t index, core::NtStatus status, std::int64_t information = -1);
  void fire_timers();   // fire every pending policy timer, in order

  double clock = 0;
  std::vector<std::string> log;
  std::vector<core::Request*> hardware;   // pending hardware requests, in arrival order
  std::vector<core::Irp*> completed;      // IRPs completed to the I/O manager, in order
  int stack_size(std::size_t layer) const { return static_cast<int>(drivers_.size() - layer); }
  const models::DriverModel& model(std::size_t layer) const;
  // The local I/O target of `layer` (to the layer below).
  core::IoTarget& target(std::size_t layer);
  bool verifier = false;

private:
  struct Layer;
  std::vector<scenario::DriverSpec> drivers_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<std::unique_ptr<core::Irp>> irps_;
  std::vector<std::pair<std::size_t, models::DriverTimer>> timers_;
};

// Spec helpers for tests.
scenario::DriverSpec driver(std::string name, scenario::DriverRole role, bool with_queue = true,
                            scenario::DispatchKind dispatch = scenario::DispatchKind::PARALLEL);
scenario::PolicySpec forward_policy();
scenario::PolicySpec complete_policy(core::NtStatus status, double delay_s);

}  // namespace irpsim::test
