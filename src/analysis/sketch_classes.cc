#include "analysis/sketch_classes.h"

#include <algorithm>
#include <bit>
#include <unordered_map>

#include "base/hash.h"

namespace rashomon::internal {
namespace {

// SameSketch compares every field; a field added to SentenceSketch must be
// compared there too (and hashed in SketchHash when cheap), then this size
// updated.
static_assert(sizeof(SentenceSketch) == 16 * sizeof(std::vector<uint64_t>) + sizeof(int) + 4 +
                                            sizeof(std::array<uint64_t, 4>) + sizeof(uint64_t),
              "SentenceSketch changed: compare the new field in SameSketch");

template <typename T>
uint64_t HashValues(const std::vector<T>& v, uint64_t h) {
  return HashCombine(h, Hash64(v.data(), v.size() * sizeof(T)));
}

uint64_t SketchHash(const SentenceSketch& s) {
  uint64_t h = HashValues(s.seq, static_cast<uint64_t>(s.words));
  h = HashValues(s.numbers, h);
  h = HashValues(s.all, h);
  h = HashValues(s.order, h);
  h = HashValues(s.name_stems, h);
  return HashCombine(h, s.names.size());
}

}  // namespace

bool SameSketch(const SentenceSketch& a, const SentenceSketch& b) {
  return a.words == b.words && a.seq == b.seq && a.stems == b.stems && a.numbers == b.numbers &&
         a.names == b.names && a.name_stems == b.name_stems && a.all == b.all && a.order == b.order && a.weights == b.weights &&
         a.syn_start == b.syn_start && a.syn_ids == b.syn_ids && a.syn_all == b.syn_all &&
         a.bigrams == b.bigrams && a.bag == b.bag && a.order_rank == b.order_rank && a.name_masks == b.name_masks && a.syn_bloom == b.syn_bloom &&
         a.name_ids == b.name_ids && a.name_table == b.name_table;
}

std::vector<uint32_t> SketchClasses(const std::vector<const SentenceSketch*>& sketches) {
  std::vector<uint32_t> out(sketches.size());
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_hash;  // hash -> first sketch of each class
  by_hash.reserve(sketches.size());
  uint32_t next = 0;
  for (uint32_t i = 0; i < sketches.size(); ++i) {
    std::vector<uint32_t>& firsts = by_hash[SketchHash(*sketches[i])];
    auto same = std::find_if(firsts.begin(), firsts.end(),
                             [&](uint32_t f) { return SameSketch(*sketches[f], *sketches[i]); });
    if (same != firsts.end()) {
      out[i] = out[*same];
    } else {
      firsts.push_back(i);
      out[i] = next++;
    }
  }
  return out;
}

ClassPairMemo::Cell& ClassPairMemo::Find(uint32_t cx, const SentenceSketch& x, uint32_t cy,
                                         const SentenceSketch& y) {
  if (2 * (used_ + 1) > cells_.size()) Grow();
  const bool x_low = cx <= cy;
  const uint64_t key = (static_cast<uint64_t>(x_low ? cx : cy) + 1) << 32 | (static_cast<uint64_t>(x_low ? cy : cx) + 1);
  const size_t mask = cells_.size() - 1;
  for (size_t at = Home(key);; at = (at + 1) & mask) {
    Cell& c = cells_[at];
    if (c.key == key) return c;
    if (c.key != 0) continue;
    c.key = key;
    const SentenceSketch& lo = x_low ? x : y;
    const SentenceSketch& hi = x_low ? y : x;
    c.lo_hi = Containment(lo, hi, *idf_);
    c.hi_lo = Containment(hi, lo, *idf_);
    ++used_;
    return c;
  }
}

void ClassPairMemo::Grow() {
  std::vector<Cell> old = std::move(cells_);
  cells_.assign(std::max<size_t>(1024, 2 * old.size()), Cell{});
  shift_ = 64 - static_cast<int>(std::countr_zero(cells_.size()));
  const size_t mask = cells_.size() - 1;
  for (const Cell& c : old) {
    if (c.key == 0) continue;
    size_t at = Home(c.key);
    while (cells_[at].key != 0) at = (at + 1) & mask;
    cells_[at] = c;
  }
}

std::pair<float, float> ClassPairMemo::Inside(uint32_t cx, const SentenceSketch& x, uint32_t cy,
                                              const SentenceSketch& y) {
  const Cell& c = Find(cx, x, cy, y);
  return cx <= cy ? std::pair{c.lo_hi, c.hi_lo} : std::pair{c.hi_lo, c.lo_hi};
}

float ClassPairMemo::Score(uint32_t cx, const SentenceSketch& x, uint32_t cy, const SentenceSketch& y, float ab,
                           float ba) {
  Cell& c = Find(cx, x, cy, y);
  if (!c.has_score) {
    c.score = PairScore(x, y, *idf_, ab, ba);
    c.has_score = true;
  }
  return c.score;
}

}  // namespace rashomon::internal
