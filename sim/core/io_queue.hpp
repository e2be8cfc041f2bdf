// A KMDF I/O queue's presentation rules (wdf-semantics.md section 8): sequential presents one request at a time,
// parallel up to NumberOfPresentedRequests (unlimited by default); requests already waiting are presented before a
// new one (FIFO). The presented count drops when the driver completes a request (or forwards it with
// send-and-forget), not when it sends it asynchronously: the caller says when by calling request_done().
// A manual queue presents nothing by itself: the driver takes requests with retrieve() (WdfIoQueueRetrieveNextRequest).
// A waiting (never presented) request can be taken out when its IRP is cancelled (remove(), section 6.2).
// Power management and EvtIoCanceledOnQueue are not modelled.
#pragma once
#include <cstdint>
#include <deque>

namespace irpsim::core {

class Irp;
struct Request;

class IoQueue {
public:
  enum class Dispatch { SEQUENTIAL, PARALLEL, MANUAL };
  static constexpr std::int64_t kUnlimited = -1;

  IoQueue(Dispatch dispatch, std::int64_t max_presented);

  // A request arrives. True: present it now (the presented count includes it). False: it waits (always, for a
  // manual queue).
  [[nodiscard]] bool arrive(Request* request);
  // WdfIoQueueRetrieveNextRequest on a manual queue: the oldest waiting request, now counted as presented, or nullptr.
  [[nodiscard]] Request* retrieve();
  // Takes the waiting (not presented) request of `irp` out of the queue (its IRP was cancelled); nullptr if none.
  Request* remove_waiting(const Irp& irp);
  // The driver is done with one presented request. Returns the next waiting request to present (already counted
  // as presented), or nullptr.
  [[nodiscard]] Request* request_done();

  std::int64_t presented() const { return presented_; }
  std::size_t waiting() const { return waiting_.size(); }
  std::int64_t limit() const { return limit_; }

private:
  bool has_room() const { return !manual_ && (limit_ == kUnlimited || presented_ < limit_); }
  bool manual_;
  std::int64_t limit_;
  std::int64_t presented_ = 0;
  std::deque<Request*> waiting_;
};

}  // namespace irpsim::core
