// The ids a dedup run has taken, each with the hash of its content: a flat
// open-addressing table that holds no strings of its own. Its keys are the
// strings of an id list the caller keeps (entry i is ids[i]), so taking an
// id costs no allocation and the table is two words per slot.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rashomon {

class IdTable {
 public:
  // `ids` is the caller's list of the ids taken, in the order taken; it
  // must outlive the table.
  explicit IdTable(const std::vector<std::string>& ids) : ids_(ids) {}
  IdTable(const IdTable&) = delete;
  IdTable& operator=(const IdTable&) = delete;
  ~IdTable() { std::free(slots_); }

  // Room for n ids without growing.
  void Reserve(size_t n);

  // The content hash of `id` and false when the table holds it; else takes
  // `id` with `content` as entry ids.size() (the caller appends id to its
  // list next, before any other call) and returns {&content, true}.
  std::pair<uint64_t*, bool> Emplace(std::string_view id, uint64_t content);

  size_t size() const { return size_; }

 private:
  struct Slot {
    uint32_t tag;    // the id hash's high half
    uint32_t entry;  // index into ids_ plus one; 0: empty
    uint64_t content;
  };
  void Rehash(size_t capacity);

  const std::vector<std::string>& ids_;
  Slot* slots_ = nullptr;  // calloc'd: a zero slot is empty
  size_t mask_ = 0;        // capacity - 1 (capacity a power of two), or 0 when none
  size_t size_ = 0;
};

}  // namespace rashomon
