#include "fake_stack.hpp"

namespace irpsim::test {

using core::Irp;
using core::Request;

struct FakeStack::Layer final : models::DriverEnvironment {
  FakeStack* stack = nullptr;
  std::size_t index = 0;
  std::unique_ptr<models::DriverModel> model;
  std::string name() const { return stack->drivers_[index].name; }

  double now() const override { return stack->clock; }
  void compute(double cpu_s) override { stack->clock += cpu_s; }
  void call_lower_driver(Irp& irp) override {
    stack->log.push_back(name() + " auto-forward");
    stack->layers_[index + 1]->model->irp_arrived(irp);
  }
  void send_to_target(Request& request) override {
    stack->log.push_back(name() + " send");
    // The local target in the Started state: IoCallDriver(next-lower).
    REQUIRE(request.irp->call_driver());
    stack->layers_[index + 1]->model->irp_arrived(*request.irp);
  }
  void send_to_hardware(Request& request) override {
    stack->log.push_back(name() + " hardware");
    stack->hardware.push_back(&request);
  }
  void start_timer(double, Request& request) override { stack->timers_.emplace_back(index, &request); }
  void deliver_completion(Irp&, core::CompletionRoutine routine) override {
    const auto& upper = stack->layers_[routine.request->driver];
    stack->log.push_back(upper->name() + " completion routine " + core::status_name(routine.request->irp->io_status.status));
    upper->model->completion_routine(*routine.request);
  }
  void irp_completed(Irp& irp) override {
    stack->log.push_back("irp done " + core::status_name(irp.io_status.status));
    stack->completed.push_back(&irp);
  }
  void request_finished(const Request&) override { stack->log.push_back(name() + " complete"); }
  void irp_passed_through(const Irp&) override {}
  void violation(Irp&, std::string_view what, std::string) override {
    stack->log.push_back(name() + " violation " + std::string(what));
  }
};

FakeStack::FakeStack(std::vector<scenario::DriverSpec> drivers) : drivers_(std::move(drivers)) {
  for (std::size_t i = 0; i < drivers_.size(); ++i) {
    auto layer = std::make_unique<Layer>();
    layer->stack = this;
    layer->index = i;
    layers_.push_back(std::move(layer));
  }
  for (std::size_t i = 0; i < drivers_.size(); ++i)
    layers_[i]->model = std::make_unique<models::DriverModel>(static_cast<std::uint32_t>(i), drivers_[i],
                                                              static_cast<std::uint32_t>(100 + i), *layers_[i]);
}

FakeStack::~FakeStack() = default;

const models::DriverModel& FakeStack::model(std::size_t layer) const { return *layers_[layer]->model; }

Irp& FakeStack::issue(core::RequestType type, std::uint64_t length) {
  irps_.push_back(std::make_unique<Irp>());
  Irp& irp = *irps_.back();
  irp.allocate(irps_.size(), stack_size(0), core::StackLocation{type, length, 0, 0, {}});
  irp.type = type;
  irp.length = length;
  REQUIRE(irp.call_driver());
  layers_[0]->model->irp_arrived(irp);
  return irp;
}

void FakeStack::complete_hardware(std::size_t index, core::NtStatus status, std::int64_t information) {
  Request* r = hardware.at(index);
  hardware.erase(hardware.begin() + static_cast<std::ptrdiff_t>(index));
  const auto info = information < 0 ? r->irp->current_stack_location().length : static_cast<std::uint64_t>(information);
  log.push_back(drivers_[r->driver].name + " hardware done " + core::status_name(status));
  layers_[r->driver]->model->hardware_done(*r, status, info);
}

void FakeStack::fire_timers() {
  auto pending = std::move(timers_);
  timers_.clear();
  for (auto& [layer, request] : pending)
    layers_[layer]->model->timer_fired(*request);
}

scenario::DriverSpec driver(std::string name, scenario::DriverRole role, bool with_queue,
                            scenario::DispatchKind dispatch) {
  scenario::DriverSpec d;
  d.name = std::move(name);
  d.role = role;
  if (with_queue) {
    scenario::QueueSpec q;
    q.name = "default";
    q.is_default = true;
    q.dispatch = dispatch;
    d.queues.push_back(q);
  }
  return d;
}

scenario::PolicySpec forward_policy() { return scenario::PolicySpec{}; }

scenario::PolicySpec complete_policy(core::NtStatus status, double delay_s) {
  scenario::PolicySpec p;
  p.action = scenario::PolicySpec::Action::COMPLETE;
  p.status = status;
  p.delay_s = delay_s;
  return p;
}

}  // namespace irpsim::test
