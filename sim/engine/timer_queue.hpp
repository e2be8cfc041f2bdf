// An actor's own timers: a min-heap on (time, insertion sequence), so timers due at the same instant fire in the
// order they were set, whatever the payload (never ordered by pointer value).
#pragma once
#include <cstdint>
#include <limits>
#include <queue>
#include <vector>

namespace irpsim::engine {

template <class Payload> class TimerQueue {
public:
  void schedule(double at, Payload payload) { heap_.push(Entry{at, next_sequence_++, payload}); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  double next_time() const { return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.top().at; }
  bool due(double now) const { return !heap_.empty() && heap_.top().at <= now; }
  Payload pop() {
    Payload p = heap_.top().payload;
    heap_.pop();
    return p;
  }

private:
  struct Entry {
    double at;
    std::uint64_t sequence;
    Payload payload;
    bool operator>(const Entry& other) const {
      return at != other.at ? at > other.at : sequence > other.sequence;
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace irpsim::engine
