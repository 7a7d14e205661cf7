#include "pipeline/id_table.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <new>
#include <stdexcept>

#include "base/hash.h"

namespace rashomon {

void IdTable::Reserve(size_t n) {
  // At most half full: short probe runs, the empty slot that ends a miss
  // near.
  const size_t want = std::bit_ceil(std::max<size_t>(16, 2 * n));
  if (slots_ == nullptr || want > mask_ + 1) Rehash(want);
}

void IdTable::Rehash(size_t capacity) {
  // calloc: the kernel's zero pages are empty slots, touched when first used.
  auto* slots = static_cast<Slot*>(std::calloc(capacity, sizeof(Slot)));
  if (slots == nullptr) throw std::bad_alloc();
  const size_t mask = capacity - 1;
  if (slots_ != nullptr) {
    for (size_t i = 0; i <= mask_; ++i) {
      const Slot& s = slots_[i];
      if (s.entry == 0) continue;
      size_t b = Hash64(ids_[s.entry - 1]) & mask;
      while (slots[b].entry != 0) b = (b + 1) & mask;
      slots[b] = s;
    }
    std::free(slots_);
  }
  slots_ = slots;
  mask_ = mask;
}

std::pair<uint64_t*, bool> IdTable::Emplace(std::string_view id, uint64_t content) {
  if (slots_ == nullptr || 2 * (size_ + 1) > mask_ + 1) Reserve(2 * (size_ + 1));
  const uint64_t h = Hash64(id);
  const auto tag = static_cast<uint32_t>(h >> 32);
  size_t b = h & mask_;
  for (;; b = (b + 1) & mask_) {
    Slot& s = slots_[b];
    if (s.entry == 0) break;
    if (s.tag == tag && ids_[s.entry - 1] == id) return {&s.content, false};
  }
  if (ids_.size() >= UINT32_MAX) throw std::length_error("dedup id table: more than 4 billion ids");
  slots_[b] = Slot{tag, static_cast<uint32_t>(ids_.size() + 1), content};
  ++size_;
  return {&slots_[b].content, true};
}

}  // namespace rashomon
