// Completion-order statistics of one workload, computed while the run streams: how far completions strayed from
// submission order. Memory is proportional to the span of requests in flight (from the lowest outstanding ordinal to
// the highest issued one), not to the number of requests in the run.
//
// Figures, with completion_index = 0, 1, 2 ... in completion order:
//   completions       completed requests
//   out_of_order      completions that happened while some earlier-submitted request was still outstanding
//   inversions        sum over completions of the number of still-outstanding requests with a smaller ordinal;
//                     equals the number of pairs that completed in the opposite order to their submission
//   max_displacement  max |completion_index - ordinal|
//
// The count of outstanding smaller ordinals is a Fenwick (binary indexed) tree over a ring window
// [lowest outstanding, highest issued]; the ring doubles when the window outgrows it. Each call is O(log window),
// amortised. Ordinals must be issued in increasing order (gaps are allowed: a skipped ordinal is never outstanding);
// issuing a non-increasing ordinal or completing one that is not outstanding throws std::logic_error.
#pragma once
#include <cstdint>
#include <vector>

namespace irpsim::stats {

class OrderingStats {
public:
  void issued(std::uint64_t ordinal);
  void completed(std::uint64_t ordinal);

  std::uint64_t completions() const { return completions_; }
  std::uint64_t out_of_order() const { return out_of_order_; }
  std::uint64_t inversions() const { return inversions_; }
  std::uint64_t max_displacement() const { return max_displacement_; }
  std::uint64_t outstanding() const { return outstanding_; }
  // Ring capacity in slots (for tests of the memory bound).
  std::size_t window_capacity() const { return flags_.size(); }

private:
  std::size_t slot(std::uint64_t ordinal) const { return static_cast<std::size_t>(ordinal) & (flags_.size() - 1); }
  void fenwick_add(std::size_t slot, std::int64_t delta);
  std::uint64_t fenwick_prefix(std::size_t slots) const;           // sum of slots [0, slots)
  std::uint64_t count_outstanding_in(std::uint64_t from, std::uint64_t to) const;  // ordinals [from, to)
  void grow_to_fit(std::uint64_t span);
  void advance_base();

  std::vector<std::uint8_t> flags_;   // ring: 1 when the ordinal in this slot is outstanding
  std::vector<std::uint64_t> tree_;   // Fenwick tree over the ring slots, 1-based
  std::uint64_t base_ = 0;            // every ordinal below base_ is completed or was never issued
  std::uint64_t next_ = 0;            // one past the highest issued ordinal
  std::uint64_t outstanding_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t out_of_order_ = 0;
  std::uint64_t inversions_ = 0;
  std::uint64_t max_displacement_ = 0;
};

}  // namespace irpsim::stats
