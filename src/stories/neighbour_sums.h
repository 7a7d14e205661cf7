// Summed edge weights from one cluster to its neighbours, for average
// linkage (stories/cluster.cc).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rashomon {

// A map from cluster id to a float sum: open addressing with linear probing
// and backward-shift deletion, 8-byte slots, at most three quarters full.
// Average linkage over a dense graph holds one entry per pair of clusters in
// each direction; std::unordered_map spent about 40 bytes and an allocation
// on each, this 11 to 21 bytes and none. Keys must not be UINT32_MAX.
// `Value` is a float sum, or any value-initialised-as-zero type with += (a
// sum with pair counts beside it).
template <typename Value>
class NeighbourMap {
 public:
  size_t size() const { return size_; }

  // Room for `n` entries without growing.
  void Reserve(size_t n) {
    size_t capacity = 4;
    while (capacity * 3 < n * 4) capacity *= 2;
    if (capacity > slots_.size()) Rehash(capacity);
  }

  // The sum for `key`, inserted as 0 when absent.
  Value& operator[](uint32_t key) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Rehash(std::max<size_t>(4, slots_.size() * 2));
    size_t i = Home(key);
    while (slots_[i].key != kEmpty) {
      if (slots_[i].key == key) return slots_[i].sum;
      i = (i + 1) & mask_;
    }
    slots_[i] = {key, Value{}};
    ++size_;
    return slots_[i].sum;
  }

  // Removes `key` and returns its sum (0 when absent).
  Value Take(uint32_t key) {
    if (size_ == 0) return Value{};
    size_t i = Home(key);
    while (slots_[i].key != key) {
      if (slots_[i].key == kEmpty) return Value{};
      i = (i + 1) & mask_;
    }
    Value sum = slots_[i].sum;
    // Shift later entries of the probe run back over the hole.
    for (size_t j = (i + 1) & mask_; slots_[j].key != kEmpty; j = (j + 1) & mask_) {
      size_t home = Home(slots_[j].key);
      bool movable = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
      if (movable) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i].key = kEmpty;
    --size_;
    return sum;
  }

  template <typename F>
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_) {
      if (slot.key != kEmpty) f(slot.key, slot.sum);
    }
  }

  void Release() {
    std::vector<Slot>().swap(slots_);
    size_ = 0;
    mask_ = 0;
    shift_ = 64;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t key = kEmpty;
    Value sum{};
  };

  // Fibonacci hashing: the top bits of the product.
  size_t Home(uint32_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  void Rehash(size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    for (const Slot& slot : old) {
      if (slot.key == kEmpty) continue;
      size_t i = Home(slot.key);
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

using NeighbourSums = NeighbourMap<float>;

}  // namespace rashomon
