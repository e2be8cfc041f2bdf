#include "sim/stats/ordering_stats.hpp"

#include <stdexcept>
#include <string>

namespace irpsim::stats {

void OrderingStats::fenwick_add(std::size_t s, std::int64_t delta) {
  for (std::size_t i = s + 1; i < tree_.size(); i += i & (~i + 1))
    tree_[i] += static_cast<std::uint64_t>(delta);  // modular arithmetic: adding -1 as 2^64-1 decrements
}

std::uint64_t OrderingStats::fenwick_prefix(std::size_t slots) const {
  std::uint64_t sum = 0;
  for (std::size_t i = slots; i > 0; i -= i & (~i + 1))
    sum += tree_[i];
  return sum;
}

std::uint64_t OrderingStats::count_outstanding_in(std::uint64_t from, std::uint64_t to) const {
  if (from >= to)
    return 0;
  const std::size_t cap = flags_.size();
  const std::size_t s = slot(from);
  const std::size_t len = static_cast<std::size_t>(to - from);  // <= cap: the window fits the ring
  if (s + len <= cap)
    return fenwick_prefix(s + len) - fenwick_prefix(s);
  return (fenwick_prefix(cap) - fenwick_prefix(s)) + fenwick_prefix(s + len - cap);
}

void OrderingStats::grow_to_fit(std::uint64_t span) {
  std::size_t cap = flags_.empty() ? 16 : flags_.size();
  while (cap < span)
    cap *= 2;
  if (cap == flags_.size())
    return;
  std::vector<std::uint8_t> old = std::move(flags_);
  const std::size_t old_cap = old.size();
  flags_.assign(cap, 0);
  for (std::uint64_t o = base_; o < next_; ++o)
    flags_[slot(o)] = old[static_cast<std::size_t>(o) & (old_cap - 1)];
  // Linear-time Fenwick construction: each node pushes its sum to its parent.
  tree_.assign(cap + 1, 0);
  for (std::size_t i = 1; i <= cap; ++i) {
    tree_[i] += flags_[i - 1];
    const std::size_t parent = i + (i & (~i + 1));
    if (parent <= cap)
      tree_[parent] += tree_[i];
  }
}

void OrderingStats::issued(std::uint64_t ordinal) {
  if (ordinal < next_)
    throw std::logic_error("OrderingStats: ordinal " + std::to_string(ordinal) +
                           " issued after ordinal " + std::to_string(next_ - 1));
  if (outstanding_ == 0)
    base_ = ordinal;  // empty window: restart it here (the ring holds only zeros)
  const std::uint64_t span = ordinal - base_ + 1;
  if (span > flags_.size())
    grow_to_fit(span);
  flags_[slot(ordinal)] = 1;
  fenwick_add(slot(ordinal), +1);
  ++outstanding_;
  next_ = ordinal + 1;
}

void OrderingStats::advance_base() {
  while (base_ < next_ && flags_[slot(base_)] == 0)
    ++base_;
}

void OrderingStats::completed(std::uint64_t ordinal) {
  if (ordinal < base_ || ordinal >= next_ || flags_[slot(ordinal)] == 0)
    throw std::logic_error("OrderingStats: ordinal " + std::to_string(ordinal) + " completed but not outstanding");
  const std::uint64_t earlier = count_outstanding_in(base_, ordinal);
  inversions_ += earlier;
  if (earlier > 0)
    ++out_of_order_;
  const std::uint64_t index = completions_++;
  const std::uint64_t displacement = index > ordinal ? index - ordinal : ordinal - index;
  if (displacement > max_displacement_)
    max_displacement_ = displacement;
  flags_[slot(ordinal)] = 0;
  fenwick_add(slot(ordinal), -1);
  --outstanding_;
  if (ordinal == base_)
    advance_base();
}

}  // namespace irpsim::stats
