#include "sim/core/ordered_id_set.hpp"

#include <cassert>

namespace irpsim::core {

std::uint64_t OrderedIdSet::hash(std::uint64_t id) {
  // SplitMix64's finaliser: ids are pointers or counters, whose low bits repeat.
  id ^= id >> 30;
  id *= 0xbf58476d1ce4e5b9ULL;
  id ^= id >> 27;
  id *= 0x94d049bb133111ebULL;
  return id ^ (id >> 31);
}

std::uint32_t OrderedIdSet::find_slot(std::uint64_t id) const {
  if (table_.empty())
    return kNone;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = hash(id) & mask;; i = (i + 1) & mask) {
    const std::uint32_t entry = table_[i];
    if (entry == kNone)
      return kNone;
    if (entry != kTombstone && nodes_[entry].id == id)
      return static_cast<std::uint32_t>(i);
  }
}

void OrderedIdSet::insert_into_table(std::uint64_t id, std::uint32_t node) {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = hash(id) & mask;
  while (table_[i] != kNone && table_[i] != kTombstone)
    i = (i + 1) & mask;
  if (table_[i] == kNone)
    ++table_used_;
  table_[i] = node;
}

void OrderedIdSet::grow_table() {
  // Rebuild at twice the live size (at least 16): drops the tombstones too.
  std::size_t capacity = 16;
  while (capacity < 4 * (size_ + 1))
    capacity *= 2;
  table_.assign(capacity, kNone);
  table_used_ = 0;
  for (std::uint32_t n = head_; n != kNone; n = nodes_[n].next)
    insert_into_table(nodes_[n].id, n);
}

void OrderedIdSet::push_back(std::uint64_t id) {
  assert(!contains(id));
  if (2 * (table_used_ + 1) > table_.size())
    grow_table();
  std::uint32_t n;
  if (free_nodes_.empty()) {
    n = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
  } else {
    n = free_nodes_.back();
    free_nodes_.pop_back();
  }
  nodes_[n] = Node{id, tail_, kNone};
  if (tail_ != kNone)
    nodes_[tail_].next = n;
  else
    head_ = n;
  tail_ = n;
  insert_into_table(id, n);
  ++size_;
}

bool OrderedIdSet::erase(std::uint64_t id) {
  const std::uint32_t slot = find_slot(id);
  if (slot == kNone)
    return false;
  const std::uint32_t n = table_[slot];
  table_[slot] = kTombstone;
  const Node node = nodes_[n];
  if (node.prev != kNone)
    nodes_[node.prev].next = node.next;
  else
    head_ = node.next;
  if (node.next != kNone)
    nodes_[node.next].prev = node.prev;
  else
    tail_ = node.prev;
  free_nodes_.push_back(n);
  --size_;
  return true;
}

std::vector<std::uint64_t> OrderedIdSet::ids() const {
  std::vector<std::uint64_t> out;
  out.reserve(size_);
  for (std::uint32_t n = head_; n != kNone; n = nodes_[n].next)
    out.push_back(nodes_[n].id);
  return out;
}

std::vector<std::uint64_t> OrderedIdSet::take_all() {
  std::vector<std::uint64_t> out = ids();
  for (std::uint32_t n = head_; n != kNone;) {
    const std::uint32_t next = nodes_[n].next;
    free_nodes_.push_back(n);
    n = next;
  }
  head_ = tail_ = kNone;
  size_ = 0;
  table_.assign(table_.size(), kNone);
  table_used_ = 0;
  return out;
}

}  // namespace irpsim::core
