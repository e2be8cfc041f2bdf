// Queue presentation rules (wdf-semantics.md section 8).
#include <catch2/catch.hpp>

#include "sim/core/io_queue.hpp"
#include "sim/core/request.hpp"

using irpsim::core::IoQueue;
using irpsim::core::Request;

TEST_CASE("a sequential queue presents one request at a time - in arrival order") {
  IoQueue q(IoQueue::Dispatch::SEQUENTIAL, IoQueue::kUnlimited);
  Request a, b, c;
  CHECK(q.arrive(&a));
  CHECK_FALSE(q.arrive(&b));
  CHECK_FALSE(q.arrive(&c));
  CHECK(q.presented() == 1);
  CHECK(q.waiting() == 2);
  CHECK(q.request_done() == &b);
  CHECK(q.request_done() == &c);
  CHECK(q.request_done() == nullptr);
  CHECK(q.presented() == 0);
}

TEST_CASE("a parallel queue presents up to its limit (conformance case 36)") {
  IoQueue q(IoQueue::Dispatch::PARALLEL, 2);
  Request a, b, c;
  CHECK(q.arrive(&a));
  CHECK(q.arrive(&b));
  CHECK_FALSE(q.arrive(&c));
  CHECK(q.presented() == 2);
  CHECK(q.request_done() == &c);
  CHECK(q.presented() == 2);
}

TEST_CASE("an unlimited parallel queue presents everything at once") {
  IoQueue q(IoQueue::Dispatch::PARALLEL, IoQueue::kUnlimited);
  Request r[100];
  for (auto& x : r)
    CHECK(q.arrive(&x));
  CHECK(q.presented() == 100);
  CHECK(q.waiting() == 0);
}

TEST_CASE("waiting requests are presented before a new arrival") {
  IoQueue q(IoQueue::Dispatch::PARALLEL, 1);
  Request a, b, c;
  CHECK(q.arrive(&a));
  CHECK_FALSE(q.arrive(&b));
  Request* next = q.request_done();  // frees the slot and immediately takes b
  CHECK(next == &b);
  CHECK_FALSE(q.arrive(&c));         // c must not overtake
  CHECK(q.request_done() == &c);
}

TEST_CASE("a manual queue presents nothing by itself, retrieve() takes the oldest waiting request") {
  IoQueue q(IoQueue::Dispatch::MANUAL, IoQueue::kUnlimited);
  Request a, b;
  CHECK_FALSE(q.arrive(&a));
  CHECK_FALSE(q.arrive(&b));
  CHECK(q.retrieve() == &a);
  CHECK(q.presented() == 1);
  CHECK(q.request_done() == nullptr);  // completing one presents nothing
  CHECK(q.retrieve() == &b);
  CHECK(q.retrieve() == nullptr);
}

TEST_CASE("remove_waiting() takes a waiting request out (its IRP was cancelled) but not a presented one") {
  IoQueue q(IoQueue::Dispatch::SEQUENTIAL, IoQueue::kUnlimited);
  irpsim::core::Irp ia, ib, ic;
  Request a, b, c;
  a.irp = &ia;
  b.irp = &ib;
  c.irp = &ic;
  CHECK(q.arrive(&a));
  CHECK_FALSE(q.arrive(&b));
  CHECK_FALSE(q.arrive(&c));
  CHECK(q.remove_waiting(ia) == nullptr);  // presented: not in the waiting list
  CHECK(q.remove_waiting(ib) == &b);
  CHECK(q.waiting() == 1);
  CHECK(q.request_done() == &c);  // FIFO order of the rest kept
}
