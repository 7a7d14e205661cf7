// Internal to ingest/: the byte buffers parallel reading cuts JSON Lines
// into, and the pool that hands them back to the reader once parsed.
//
// A ChunkBuffer grows without zero-filling what it grows by (the bytes are
// read into right after), and a buffer handed back keeps its capacity, so
// a long run fills the same few buffers again: no allocation, zero-fill
// or first-touch page faults per chunk.
//
// Thread-safety: a ChunkBuffer is thread-compatible; BufferPool is
// thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace rashomon::internal {

class ChunkBuffer {
 public:
  ChunkBuffer() = default;
  ChunkBuffer(ChunkBuffer&& other) noexcept { *this = std::move(other); }
  ChunkBuffer& operator=(ChunkBuffer&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    return *this;
  }
  ChunkBuffer(const ChunkBuffer&) = delete;
  ChunkBuffer& operator=(const ChunkBuffer&) = delete;
  ~ChunkBuffer() = default;

  char* data() { return data_.get(); }
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data_.get(), size_}; }

  // Room for n bytes; the bytes held are kept.
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    auto grown = std::make_unique_for_overwrite<char[]>(n);
    if (size_ != 0) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = n;
  }
  // Sets the size to n. Bytes past the old size are not initialised; the
  // capacity at least doubles when it grows, so repeated growth is linear.
  void Resize(size_t n) {
    if (n > capacity_) Reserve(std::max(n, 2 * capacity_));
    size_ = n;
  }
  void Clear() { size_ = 0; }
  void Append(std::string_view bytes) {
    const size_t old = size_;
    Resize(old + bytes.size());
    if (!bytes.empty()) std::memcpy(data_.get() + old, bytes.data(), bytes.size());
  }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Buffers given back, to be taken again. Keeps at most `keep` of them (the
// most the reader has out at a time) and none larger than `max_bytes` (a
// buffer that grew for one very long line is freed, not kept).
class BufferPool {
 public:
  BufferPool(size_t keep, size_t max_bytes) : keep_(keep), max_bytes_(max_bytes) {}

  // A buffer given back (emptied, its capacity kept), or a new empty one.
  ChunkBuffer Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return ChunkBuffer();
    ChunkBuffer b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void Give(ChunkBuffer b) {
    if (b.capacity() == 0 || b.capacity() > max_bytes_) return;
    b.Clear();
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < keep_) free_.push_back(std::move(b));
  }
  size_t kept() const {
    std::lock_guard<std::mutex> lock(mu_);
    return free_.size();
  }

 private:
  mutable std::mutex mu_;
  std::vector<ChunkBuffer> free_;
  size_t keep_;
  size_t max_bytes_;
};

}  // namespace rashomon::internal
