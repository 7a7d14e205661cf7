#include "sketch/minhash.h"

#include <algorithm>

namespace rashomon {
namespace {

constexpr uint32_t kEmpty = 0xFFFFFFFFu;

inline uint32_t Bin(uint64_t h, uint64_t bins) {
  return static_cast<uint32_t>(((h >> 32) * bins) >> 32);
}

}  // namespace

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  options_.num_values = std::max(1, options_.num_values);
}

void MinHasher::Sign(const uint64_t* hashes, size_t count, Signature* out) const {
  out->clear();
  if (count == 0) return;
  const uint64_t bins = static_cast<uint64_t>(options_.num_values);
  out->assign(bins, kEmpty);
  uint32_t* v = out->data();
  for (size_t i = 0; i < count; ++i) {
    const uint64_t h = hashes[i];
    const uint32_t b = Bin(h, bins);
    const uint32_t value = static_cast<uint32_t>(h);
    v[b] = std::min(v[b], value);
  }
  // Optimal densification. `filled` is taken before any copy so that empty
  // bins only ever borrow from bins that held a real minimum.
  size_t empty = 0;
  for (uint64_t b = 0; b < bins; ++b) empty += v[b] == kEmpty;
  if (empty == 0) return;
  if (empty == bins) {  // every hash was 0xFFFFFFFF in its low half: no information
    out->clear();
    return;
  }
  // A bit per bin, on the stack for up to 4096 bins (no allocation per
  // signature).
  constexpr uint64_t kStackBins = 4096;
  uint64_t stack_bits[kStackBins / 64];
  std::vector<uint64_t> heap_bits;
  uint64_t* filled = stack_bits;
  if (bins > kStackBins) {
    heap_bits.resize((bins + 63) / 64);
    filled = heap_bits.data();
  }
  std::fill(filled, filled + (bins + 63) / 64, uint64_t{0});
  for (uint64_t b = 0; b < bins; ++b) filled[b >> 6] |= uint64_t{v[b] != kEmpty} << (b & 63);
  auto is_filled = [filled](uint64_t b) { return (filled[b >> 6] >> (b & 63)) & 1; };
  for (uint64_t b = 0; b < bins; ++b) {
    if (is_filled(b)) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint32_t j = Bin(HashCombine(options_.seed, (b << 32) | attempt), bins);
      if (is_filled(j)) {
        v[b] = v[j];
        break;
      }
    }
  }
}

double EstimateJaccard(const Signature& a, const Signature& b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace rashomon
