// A set of opaque 64-bit ids that remembers insertion order, for an I/O target's pend queue and sent lists: O(1)
// insert at the tail, lookup and removal anywhere, iteration in insertion order. Nodes live in a vector reused
// through a free list and the index is an open-addressing hash table, so once the set has reached its working size
// no insert or removal allocates (a node-based std::list + std::unordered_map allocated twice per send). Iteration
// order never depends on the ids' values.
#pragma once
#include <cstdint>
#include <vector>

namespace irpsim::core {

class OrderedIdSet {
public:
  // Appends `id` (which must not be in the set).
  void push_back(std::uint64_t id);
  // Removes `id`; false if it was not in the set.
  bool erase(std::uint64_t id);
  bool contains(std::uint64_t id) const { return find_slot(id) != kNone; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The ids in insertion order.
  std::vector<std::uint64_t> ids() const;
  // The ids in insertion order; the set is left empty.
  std::vector<std::uint64_t> take_all();

private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  static constexpr std::uint32_t kTombstone = UINT32_MAX - 1;
  struct Node {
    std::uint64_t id = 0;
    std::uint32_t prev = kNone, next = kNone;
  };
  static std::uint64_t hash(std::uint64_t id);
  // The table slot holding `id`, or kNone.
  std::uint32_t find_slot(std::uint64_t id) const;
  void grow_table();
  void insert_into_table(std::uint64_t id, std::uint32_t node);

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> free_nodes_;
  std::vector<std::uint32_t> table_;   // node index, kNone (empty) or kTombstone; size a power of two
  std::size_t table_used_ = 0;          // live entries + tombstones
  std::uint32_t head_ = kNone, tail_ = kNone;
  std::size_t size_ = 0;
};

}  // namespace irpsim::core
