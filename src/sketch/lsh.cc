#include "sketch/lsh.h"

#define XXH_INLINE_ALL  // inline XXH3: same output, no call overhead for 24-byte keys
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/memory.h"

namespace rashomon {
namespace {

// Minima are small numbers (their high bits are mostly zero); multiplying
// by an odd constant spreads every bit of v into the high bits we keep.
inline uint32_t Mix(uint32_t v) { return v * 0x9E3779B1u; }

// Equal lanes of two arrays of `count` lanes of kBytes (1 or 2) bytes each.
template <size_t kBytes>
size_t CountEqual(const uint8_t* a, const uint8_t* b, size_t count) {
  size_t same = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Counted in the registers: a compare gives -1 in each equal lane, so
  // subtracting it adds 1 to that lane's counter; after at most 255 vectors
  // (no counter past 255, so a 16-bit counter's high byte stays 0) the
  // counters' bytes are summed (psadbw). No popcount: without -mpopcnt it is
  // a library call per vector.
  constexpr size_t kLanes = 16 / kBytes;
  const __m128i zero = _mm_setzero_si128();
  __m128i total = zero;  // two 64-bit sums
  while (i + kLanes <= count) {
    const size_t end = i + std::min<size_t>((count - i) / kLanes, 255) * kLanes;
    __m128i counters = zero;
    for (; i < end; i += kLanes) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i * kBytes));
      const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i * kBytes));
      counters = kBytes == 1 ? _mm_sub_epi8(counters, _mm_cmpeq_epi8(x, y))
                             : _mm_sub_epi16(counters, _mm_cmpeq_epi16(x, y));
    }
    total = _mm_add_epi64(total, _mm_sad_epu8(counters, zero));
  }
  same += static_cast<uint32_t>(_mm_cvtsi128_si32(total)) +
          static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_srli_si128(total, 8)));
#endif
  for (; i < count; ++i) same += std::memcmp(a + i * kBytes, b + i * kBytes, kBytes) == 0;
  return same;
}

// Lanes of `bits` (1, 2 or 4) bits packed into 64-bit words that differ
// between a and b.
size_t CountDifferentLanes(const uint8_t* a, const uint8_t* b, size_t bytes, int bits) {
  uint64_t low = 0;  // the lowest bit of every lane
  for (int i = 0; i < 64; i += bits) low |= uint64_t{1} << i;
  size_t differ = 0;
  for (size_t i = 0; i < bytes; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    uint64_t v = x ^ y;
    // Fold each lane onto its lowest bit (only lower bits of the same lane
    // move there).
    for (int s = 1; s < bits; s <<= 1) v |= v >> s;
    differ += static_cast<size_t>(std::popcount(v & low));
  }
  return differ;
}

}  // namespace

double LshCandidateProbability(double s, const LshParams& params) {
  if (params.bands <= 0 || params.rows <= 0) return 0.0;
  return 1.0 - std::pow(1.0 - std::pow(s, params.rows), params.bands);
}

LshParams ChooseLshParams(double threshold, int num_values, double min_candidate_probability) {
  LshParams best{num_values, 1};
  for (int rows = 1; rows <= num_values; ++rows) {
    LshParams p{num_values / rows, rows};
    if (LshCandidateProbability(threshold, p) >= min_candidate_probability) best = p;
  }
  return best;
}

LshIndex::LshIndex(const LshOptions& options) : options_(options) {
  options_.num_values = std::max(1, options_.num_values);
  const int band_values = options_.band_values > 0
                              ? std::min(options_.band_values, options_.num_values)
                              : options_.num_values;
  if (options_.bands > 0 && options_.rows > 0 &&
      options_.bands * options_.rows <= options_.num_values) {
    params_ = {options_.bands, options_.rows};
  } else {
    params_ = ChooseLshParams(options_.threshold, band_values,
                              options_.min_candidate_probability);
  }
  const int b = options_.fingerprint_bits;
  fingerprint_bits_ = b == 1 || b == 2 || b == 4 || b == 8 || b == 16 ? b : (options_.num_values <= 128 ? 16 : 8);
  const size_t n = static_cast<size_t>(options_.num_values);
  // Under 8 bits, lanes are packed into whole 64-bit words.
  fingerprint_bytes_ = fingerprint_bits_ >= 8 ? n * static_cast<size_t>(fingerprint_bits_ / 8)
                                              : (n * static_cast<size_t>(fingerprint_bits_) + 63) / 64 * 8;
  collision_ = std::ldexp(1.0, -fingerprint_bits_);
  tables_.resize(static_cast<size_t>(params_.bands));
  for (Table& t : tables_) t.slots = SlotArray(16);
}

uint32_t LshIndex::BandKey(const Signature& s, int band) const {
  const uint32_t* p = s.data() + static_cast<size_t>(band) * params_.rows;
  uint64_t h;
  if constexpr (std::endian::native == std::endian::little) {
    h = XXH3_64bits_withSeed(p, sizeof(uint32_t) * params_.rows,
                             options_.seed + static_cast<uint64_t>(band));
  } else {
    std::vector<unsigned char> bytes(4 * static_cast<size_t>(params_.rows));
    for (int r = 0; r < params_.rows; ++r) {
      for (int b = 0; b < 4; ++b) bytes[4 * r + b] = static_cast<unsigned char>(p[r] >> (8 * b));
    }
    h = XXH3_64bits_withSeed(bytes.data(), bytes.size(),
                             options_.seed + static_cast<uint64_t>(band));
  }
  uint32_t key = static_cast<uint32_t>(h >> 32);
  return key == 0 ? 1 : key;
}

void LshIndex::Fingerprints(const Signature& s, uint8_t* out) const {
  const size_t n = s.size();
  if (fingerprint_bits_ < 8) {
    const auto bits = static_cast<size_t>(fingerprint_bits_);
    for (size_t w = 0; w < fingerprint_bytes_ / 8; ++w) {
      uint64_t word = 0;
      for (size_t i = w * 64 / bits; i < std::min(n, (w + 1) * 64 / bits); ++i) {
        word |= static_cast<uint64_t>(Mix(s[i]) >> (32 - bits)) << (i * bits % 64);
      }
      std::memcpy(out + 8 * w, &word, 8);  // host order: only ever compared with each other
    }
    return;
  }
  if (fingerprint_bits_ == 8) {
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(Mix(s[i]) >> 24);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    const auto f = static_cast<uint16_t>(Mix(s[i]) >> 16);
    std::memcpy(out + 2 * i, &f, sizeof f);  // host order: only ever compared with each other
  }
}

size_t LshIndex::Agreement(const uint8_t* a, const uint8_t* b) const {
  const size_t n = static_cast<size_t>(options_.num_values);
  if (fingerprint_bits_ < 8) return n - CountDifferentLanes(a, b, fingerprint_bytes_, fingerprint_bits_);
  return fingerprint_bits_ == 8 ? CountEqual<1>(a, b, n) : CountEqual<2>(a, b, n);
}

double LshIndex::FromAgreement(size_t same) const {
  double rate = static_cast<double>(same) / options_.num_values;
  double j = (rate - collision_) / (1.0 - collision_);
  return std::clamp(j, 0.0, 1.0);
}

void LshIndex::Grow(Table& t) { Rehash(t, t.slots.size() * 2); }

void LshIndex::Rehash(Table& t, size_t size) {
  const SlotArray old = std::move(t.slots);
  t.slots = SlotArray(size);
  AdviseHugePages(t.slots.begin(), size * sizeof(Slot));
  PopulateForWrite(&t.slots[0], size * sizeof(Slot));
  const size_t mask = t.slots.size() - 1;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    size_t i = s.key & mask;
    while (t.slots[i].key != 0) i = (i + 1) & mask;
    t.slots[i] = s;
  }
}

LshIndex::Slot* LshIndex::FindOrAdd(Table& t, uint32_t key) {
  if ((t.used + 1) * 10 > t.slots.size() * 7) Grow(t);
  const size_t mask = t.slots.size() - 1;
  size_t i = key & mask;  // keys are hash bits already
  while (t.slots[i].key != 0) {
    if (t.slots[i].key == key) return &t.slots[i];
    i = (i + 1) & mask;
  }
  t.slots[i].key = key;
  t.slots[i].head = kNone;
  ++t.used;
  return &t.slots[i];
}

const LshIndex::Slot* LshIndex::Find(const Table& t, uint32_t key) const {
  const size_t mask = t.slots.size() - 1;
  size_t i = key & mask;
  while (t.slots[i].key != 0) {
    if (t.slots[i].key == key) return &t.slots[i];
    i = (i + 1) & mask;
  }
  return nullptr;
}

uint32_t LshIndex::Insert(const Signature& signature) {
  const uint32_t id = static_cast<uint32_t>(count_++);
  const size_t n = static_cast<size_t>(options_.num_values);
  const size_t bands = static_cast<size_t>(params_.bands);
  const bool valid = signature.size() == n;
  AddRows(valid);
  if (!valid) return id;
  Fingerprints(signature, fingerprints_.data() + static_cast<size_t>(id) * fingerprint_bytes_);
  for (size_t b = 0; b < bands; ++b) {
    Slot* slot = FindOrAdd(tables_[b], BandKey(signature, static_cast<int>(b)));
    next_[static_cast<size_t>(id) * bands + b] = slot->head;
    slot->head = id;
  }
  return id;
}

void LshIndex::Reserve(size_t count) {
  ReserveRows(count);
  // Tables that hold `count` keys below the load limit of FindOrAdd.
  size_t size = 16;
  while (size * 7 < (count + 1) * 10) size *= 2;
  for (Table& t : tables_) {
    if (t.slots.size() < size) Rehash(t, size);
  }
}

void LshIndex::ReserveRows(size_t count) {
  ReserveAdvised(valid_, count);
  ReserveAdvised(fingerprints_, count * fingerprint_bytes_);
  ReserveAdvised(next_, count * static_cast<size_t>(params_.bands));
}

void LshIndex::AddRows(bool valid) {
  if (valid_.size() == valid_.capacity()) ReserveRows(std::max<size_t>(64, 2 * valid_.size()));
  valid_.push_back(valid ? 1 : 0);
  fingerprints_.resize(fingerprints_.size() + fingerprint_bytes_, 0);
  next_.resize(next_.size() + static_cast<size_t>(params_.bands), kNone);
}

void LshIndex::Candidates(const Signature& signature, std::vector<uint32_t>* out) const {
  out->clear();
  if (signature.size() != static_cast<size_t>(options_.num_values)) return;
  const size_t bands = static_cast<size_t>(params_.bands);
  for (size_t b = 0; b < bands; ++b) {
    const Slot* slot = Find(tables_[b], BandKey(signature, static_cast<int>(b)));
    if (slot == nullptr) continue;
    size_t seen = 0;
    for (uint32_t id = slot->head; id != kNone; id = next_[static_cast<size_t>(id) * bands + b]) {
      if (options_.max_chain != 0 && seen++ >= options_.max_chain) break;
      out->push_back(id);
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

double LshIndex::Similarity(const Signature& signature, uint32_t id) const {
  const size_t n = static_cast<size_t>(options_.num_values);
  if (id >= count_ || !valid_[id] || signature.size() != n) return 0.0;
  std::vector<uint8_t> fp(fingerprint_bytes_);
  Fingerprints(signature, fp.data());
  return FromAgreement(Agreement(fp.data(), fingerprints_.data() + static_cast<size_t>(id) * fingerprint_bytes_));
}

double LshIndex::Similarity(uint32_t a, uint32_t b) const {
  if (a >= count_ || b >= count_ || !valid_[a] || !valid_[b]) return 0.0;
  return FromAgreement(Agreement(fingerprints_.data() + static_cast<size_t>(a) * fingerprint_bytes_,
                                 fingerprints_.data() + static_cast<size_t>(b) * fingerprint_bytes_));
}

void LshIndex::Verify(const std::vector<uint32_t>& candidates, const uint8_t* fp,
                      std::vector<Match>* out) const {
  for (uint32_t id : candidates) {
    if (!valid_[id]) continue;
    double sim = FromAgreement(Agreement(fp, fingerprints_.data() + static_cast<size_t>(id) * fingerprint_bytes_));
    // Compare with a hair of slack so that an estimate of exactly the
    // threshold (e.g. 103/128 vs 0.8) is not lost to the fingerprint bias
    // correction.
    if (sim + 1e-4 >= options_.threshold) out->push_back({id, sim});
  }
}

void LshIndex::Query(const Signature& signature, std::vector<Match>* out) const {
  out->clear();
  std::vector<uint32_t> candidates;
  Candidates(signature, &candidates);
  if (candidates.empty()) return;
  std::vector<uint8_t> fp(fingerprint_bytes_);
  Fingerprints(signature, fp.data());
  Verify(candidates, fp.data(), out);
}

uint32_t LshIndex::QueryInsert(const Signature& signature, std::vector<Match>* out) {
  out->clear();
  const size_t n = static_cast<size_t>(options_.num_values);
  if (signature.size() != n) return Insert(signature);
  const size_t bands = static_cast<size_t>(params_.bands);
  keys_.resize(bands);
  for (size_t b = 0; b < bands; ++b) {
    keys_[b] = BandKey(signature, static_cast<int>(b));
    const Table& t = tables_[b];
    __builtin_prefetch(&t.slots[keys_[b] & (t.slots.size() - 1)]);
  }
  const uint32_t id = static_cast<uint32_t>(count_++);
  AddRows(true);
  uint8_t* fp = fingerprints_.data() + static_cast<size_t>(id) * fingerprint_bytes_;
  Fingerprints(signature, fp);
  candidates_.clear();
  for (size_t b = 0; b < bands; ++b) {
    Slot* slot = FindOrAdd(tables_[b], keys_[b]);
    size_t seen = 0;
    for (uint32_t c = slot->head; c != kNone; c = next_[static_cast<size_t>(c) * bands + b]) {
      if (options_.max_chain != 0 && seen++ >= options_.max_chain) break;
      candidates_.push_back(c);
    }
    next_[static_cast<size_t>(id) * bands + b] = slot->head;
    slot->head = id;
  }
  if (candidates_.empty()) return id;
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  Verify(candidates_, fp, out);
  return id;
}

size_t LshIndex::MemoryBytes() const {
  size_t bytes = valid_.capacity() + fingerprints_.capacity() +
                 next_.capacity() * sizeof(uint32_t) + tables_.capacity() * sizeof(Table);
  for (const Table& t : tables_) bytes += t.slots.size() * sizeof(Slot);
  return bytes;
}

}  // namespace rashomon
