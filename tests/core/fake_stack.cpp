#include "fake_stack.hpp"

namespace irpsim::test {

using core::Irp;
using core::Request;

struct FakeStack::Layer final : models::DriverEnvironment {
  FakeStack* stack = nullptr;
  std::size_t index = 0;
  std::unique_ptr<models::DriverModel> model;
  std::unique_ptr<core::IoTarget> target;  // the local target to the layer below (none for the bottom)
  std::string name() const { return stack->drivers_[index].name; }

  double now() const override { return stack->clock; }
  // One core, nothing else on it: a step runs at once and the clock moves by its cost (lock holds included).
  void cpu_step(const models::DriverStep& step, double cost_s, std::vector<models::LockTake> locks) override {
    const double start = stack->clock;
    for (const models::LockTake& take : locks)
      cost_s += take.hold_s;
    stack->clock += cost_s;
    model->step_done(step, models::StepTiming{start, start, 0, stack->clock});
  }
  void call_lower_driver(Irp& irp) override {
    stack->log.push_back(name() + " auto-forward");
    stack->layers_[index + 1]->model->irp_arrived(irp);
  }
  core::IoTarget& io_target(std::uint32_t t) override { return *stack->layers_[t]->target; }
  void send_to_target(std::uint32_t, Request& request, const core::SendDecision& decision, double) override {
    if (decision.outcome == core::SendOutcome::PENDED) {
      stack->log.push_back(name() + " pended");
      return;
    }
    stack->log.push_back(name() + (decision.outcome == core::SendOutcome::SENT_UNTRACKED ? " send-and-forget" : " send"));
    // IoCallDriver(next-lower).
    Irp& irp = *request.irp;
    REQUIRE(irp.call_driver());
    stack->layers_[index + 1]->model->irp_arrived(irp);
  }
  void send_to_hardware(Request& request) override {
    stack->log.push_back(name() + " hardware");
    stack->hardware.push_back(&request);
  }
  Irp& allocate_irp(int stack_size) override {
    stack->irps_.push_back(std::make_unique<Irp>());
    Irp& irp = *stack->irps_.back();
    irp.allocate(1000 + stack->irps_.size(), stack_size, core::StackLocation{});
    return irp;
  }
  void free_irp(Irp&) override {}
  void cancel_irp(Irp& irp) override {
    stack->log.push_back(name() + " cancel");
    irp.cancel = true;
  }
  void start_timer(double, const models::DriverTimer& timer) override { stack->timers_.emplace_back(index, timer); }
  void deliver_completion(Irp&, core::CompletionRoutine routine) override {
    // The framework's IoCompletion routine of the upper layer's target, then the driver's routine.
    auto& upper = stack->layers_[routine.request->driver];
    upper->target->completed(reinterpret_cast<std::uintptr_t>(routine.request));
    stack->log.push_back(upper->name() + " completion routine " +
                         core::status_name(routine.request->irp->io_status.status));
    upper->model->send_completed(*routine.request);
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
  void report(const Irp&, std::string_view what, std::string) override {
    stack->log.push_back(name() + " report " + std::string(what));
  }
};

FakeStack::FakeStack(std::vector<scenario::DriverSpec> drivers, bool verifier_on)
    : verifier(verifier_on), drivers_(std::move(drivers)) {
  for (std::size_t i = 0; i < drivers_.size(); ++i) {
    auto layer = std::make_unique<Layer>();
    layer->stack = this;
    layer->index = i;
    if (i + 1 < drivers_.size())
      layer->target = std::make_unique<core::IoTarget>(stack_size(i + 1));
    layers_.push_back(std::move(layer));
  }
  for (std::size_t i = 0; i < drivers_.size(); ++i) {
    std::vector<models::TargetWiring> targets;
    if (i + 1 < drivers_.size())
      targets.push_back(models::TargetWiring{static_cast<std::uint32_t>(i), stack_size(i + 1)});
    else if (drivers_[i].role == scenario::DriverRole::BUS)
      targets.push_back(models::TargetWiring{models::TargetWiring::kHardware, 1});
    else
      targets.push_back(models::TargetWiring{models::TargetWiring::kNoTarget, 1});
    layers_[i]->model = std::make_unique<models::DriverModel>(static_cast<std::uint32_t>(i), drivers_[i],
                                                              std::move(targets), verifier, *layers_[i]);
  }
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
  for (auto& [layer, timer] : pending)
    layers_[layer]->model->timer_fired(timer);
}

core::IoTarget& FakeStack::target(std::size_t layer) { return *layers_[layer]->target; }

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
