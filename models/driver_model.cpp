#include "models/driver_model.hpp"

#include <cassert>
#include <cmath>

namespace irpsim::models {

using core::Irp;
using core::IrpEventKind;
using core::IrpWhereabouts;
using core::Request;
using scenario::DriverRole;
using scenario::PolicySpec;

namespace {

core::IoQueue::Dispatch dispatch_of(scenario::DispatchKind kind) {
  switch (kind) {
    case scenario::DispatchKind::SEQUENTIAL: return core::IoQueue::Dispatch::SEQUENTIAL;
    case scenario::DispatchKind::PARALLEL: return core::IoQueue::Dispatch::PARALLEL;
    case scenario::DispatchKind::MANUAL: return core::IoQueue::Dispatch::MANUAL;
  }
  return core::IoQueue::Dispatch::PARALLEL;
}

}  // namespace

DriverModel::DriverModel(std::uint32_t index, const scenario::DriverSpec& spec, std::vector<TargetWiring> targets,
                         bool verifier, DriverEnvironment& env, std::uint64_t seed, std::uint64_t replication)
    : index_(index),
      spec_(spec),
      targets_(std::move(targets)),
      verifier_(verifier),
      env_(env),
      outstanding_per_target_(targets_.size(), 0),
      retrieval_armed_(spec.queues.size(), false),
      tracing_(env.tracing()),
      cpu_rng_(seed, replication, "driver/" + spec.name + "/cpu"),
      cpu_free_(env.cpu_free()) {
  for (const auto& p : spec.policies)
    if (p)
      costs_.push_back(StepCosts{&*p, Distribution(p->dispatch_cpu), Distribution(p->completion_cpu)});
  if (spec.default_policy)
    costs_.push_back(StepCosts{&*spec.default_policy, Distribution(spec.default_policy->dispatch_cpu),
                               Distribution(spec.default_policy->completion_cpu)});
  locks_.resize(spec.locks.size());
  for (const auto& lock : spec.locks)
    lock_holds_.emplace_back(lock.hold);
  queue_for_type_.fill(kNoQueue);
  int default_queue = kNoQueue;
  for (std::size_t q = 0; q < spec.queues.size(); ++q) {
    const auto& qs = spec.queues[q];
    queues_.emplace_back(dispatch_of(qs.dispatch),
                         qs.dispatch == scenario::DispatchKind::PARALLEL ? qs.max_presented : core::IoQueue::kUnlimited);
    if (qs.is_default)
      default_queue = static_cast<int>(q);
    for (core::RequestType t : qs.types)
      queue_for_type_[core::index_of(t)] = static_cast<int>(q);
  }
  for (core::RequestType t : core::kAllRequestTypes) {
    auto& slot = queue_for_type_[core::index_of(core::dispatching_type(t))];
    if (slot == kNoQueue)
      slot = default_queue;
    queue_for_type_[core::index_of(t)] = slot;
  }
}

void DriverModel::arm_retrieval(std::uint32_t q) {
  if (retrieval_armed_[q])
    return;
  // The driver polls on a fixed grid (multiples of the interval from time 0); the timer runs only while requests
  // wait, so an idle manual queue does not keep simulated time going.
  const double interval = spec_.queues[q].retrieve_interval_s;
  const double now = env_.now();
  double next = std::ceil(now / interval) * interval;
  if (next <= now)
    next += interval;
  retrieval_armed_[q] = true;
  env_.start_timer(next - now, DriverTimer{DriverTimer::Kind::RETRIEVE, nullptr, 0, q});
}

const PolicySpec* DriverModel::handler_for(core::RequestType type) const {
  if (const auto& p = spec_.policies[core::index_of(type)])
    return &*p;
  // EvtIoInternalDeviceControl receives both internal forms: "internal_ioctl" handles "internal_ioctl_others" that
  // has no policy of its own.
  if (type != core::dispatching_type(type))
    if (const auto& p = spec_.policies[core::index_of(core::dispatching_type(type))])
      return &*p;
  if (spec_.default_policy)
    return &*spec_.default_policy;
  return nullptr;
}

void DriverModel::irp_arrived(Irp& irp) {
  note(IrpEventKind::ARRIVED, irp);
  const core::RequestType type = irp.current_stack_location().type;
  const int queue = queue_for_type_[core::index_of(type)];
  const bool filter_without_handler =
      spec_.role == DriverRole::FILTER && (queue == kNoQueue || handler_for(type) == nullptr);
  if (filter_without_handler) {
    // FxPkgIo::DispatchStep1 for a filter: skip + IoCallDriver(next-lower), no WDFREQUEST.
    env_.irp_passed_through(irp);
    note(IrpEventKind::AUTO_FORWARDED, irp);
    irp.skip_current_location();
    if (!irp.call_driver()) {
      env_.violation(irp, "NO_MORE_IRP_STACK_LOCATIONS (bug check 0x35)", "auto-forward found no stack location left");
      return;
    }
    env_.call_lower_driver(irp);
    return;
  }
  if (queue == kNoQueue) {
    complete_irp_here(irp, core::STATUS_INVALID_DEVICE_REQUEST);
    return;
  }
  if (irp.cancel) {
    // The framework's cancel-safe queue refuses an IRP already cancelled: completed at once (section 6.2).
    complete_irp_here(irp, core::STATUS_CANCELLED);
    return;
  }
  Request& request = new_request(irp, queue);
  irp.where = {IrpWhereabouts::Kind::DRIVER_QUEUE, index_};
  if (queues_[static_cast<std::size_t>(queue)].arrive(&request)) {
    to_present_.push_back(&request);
    present_pending();
  } else if (spec_.queues[static_cast<std::size_t>(queue)].dispatch == scenario::DispatchKind::MANUAL) {
    arm_retrieval(static_cast<std::uint32_t>(queue));
  }
}

bool DriverModel::cancel_irp(Irp& irp) {
  if (irp.where.kind != IrpWhereabouts::Kind::DRIVER_QUEUE || irp.where.index != index_)
    return false;
  for (core::IoQueue& queue : queues_) {
    if (Request* waiting = queue.remove_waiting(irp)) {
      // Never presented, so it holds no queue slot: the framework completes it with STATUS_CANCELLED, Information
      // 0, and the driver never sees it (section 6.2).
      irp.io_status = {core::STATUS_CANCELLED, 0};
      waiting->state = Request::State::COMPLETED;
      note(IrpEventKind::REQUEST_COMPLETED, irp);
      env_.request_finished(*waiting);
      free_request(*waiting);
      continue_completion(irp);
      return true;
    }
  }
  return false;
}

void DriverModel::present_pending() {
  if (presenting_)
    return;
  presenting_ = true;
  while (!to_present_.empty()) {
    Request* next = to_present_.front();
    to_present_.pop_front();
    present(*next);
  }
  presenting_ = false;
}

void DriverModel::retrieve(std::uint32_t q) {
  const auto& qs = spec_.queues[q];
  retrieval_armed_[q] = false;
  while (qs.max_retrieved < 0 || queues_[q].presented() < qs.max_retrieved) {
    Request* next = queues_[q].retrieve();
    if (next == nullptr)
      break;
    to_present_.push_back(next);
  }
  present_pending();
  if (queues_[q].waiting() > 0)
    arm_retrieval(q);
}

Request& DriverModel::take_request() {
  Request* r;
  if (free_.empty()) {
    r = &storage_.emplace_back();
  } else {
    r = free_.back();
    free_.pop_back();
  }
  // A recycled object keeps counting its generations: a timer armed for its previous life (a send timeout, a
  // cancel-after) must not match the new request.
  const std::uint64_t send_generation = r->send_generation + 1;
  const std::uint64_t timeout_generation = r->timeout_generation + 1;
  *r = Request{};
  r->send_generation = send_generation;
  r->timeout_generation = timeout_generation;
  return *r;
}

Request& DriverModel::new_request(Irp& irp, int queue) {
  Request* r = &take_request();
  r->irp = &irp;
  r->driver = index_;
  r->queue = static_cast<std::uint32_t>(queue);
  r->type = irp.current_stack_location().type;
  r->arrived_s = env_.now();
  return *r;
}

void DriverModel::free_request(Request& request) {
  request.irp = nullptr;
  free_.push_back(&request);
}

void DriverModel::present(Request& request) {
  request.state = Request::State::PRESENTED;
  request.presented_s = env_.now();
  request.irp->where = {IrpWhereabouts::Kind::DRIVER, index_};
  const auto& qs = spec_.queues[request.queue];
  // FxIoQueue::DispatchRequestToDriver: zero-length transfers and handler-less types never reach the driver.
  if (core::is_transfer(request.type) && request.irp->current_stack_location().length == 0 && !qs.allow_zero_length) {
    const std::uint64_t zero = 0;
    complete_request(request, core::STATUS_SUCCESS, &zero);
    return;
  }
  const PolicySpec* policy = handler_for(request.type);
  if (policy == nullptr) {
    const std::uint64_t zero = 0;
    complete_request(request, core::STATUS_INVALID_DEVICE_REQUEST, &zero);
    return;
  }
  note(IrpEventKind::PRESENTED, *request.irp);
  run_handler(request, *policy);
}

void DriverModel::complete_request(Request& request, core::NtStatus status, const std::uint64_t* information) {
  Irp& irp = *request.irp;
  assert(request.state != Request::State::COMPLETED);
  irp.io_status.status = core::rewrite_wdf_facility_status(status);
  if (information != nullptr)
    irp.io_status.information = *information;
  request.state = Request::State::COMPLETED;
  note(IrpEventKind::REQUEST_COMPLETED, irp);
  env_.request_finished(request);
  Request* next = queues_[request.queue].request_done();
  // Children still running keep a pointer to their parent: it is recycled when the last one is deleted.
  if (request.children_outstanding == 0)
    free_request(request);
  else
    request.parent_completed = true;
  continue_completion(irp);
  if (next != nullptr) {
    to_present_.push_back(next);
    present_pending();
  }
}

void DriverModel::complete_irp_here(Irp& irp, core::NtStatus status) {
  irp.io_status = {status, 0};
  note(IrpEventKind::REQUEST_COMPLETED, irp);
  continue_completion(irp);
}

void DriverModel::continue_completion(Irp& irp) {
  const core::CompletionRoutine routine = irp.complete_step();
  if (irp.double_completed()) {
    env_.violation(irp, "MULTIPLE_IRP_COMPLETE_REQUESTS (bug check 0x44)", "IRP completed twice");
    return;
  }
  if (routine.is_set()) {
    irp.where = {IrpWhereabouts::Kind::COMPLETING, routine.request->driver};
    env_.deliver_completion(irp, routine);
    return;
  }
  irp.where = {IrpWhereabouts::Kind::DONE, 0};
  env_.irp_completed(irp);
}

bool DriverModel::owns(const Irp& irp) const {
  return irp.where.kind == IrpWhereabouts::Kind::DRIVER && irp.where.index == index_;
}

void DriverModel::timer_fired(const DriverTimer& timer) {
  switch (timer.kind) {
    case DriverTimer::Kind::COMPLETE_DELAY:
      complete_after_delay(*timer.request);
      return;
    case DriverTimer::Kind::CANCEL_SENT: {
      Request& r = *timer.request;
      if (r.send_generation != timer.generation || !r.outstanding)
        return;  // completed back meanwhile: WdfRequestCancelSentRequest would return FALSE and change nothing
      // WdfRequestCancelSentRequest: the canceled mark, then IoCancelIrp on the outstanding IRP (section 6.1).
      r.canceled_mark = true;
      env_.cancel_irp(*r.irp);
      return;
    }
    case DriverTimer::Kind::RETRY: {
      Request& r = *timer.request;
      const PolicySpec* policy = handler_for(r.type);
      assert(policy != nullptr);
      if (policy->create_request) {
        ++r.children_outstanding;
        send_created(r, *policy, r.target_number, policy->rewrite_to.value_or(r.type), parent_length(r),
                     r.irp->current_stack_location().offset, 0);
      }
      else
        send_received(r, *policy, r.target_number, policy->action == PolicySpec::Action::ROUTE);
      return;
    }
    case DriverTimer::Kind::RETRIEVE:
      retrieve(timer.queue);
      return;
  }
}

}  // namespace irpsim::models
