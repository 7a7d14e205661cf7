#include "sketch/minhash.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rashomon {
namespace {

constexpr uint32_t kEmpty = 0xFFFFFFFFu;


}  // namespace

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  options_.num_values = std::max(1, options_.num_values);
  bins_ = static_cast<uint64_t>(options_.num_values);
}

void MinHasher::Start(Signature* out) const { out->assign(bins_, kEmpty); }

void MinHasher::Sign(const uint64_t* hashes, size_t count, Signature* out) const {
  out->clear();
  if (count == 0) return;
  const uint64_t bins = bins_;
  Start(out);
  uint32_t* v = out->data();
  if (bins >= 2 && std::has_single_bit(bins) && bins <= (uint64_t{1} << 32)) {
    // bins = 2^r, r >= 1: Bin(h) = ((h >> 32) << r) >> 32 = h >> (64 - r).
    const int shift = 64 - std::countr_zero(bins);
    for (size_t i = 0; i < count; ++i) {
      const uint64_t h = hashes[i];
      uint32_t& slot = v[h >> shift];
      slot = std::min(slot, static_cast<uint32_t>(h));
    }
  } else {
    for (size_t i = 0; i < count; ++i) {
      const uint64_t h = hashes[i];
      const uint32_t b = Bin(h);
      const uint32_t value = static_cast<uint32_t>(h);
      v[b] = std::min(v[b], value);
    }
  }
  Finish(count, out);
}

void MinHasher::Finish(size_t num_hashes, Signature* out) const {
  if (num_hashes == 0) {
    out->clear();
    return;
  }
  const uint64_t bins = bins_;
  uint32_t* v = out->data();
  // Optimal densification. `filled` (a bit per bin, on the stack for up to
  // 4096 bins: no allocation per signature) is taken before any copy so
  // that empty bins only ever borrow from bins that held a real minimum.
  constexpr uint64_t kStackBins = 4096;
  const uint64_t words = (bins + 63) / 64;
  uint64_t stack_bits[kStackBins / 64];
  std::vector<uint64_t> heap_bits;
  uint64_t* filled = stack_bits;
  if (bins > kStackBins) {
    heap_bits.resize(words);
    filled = heap_bits.data();
  }
  uint64_t empty = 0;
  for (uint64_t w = 0; w < words; ++w) {
    const uint32_t* block = v + 64 * w;
    const uint64_t count = std::min<uint64_t>(64, bins - 64 * w);
    uint64_t bits = 0;
#if defined(__SSE2__)
    if (count == 64) {
      const __m128i all_ones = _mm_set1_epi32(-1);  // kEmpty in every lane
      for (size_t q = 0; q < 16; ++q) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 4 * q));
        const int is_empty = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, all_ones)));
        bits |= static_cast<uint64_t>(~is_empty & 0xF) << (4 * q);
      }
    } else {
      for (uint64_t j = 0; j < count; ++j) bits |= uint64_t{block[j] != kEmpty} << j;
    }
#else
    for (uint64_t j = 0; j < count; ++j) bits |= uint64_t{block[j] != kEmpty} << j;
#endif
    filled[w] = bits;
    empty += count - static_cast<uint64_t>(std::popcount(bits));
  }
  if (empty == 0) return;
  if (empty == bins) {  // every hash was 0xFFFFFFFF in its low half: no information
    out->clear();
    return;
  }
  auto is_filled = [filled](uint64_t b) { return (filled[b >> 6] >> (b & 63)) & 1; };
  for (uint64_t w = 0; w < words; ++w) {
    const uint64_t count = std::min<uint64_t>(64, bins - 64 * w);
    uint64_t missing = ~filled[w] & (count == 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1);
    while (missing != 0) {
      const uint64_t b = 64 * w + static_cast<uint64_t>(std::countr_zero(missing));
      missing &= missing - 1;
      for (uint64_t attempt = 1;; ++attempt) {
        const uint32_t j = Bin(HashCombine(options_.seed, (b << 32) | attempt));
        if (is_filled(j)) {
          v[b] = v[j];
          break;
        }
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
